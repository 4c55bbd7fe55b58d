/**
 * `Runtime`: hosts orchestrations and activities on a provider. Any number of runtimes (in any
 * number of processes) may share one provider; the provider's locks keep each turn and each
 * activity with one runtime at a time.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { ConfigurationError, ERROR_CODES, isDuroxideError } from '../core/errors/duroxide-error.js';
import type { OrchestrationHandler } from '../core/replay/orchestration-handler.js';
import { DEFAULT_VERSION } from '../core/versioning/semver.js';
import { DUROXIDE_VERSION } from '../core/version.js';
import type { LockedOrchestrationItem, LockedWorkItem, Provider } from '../providers/provider.js';
import { DispatcherLoop } from './dispatchers/dispatcher-loop.js';
import { InstanceCache } from './instance-cache.js';
import type { Logger } from './logger.js';
import { newRuntimeMetrics, type MetricsSnapshot, type RuntimeMetrics } from './metrics.js';
import {
  resolveRuntimeOptions,
  type ResolvedRuntimeOptions,
  type RuntimeOptions,
} from './options.js';
import { OrchestrationDispatcher } from './dispatchers/orchestration-dispatcher.js';
import {
  checkReplay,
  highestRegisteredTarget,
  type ReplayCheckOptions,
  type ReplayCheckReport,
  type UpgradeTarget,
} from './replay-check.js';
import { resolveExecutionVersion } from '../core/versioning/version-policy.js';
import {
  ActivityRegistry,
  OrchestrationRegistry,
  type ActivityHandler,
  type OrchestrationRegistrationOptions,
  type VersionPolicy,
} from './registry.js';
import { SessionTracker } from './session-tracker.js';
import { activityHandlerOf, orchestrationHandlerOf, type Definition } from './definitions.js';
import { isActivityRef, isOrchestrationRef } from '../core/context/definition-refs.js';
import { timerDelay, Waker } from './waker.js';
import { WorkerDispatcher } from './dispatchers/worker-dispatcher.js';
import { FleetView, type SelfNode } from '../client/fleet-view.js';
import { checkProvider, hasCapability } from '../client/provider-capabilities.js';
import { NodeHeartbeat } from './node-heartbeat.js';
import { Observability } from './observability/observability.js';
import { runtimeLogger } from './observability/structured-logger.js';
import {
  metricsRequestListener,
  type MetricsRequestListener,
} from './observability/metrics-handler.js';
import { CodeWatchdog } from './code-watchdog.js';
import { hostname } from 'node:os';

/** Worker-queue fetching loops per runtime (activities run in the background, up to workerConcurrency). */
const WORKER_FETCH_LOOPS = 4;
const TARGET = 'duroxide::runtime';

type State = 'created' | 'running' | 'stopping' | 'stopped';

export class Runtime {
  readonly #provider: Provider;
  readonly #options: ResolvedRuntimeOptions;
  readonly #logger: Logger;
  readonly #orchestrations = new OrchestrationRegistry();
  readonly #activities = new ActivityRegistry();
  readonly #metrics: RuntimeMetrics = newRuntimeMetrics();
  readonly #cache: InstanceCache;
  readonly #observability: Observability;
  readonly #runtimeId = randomBytes(2).toString('hex');
  #state: State = 'created';
  #orchLoop: DispatcherLoop<LockedOrchestrationItem> | undefined;
  #workLoop: DispatcherLoop<LockedWorkItem> | undefined;
  #worker: WorkerDispatcher | undefined;
  #orchestration: OrchestrationDispatcher | undefined;
  #unsubscribe: (() => void) | undefined;
  #unjump: (() => void) | undefined;
  #sessions: SessionTracker | undefined;
  #heartbeat: NodeHeartbeat | undefined;
  /** Stops runaway orchestration code; set once its thread is up (code-watchdog.ts). */
  #watchdog: CodeWatchdog | undefined;
  #watchdogStarting: Promise<CodeWatchdog | undefined> | undefined;
  readonly #fleet: FleetView;
  readonly #nodeId: string;

