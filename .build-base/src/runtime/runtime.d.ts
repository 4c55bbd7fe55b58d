import type { OrchestrationHandler } from '../core/replay/orchestration-handler.js';
import type { Provider } from '../providers/provider.js';
import { type MetricsSnapshot } from './metrics.js';
import { type RuntimeOptions } from './options.js';
import { type ReplayCheckOptions, type ReplayCheckReport } from './replay-check.js';
import { type ActivityHandler, type OrchestrationRegistrationOptions, type VersionPolicy } from './registry.js';
export declare class Runtime {
    #private;
    /**
     * @param provider storage, e.g. `await SqliteProvider.open('sqlite:./app.db')`
     * @throws InvalidInputError for invalid options
     * @example
     * const runtime = new Runtime(provider, { orchestrationConcurrency: 4 });
     * runtime.registerActivity('Greet', async (ctx, name) => `Hello, ${name}`);
     * runtime.registerOrchestration('Hello', async (ctx, name) => ctx.scheduleActivity('Greet', name));
     * await runtime.start();
     */
    constructor(provider: Provider, options?: RuntimeOptions);
    /** This runtime's id in the node registry (`workerNodeId` when set). */
    get nodeId(): string;
    /** Registers an activity (any async function of its input). */
    registerActivity<I = unknown, O = unknown>(name: string, handler: ActivityHandler<I, O>): this;
    /**
     * Registers an orchestration as version 1.0.0 (async function or generator function).
     * @param options.inputSchema - a Standard Schema (zod, valibot, arktype, …) every new
     *   execution's input must pass before the code runs (else the execution fails with
     *   `INPUT_REJECTED`).
     * @throws ConfigurationError (INVALID_REGISTRATION) for a duplicate name or a malformed schema
     * @example
     * runtime.registerOrchestration('Order', orderFlow, { inputSchema: z.object({ sku: z.string() }) });
     */
    registerOrchestration<I = unknown, O = unknown>(name: string, handler: OrchestrationHandler<I, O>, options?: OrchestrationRegistrationOptions): this;
    /**
     * Registers one version of an orchestration. Several versions of a name live side by side;
     * running executions keep replaying the version they started with.
     * @param options.inputSchema - a Standard Schema every new execution of this version
     *   (start, sub-orchestration, continue-as-new into it) must pass before its code runs.
     * @throws ConfigurationError (INVALID_REGISTRATION) for a non-semver or duplicate version, or
     *   a malformed schema
     * @example
     * runtime.registerOrchestrationVersioned('Order', '2.0.0', orderFlowV2, { inputSchema: OrderStateV2 });
     */
    registerOrchestrationVersioned<I = unknown, O = unknown>(name: string, version: string, handler: OrchestrationHandler<I, O>, options?: OrchestrationRegistrationOptions): this;
    /**
     * duroxide-node's typed registrations. Inputs and outputs are JSON values here already, so
     * each is the same as the untyped method; they exist so duroxide-node code runs unchanged.
     */
    registerActivityTyped<I = unknown, O = unknown>(name: string, handler: ActivityHandler<I, O>): this;
    /** Same as {@link registerOrchestration} (see {@link registerActivityTyped}). */
    registerOrchestrationTyped<I = unknown, O = unknown>(name: string, handler: OrchestrationHandler<I, O>, options?: OrchestrationRegistrationOptions): this;
    /** Same as {@link registerOrchestrationVersioned} (see {@link registerActivityTyped}). */
    registerOrchestrationVersionedTyped<I = unknown, O = unknown>(name: string, version: string, handler: OrchestrationHandler<I, O>, options?: OrchestrationRegistrationOptions): this;
    /**
     * This node's default for which version new executions of `name` run: `'latest'` (default) or
     * `{ exact: '1.2.0' }`. It applies only while no policy is stored for the name
     * (`client.setVersionPolicy` steers the whole fleet) and every live node that registers the
     * name sets the same default; otherwise fleet "latest" applies (docs/versioning.md).
     * @throws ConfigurationError (INVALID_REGISTRATION) when `name`, or the exact version, is not
     *   registered on this runtime (register first, then set the policy).
     */
    setVersionPolicy(name: string, policy: VersionPolicy): this;
    /** Starts the dispatchers. Resolves once they run. */
    start(): Promise<void>;
    /**
     * Stops taking new work and waits for in-flight turns and activities to finish, at most
     * `timeoutMs` (default 10 s); returns as soon as everything has stopped. Work still running at
     * the deadline is abandoned: its locks expire and another runtime (or a restart) redoes it.
     */
    shutdown(timeoutMs?: number): Promise<void>;
    /**
     * Replays the stored history of running instances against the orchestrations registered on
     * this runtime and reports, per instance, `ok` or where the code diverges — run it before
     * deploying new code. Replays exactly as a turn would (with the instance's KV snapshot and
     * this runtime's limits). Also lists, in `inputRejections`, running instances whose current
     * input the input schema of the version they would move to at their next continue-as-new
     * (for now: the highest version registered here) rejects. Never changes stored state; works
     * without `start()`.
     * @example
     * const report = await runtime.checkReplay();
     * for (const r of report.results) if (r.outcome !== 'ok') console.log(r.instanceId, r.message);
     */
    checkReplay(options?: ReplayCheckOptions): Promise<ReplayCheckReport>;
    /** In-process counters since start. */
    metricsSnapshot(): MetricsSnapshot;
}
