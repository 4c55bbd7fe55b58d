/**
 * Child-process entry for the fleet versioning tests: one Runtime on a shared store (a SQLite
 * file or a PostgreSQL schema) registering the versions of its deploy "role":
 * - `old`: Monitor 1.0.0 only (state `{ target, ticks }`);
 * - `new`: Monitor 1.0.0 and 2.0.0 (2.0.0 migrates `{ target }` to `{ targets }`; 1.0.0 code
 *   reading 2.0.0 state fails — exactly what a downgrade would do).
 * Every Monitor execution records its version in the side-effect log `DUROXIDE_FP_LOG`.
 *
 * Environment: `DUROXIDE_FP_STOP` (the stop file), `DUROXIDE_FP_STORE` (`sqlite:<file>` or a postgres URL), `DUROXIDE_FP_SCHEMA`
 * (PostgreSQL), `DUROXIDE_FP_ROLE`, `DUROXIDE_FP_NAME`, `DUROXIDE_FP_LOG`, `DUROXIDE_FP_OPTIONS`
 * (JSON RuntimeOptions). Protocol as `runtime-process.ts`: 'ready' once started, graceful stop on
 * SIGTERM, exit when the parent disappears. Run directly by the test runner it does nothing.
 * @module
 */
import { appendFileSync, existsSync } from 'node:fs';
import { Runtime, SqliteProvider, } from '../../src/index.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
const store = process.env.DUROXIDE_FP_STORE;
const log = process.env.DUROXIDE_FP_LOG;
function send(message) {
    if (process.connected)
        process.send?.(message);
}
/**
 * Monitor: probes its target(s), waits 20 ms and continues as new, until the file
 * `DUROXIDE_FP_STOP` exists (read by the Probe activity, so the orchestration stays
 * deterministic). Its output names the version of its last execution.
 */
export function registerMonitor(rt, role, record) {
    const stopFile = process.env.DUROXIDE_FP_STOP ?? '';
    rt.registerActivity('Probe', async (_ctx, target) => ({
        target,
        stop: stopFile !== '' && existsSync(stopFile),
    }));
    rt.registerOrchestration('Monitor', async (ctx, state) => {
        // 1.0.0 reads `target`; given 2.0.0 state it fails here, like real v1 code would.
        const target = state.target.toUpperCase();
        if (!ctx.isReplaying)
            record({ instanceId: ctx.instanceId, version: '1.0.0', ticks: state.ticks });
        const probe = await ctx.scheduleActivity('Probe', target);
        if (probe.stop)
            return { version: '1.0.0', ticks: state.ticks };
        await ctx.scheduleTimer(20);
        return ctx.continueAsNew({ ...state, ticks: state.ticks + 1 });
    });
    if (role === 'new') {
        rt.registerOrchestrationVersioned('Monitor', '2.0.0', async (ctx, raw) => {
            const state = 'targets' in raw ? raw : { targets: [raw.target], ticks: raw.ticks };
            if (!ctx.isReplaying)
                record({ instanceId: ctx.instanceId, version: '2.0.0', ticks: state.ticks });
            const probes = await Promise.all(state.targets.map((t) => ctx.scheduleActivity('Probe', t)));
            if (probes.some((p) => p.stop))
                return { version: '2.0.0', ticks: state.ticks };
            await ctx.scheduleTimer(20);
            return ctx.continueAsNew({ ...state, ticks: state.ticks + 1 });
        });
    }
}
async function open(url) {
    if (url.startsWith('sqlite:'))
        return SqliteProvider.open(url);
    return PostgresProvider.connectWithSchema(url, process.env.DUROXIDE_FP_SCHEMA ?? 'public');
}
async function main(url, file) {
    const proc = process.env.DUROXIDE_FP_NAME ?? String(process.pid);
    const role = process.env.DUROXIDE_FP_ROLE ?? 'old';
    const overrides = JSON.parse(process.env.DUROXIDE_FP_OPTIONS ?? '{}');
    const provider = await open(url);
    const rt = new Runtime(provider, { logLevel: 'error', workerNodeId: proc, ...overrides });
    registerMonitor(rt, role, (e) => appendFileSync(file, `${JSON.stringify({ proc, at: Date.now(), ...e })}\n`));
    let stopping = false;
    process.on('SIGTERM', () => {
        if (stopping)
            return;
        stopping = true;
        void (async () => {
            await rt.shutdown(5_000);
            const metrics = rt.metricsSnapshot();
            await provider.close();
            send({ type: 'stopped', metrics });
            process.disconnect?.();
            setTimeout(() => process.exit(0), 200).unref();
        })();
    });
    process.on('disconnect', () => {
        if (!stopping)
            process.exit(1);
    });
    await rt.start();
    send({ type: 'ready', pid: process.pid });
}
if (process.send !== undefined && store !== undefined && log !== undefined) {
    main(store, log).catch((error) => {
        send({
            type: 'error',
            message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
        process.exit(1);
    });
}
//# sourceMappingURL=fleet-process.js.map