  /**
   * @param provider storage, e.g. `await SqliteProvider.open('sqlite:./app.db')`
   * @throws InvalidInputError for invalid options
   * @example
   * const runtime = new Runtime(provider, { orchestrationConcurrency: 4 });
   * runtime.registerActivity('Greet', async (ctx, name) => `Hello, ${name}`);
   * runtime.registerOrchestration('Hello', async (ctx, name) => ctx.scheduleActivity('Greet', name));
   * await runtime.start();
   */
  constructor(provider: Provider, options: RuntimeOptions = {}) {
    checkProvider(provider, 'Runtime');
    this.#provider = provider;
    const resolved = resolveRuntimeOptions(options);
    // Without local-activity hand-off every activity and turn goes through the queues.
    this.#options = provider.capabilities.localActivityHandoff
      ? resolved
      : { ...resolved, localActivities: false };
    this.#nodeId = this.#options.workerNodeId ?? `${hostname()}-${process.pid}-${this.#runtimeId}`;
    // Without its own sink or logger, a runtime writes to the trace file of initTracing, at that level.
    this.#logger = runtimeLogger(this.#options, this.#nodeId);
    this.#cache = new InstanceCache(this.#options.instanceCacheSize);
    this.#observability = new Observability({
      // Queue statistics need the provider's management capability.
      queueStats: hasCapability(provider, 'management')
        ? () => provider.operatorStore().getQueueStats()
        : undefined,
      cachedInstances: () => this.#cache.size,
    });
    this.#fleet = new FleetView(provider, this.#options.fleetRefreshMs);
  }

  /** This runtime's id in the node registry (`workerNodeId` when set). */
  get nodeId(): string {
    return this.#nodeId;
  }

  /** Registers an activity (any async function of its input). */
  registerActivity<I = unknown, O = unknown>(name: string, handler: ActivityHandler<I, O>): this {
    this.#activities.register(name, handler as ActivityHandler);
    return this;
  }

  /**
   * Registers an orchestration as version 1.0.0 (async function or generator function).
   * @param options.inputSchema - a Standard Schema (zod, valibot, arktype, …) every new
   *   execution's input must pass before the code runs (else the execution fails with
   *   `INPUT_REJECTED`).
   * @throws ConfigurationError (INVALID_REGISTRATION) for a duplicate name or a malformed schema
   * @example
   * runtime.registerOrchestration('Order', orderFlow, { inputSchema: z.object({ sku: z.string() }) });
   */
  registerOrchestration<I = unknown, O = unknown>(
    name: string,
    handler: OrchestrationHandler<I, O>,
    options?: OrchestrationRegistrationOptions,
  ): this {
    this.#orchestrations.register(name, DEFAULT_VERSION, handler as OrchestrationHandler, options);
    return this;
  }

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
  registerOrchestrationVersioned<I = unknown, O = unknown>(
    name: string,
    version: string,
    handler: OrchestrationHandler<I, O>,
    options?: OrchestrationRegistrationOptions,
  ): this {
    this.#orchestrations.register(name, version, handler as OrchestrationHandler, options);
    return this;
  }

  /**
   * duroxide-node's typed registrations. Inputs and outputs are JSON values here already, so
   * each is the same as the untyped method; they exist so duroxide-node code runs unchanged.
   */
  registerActivityTyped<I = unknown, O = unknown>(
    name: string,
    handler: ActivityHandler<I, O>,
  ): this {
    return this.registerActivity(name, handler);
  }
  /** Same as {@link registerOrchestration} (see {@link registerActivityTyped}). */
  registerOrchestrationTyped<I = unknown, O = unknown>(
    name: string,
    handler: OrchestrationHandler<I, O>,
    options?: OrchestrationRegistrationOptions,
  ): this {
    return this.registerOrchestration(name, handler, options);
  }
  /** Same as {@link registerOrchestrationVersioned} (see {@link registerActivityTyped}). */
  registerOrchestrationVersionedTyped<I = unknown, O = unknown>(
    name: string,
    version: string,
    handler: OrchestrationHandler<I, O>,
    options?: OrchestrationRegistrationOptions,
  ): this {
    return this.registerOrchestrationVersioned(name, version, handler, options);
  }

  /**
   * Registers definitions made with `defineOrchestration` / `defineActivity`: an orchestration
   * under its version (1.0.0 when it has none) with its input schema, its output checked when it
   * returns; an activity with its input and output checked around each run.
   * @throws ConfigurationError (INVALID_REGISTRATION) for a duplicate or something else than a definition
   * @example runtime.register(Order, Charge, Ship);
   */
  register(...definitions: readonly Definition[]): this {
    for (const def of definitions) {
      if (isOrchestrationRef(def)) {
        const handler = orchestrationHandlerOf(def);
        const options = { inputSchema: def.input };
        this.#orchestrations.register(def.name, def.version ?? DEFAULT_VERSION, handler, options);
      } else if (isActivityRef(def)) {
        this.#activities.register(def.name, activityHandlerOf(def));
      } else {
        throw new ConfigurationError(
          ERROR_CODES.INVALID_REGISTRATION,
          'runtime.register takes definitions made with defineOrchestration or defineActivity; register functions with registerOrchestration / registerActivity',
        );
      }
    }
    return this;
  }

  /**
   * This node's default for which version new executions of `name` run: `'latest'` (default) or
   * `{ exact: '1.2.0' }`. It applies only while no policy is stored for the name
   * (`client.setVersionPolicy` steers the whole fleet) and every live node that registers the
   * name sets the same default; otherwise fleet "latest" applies (docs/versioning.md).
   * @throws ConfigurationError (INVALID_REGISTRATION) when `name`, or the exact version, is not
   *   registered on this runtime (register first, then set the policy).
   */
  setVersionPolicy(name: string, policy: VersionPolicy): this {
    this.#orchestrations.setPolicy(name, policy);
    return this;
  }

  /** Starts the dispatchers. Resolves once they run. */
  async start(): Promise<void> {
    if (this.#state !== 'created') {
      throw new ConfigurationError(
        ERROR_CODES.INVALID_STATE,
        `runtime cannot start: it is ${this.#state}`,
      );
    }
    this.#state = 'running';
    try {
      // A store that can never answer (a closed provider) fails the start instead of leaving
      // dispatchers warning forever; a transient failure (a database restarting) does not.
      await this.#provider.nextOrchestratorVisibleAt();
    } catch (error) {
      if (!isDuroxideError(error) || !error.retryable) {
        this.#state = 'created';
        throw error;
      }
    }
    const provider = this.#provider;
    await this.#observability.start(this.#options.tracing);
    if (hasCapability(provider, 'fleet')) {
      this.#heartbeat = new NodeHeartbeat({
        provider,
        nodeId: this.#nodeId,
        intervalMs: this.#options.nodeHeartbeatIntervalMs,
        historyFormat: this.#options.historyFormat,
        orchestrations: this.#orchestrations,
        activities: this.#activities,
        logger: this.#logger,
      });
      await this.#heartbeat.start();
    } else {
      this.#logger.warn(
        TARGET,
        `provider ${provider.name} has no fleet storage (capability 'fleet'): fleet-safe versioning is off — versions are ` +
          "decided from this runtime's registry and in-code policy only, and no node heartbeat is written",
        { runtimeId: this.#runtimeId },
      );
    }
    const self: SelfNode = {
      nodeId: this.#nodeId,
      versionsOf: (name) => this.#orchestrations.versionsOf(name),
    };
    const { clock } = this.#options;
    const now = (): number => clock.now();
    const orchWaker = new Waker(now);
    const workWaker = new Waker(now);
    this.#unjump = clock.onJump?.(() => {
      orchWaker.recheck();
      workWaker.recheck();
    });
    this.#unsubscribe = this.#provider.subscribe((signal) => {
      if (signal.kind === 'orchestrator') orchWaker.wakeAt(signal.visibleAt);
      else if (signal.kind === 'worker') workWaker.wake();
      else if (signal.kind === 'activityCancelled')
        this.#worker?.cancelRunning(signal.instanceId, signal.executionId, signal.activityId);
    });
    this.#sessions = new SessionTracker(this.#provider, this.#options, this.#logger);
    this.#sessions.start();
    this.#worker = new WorkerDispatcher({
      provider: this.#provider,
      registry: this.#activities,
      options: this.#options,
      logger: this.#logger,
      metrics: this.#metrics,
      observability: this.#observability,
      runtimeId: this.#runtimeId,
      nodeId: this.#nodeId,
      sessions: this.#sessions,
      onCapacity: () => workWaker.wake(),
    });
    const worker = this.#worker;
    if (
      this.#options.orchestrationCodeTimeoutMs > 0 &&
      this.#options.orchestrationConcurrency > 0
    ) {
      // Awaited: code looping before the thread is connected would block the connection itself.
      this.#watchdogStarting = CodeWatchdog.start(
        this.#options.orchestrationCodeTimeoutMs,
        this.#logger,
      );
      this.#watchdog = await this.#watchdogStarting;
    }
    const watchdogOf = (): CodeWatchdog | undefined => this.#watchdog;
    const orchestration = new OrchestrationDispatcher({
      provider: this.#provider,
      worker,
      registry: this.#orchestrations,
      options: this.#options,
      cache: this.#cache,
      logger: this.#logger,
      metrics: this.#metrics,
      observability: this.#observability,
      versions: { fleet: this.#fleet, self },
      get watchdog() {
        return watchdogOf();
      },
    });
    this.#orchestration = orchestration;
    const onFetchError = (): void => {
      this.#metrics.providerErrors++;
      this.#observability.instruments.providerErrors.inc();
    };
    this.#orchLoop = new DispatcherLoop({
      name: 'orchestration dispatcher',
      slots: this.#options.orchestrationConcurrency,
      waker: orchWaker,
      maxIdleMs: this.#options.dispatcherPollIntervalMs,
      logger: this.#logger,
      fetch: () => orchestration.fetch(),
      process: (item) => orchestration.process(item),
      nextVisibleAt: () => this.#provider.nextOrchestratorVisibleAt(),
      now,
      onFetchError,
      signalsAcrossProcesses: this.#provider.capabilities.crossProcessSignals,
    });
    this.#workLoop = new DispatcherLoop({
      name: 'worker dispatcher',
      // Fetching loops; each hands its item to the background and fetches again while a slot
      // of workerConcurrency is free.
      slots: Math.min(this.#options.workerConcurrency, WORKER_FETCH_LOOPS),
      waker: workWaker,
      maxIdleMs: this.#options.dispatcherPollIntervalMs,
      logger: this.#logger,
      fetch: (slot) => worker.fetch(slot),
      process: (item, slot) => worker.process(item, slot),
      onFetchError,
      signalsAcrossProcesses: this.#provider.capabilities.crossProcessSignals,
    });
    this.#logger.info(
      TARGET,
      `duroxide-ts runtime ${DUROXIDE_VERSION} starting with provider ${this.#provider.name}`,
      {
        runtimeId: this.#runtimeId,
        ...(this.#options.serviceName === undefined
          ? {}
          : { serviceName: this.#options.serviceName }),
        ...(this.#options.serviceVersion === undefined
          ? {}
          : { serviceVersion: this.#options.serviceVersion }),
        orchestrations: this.#orchestrations.listNames(),
        activities: this.#activities.listNames(),
      },
    );
    this.#orchLoop.start();
    this.#workLoop.start();
  }

  /**
   * Stops taking new work and waits for in-flight turns and activities to finish, at most
   * `timeoutMs` (default 10 s); returns as soon as everything has stopped. Work still running at
   * the deadline is abandoned: its locks expire and another runtime (or a restart) redoes it.
   */
  async shutdown(timeoutMs = 10_000): Promise<void> {
    if (this.#state !== 'running') {
      this.#state = 'stopped';
      return;
    }
    this.#state = 'stopping';
    this.#unsubscribe?.();
    this.#unjump?.();
    this.#sessions?.stop();
    const stopped = Promise.all([
      this.#orchLoop?.stop(),
      this.#workLoop?.stop(),
      this.#orchestration?.stop(),
    ]).then(() => this.#worker?.drain());
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timerDelay(timeoutMs));
    });
    const outcome = await Promise.race([stopped.then(() => 'stopped' as const), deadline]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.#worker?.abortAll();
      this.#logger.warn(
        TARGET,
        `shutdown timed out after ${timeoutMs} ms; in-flight work will be retried`,
      );
    }
    await this.#heartbeat?.stop();
    await (await this.#watchdogStarting)?.stop();
    this.#watchdog = undefined;
    this.#cache.clear();
    this.#observability.stop();
    this.#state = 'stopped';
    this.#logger.info(TARGET, 'runtime stopped', { runtimeId: this.#runtimeId });
  }

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
  checkReplay(options?: ReplayCheckOptions): Promise<ReplayCheckReport> {
    // The version an instance moves to once this code is deployed: the stored fleet policy with
    // this runtime's registry as the fleet (never backwards), the highest version here without one.
    const provider = this.#provider;
    const storedPolicies = hasCapability(provider, 'fleet')
      ? provider.listVersionPolicies()
      : Promise.resolve([]);
    const policies = storedPolicies.then(
      (list) => new Map(list.map((p) => [p.orchestrationName, p.policy] as const)),
    );
    const fallback = highestRegisteredTarget(this.#orchestrations);
    const upgradeTarget: UpgradeTarget = async (name, currentVersion, instanceId) => {
      const stored = (await policies).get(name);
      const mine = this.#orchestrations.versionsOf(name);
      if (stored === undefined || mine === undefined)
        return fallback(name, currentVersion, instanceId);
      return resolveExecutionVersion({
        storedPolicy: stored,
        nodes: [mine],
        instanceId,
        currentVersion,
      }).version;
    };
    return checkReplay(
      this.#provider,
      { registry: this.#orchestrations, options: this.#options, logger: this.#logger },
      options,
      upgradeTarget,
    );
  }

  /**
   * Every metric of this runtime (docs/observability.md) in the Prometheus text format, with
   * the store's queue depths read now.
   * @throws ProviderError when the store cannot be read
   * @example
   * const text = await runtime.prometheusMetrics();
   */
  prometheusMetrics(): Promise<string> {
    return this.#observability.prometheusText();
  }

  /**
   * A Node `http` request listener serving {@link prometheusMetrics}, for applications without
   * the management server (which serves the same at `GET /metrics`).
   * @example
   * http.createServer(runtime.metricsHandler()).listen(9464); // or app.get('/metrics', runtime.metricsHandler())
   */
  metricsHandler(): MetricsRequestListener {
    return metricsRequestListener(() => this.prometheusMetrics());
  }

  /** In-process counters since start. */
  metricsSnapshot(): MetricsSnapshot {
    return { ...this.#metrics, cachedInstances: this.#cache.size };
  }
}
