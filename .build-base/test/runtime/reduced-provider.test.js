/**
 * The runtime and client on a provider that lacks optional capabilities
 * (docs/decisions/0006-provider-capabilities.md): each missing group falls back — activities
 * and turns through the queues, versions from the local registry — or is refused with a
 * `CAPABILITY_MISSING` ConfigurationError naming the capability.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client, ConfigurationError, Runtime, SqliteProvider, } from '../../src/index.js';
import { reducedProvider } from '../helpers/reduced-provider.js';
import { uid } from '../helpers/runtime-harness.js';
const WAIT_MS = 20_000;
/** A started runtime and a client on an in-memory SQLite provider with `hidden` capabilities hidden. */
async function onReduced(t, hidden, register, options = {}) {
    const inner = await SqliteProvider.inMemory();
    const reduced = reducedProvider(inner, hidden);
    const logs = [];
    const runtime = new Runtime(reduced.provider, {
        logLevel: 'warn',
        logSink: (r) => logs.push(r),
        fleetRefreshMs: 0,
        ...options,
    });
    register(runtime);
    await runtime.start();
    t.after(async () => {
        await runtime.shutdown(2000);
        await inner.close();
    });
    return {
        ...reduced,
        inner,
        runtime,
        client: new Client(reduced.provider, { fleetRefreshMs: 0 }),
        logs,
    };
}
function isCapabilityMissing(capability) {
    return (error) => {
        assert.ok(error instanceof ConfigurationError, String(error));
        assert.equal(error.code, 'CAPABILITY_MISSING');
        assert.match(error.message, new RegExp(`'${capability}'`));
        return true;
    };
}
async function chain(ctx, n) {
    let x = n;
    for (let i = 0; i < 3; i++)
        x = await ctx.scheduleActivity('Inc', x);
    return x;
}
describe('runtime on a provider without optional capabilities', () => {
    test('without local-activity hand-off a chain of activities completes through the worker queue', async (t) => {
        const s = await onReduced(t, ['localActivityHandoff'], (rt) => {
            rt.registerActivity('Inc', async (_ctx, x) => x + 1);
            rt.registerOrchestration('Chain', chain);
        });
        const id = uid('no-handoff');
        await s.client.startOrchestration(id, 'Chain', 10);
        const status = await s.client.waitForOrchestration(id, WAIT_MS);
        assert.equal(status.status, 'Completed');
        assert.equal(status.output, 13);
        assert.deepEqual(s.misuses, [], 'the runtime never asks for a hand-off');
        const metrics = s.runtime.metricsSnapshot();
        assert.equal(metrics.localActivityRuns, 0);
        assert.equal(metrics.localTurns, 0);
    });
    test('without fleet storage starts run the highest registered version, the in-code policy applies, and no heartbeat is written', async (t) => {
        const s = await onReduced(t, ['fleet'], (rt) => {
            rt.registerOrchestrationVersioned('Latest', '1.0.0', async () => '1.0.0');
            rt.registerOrchestrationVersioned('Latest', '2.0.0', async () => '2.0.0');
            rt.registerOrchestrationVersioned('Pinned', '1.0.0', async () => '1.0.0');
            rt.registerOrchestrationVersioned('Pinned', '2.0.0', async () => '2.0.0');
            rt.setVersionPolicy('Pinned', { exact: '1.0.0' });
        });
        const latest = uid('no-fleet-latest');
        const pinned = uid('no-fleet-pinned');
        await s.client.startOrchestration(latest, 'Latest');
        await s.client.startOrchestration(pinned, 'Pinned');
        assert.equal((await s.client.waitForOrchestration(latest, WAIT_MS)).output, '2.0.0');
        assert.equal((await s.client.waitForOrchestration(pinned, WAIT_MS)).output, '1.0.0');
        assert.equal((await s.client.getInstanceInfo(pinned)).orchestrationVersion, '1.0.0');
        assert.deepEqual(await s.inner.listNodes(), [], 'no node row');
        const notices = s.logs.filter((r) => r.message.includes('fleet-safe versioning is off'));
        assert.equal(notices.length, 1, 'logged once at start');
        assert.match(notices[0].message, /'fleet'/);
    });
    test('without fleet storage the client fleet methods throw CAPABILITY_MISSING naming the capability', async (t) => {
        const s = await onReduced(t, ['fleet'], (rt) => rt.registerOrchestration('Done', async () => 1));
        const id = uid('no-fleet-ops');
        await s.client.startOrchestration(id, 'Done');
        await s.client.waitForOrchestration(id, WAIT_MS);
        await assert.rejects(s.client.setVersionPolicy('Done', 'latest'), isCapabilityMissing('fleet'));
        await assert.rejects(s.client.listNodes(), isCapabilityMissing('fleet'));
        await assert.rejects(s.client.listAuditLog(), isCapabilityMissing('fleet'));
        await assert.rejects(s.client.restartInstance(id), isCapabilityMissing('fleet'));
        await assert.rejects(s.client.setVersionPolicy('Done', 'latest'), /client\.setVersionPolicy/);
    });
    test('without management the client management methods throw CAPABILITY_MISSING naming the capability', async (t) => {
        const s = await onReduced(t, ['management'], (rt) => rt.registerOrchestration('Done', async () => 1));
        const id = uid('no-mgmt');
        await s.client.startOrchestration(id, 'Done');
        await s.client.waitForOrchestration(id, WAIT_MS);
        await assert.rejects(s.client.getSystemMetrics(), isCapabilityMissing('management'));
        await assert.rejects(s.client.deleteInstance(id), isCapabilityMissing('management'));
        await assert.rejects(s.client.queryInstances({}), isCapabilityMissing('management'));
        await assert.rejects(s.client.pruneExecutions(id), isCapabilityMissing('management'));
        assert.equal((await s.client.getStatus(id)).status, 'Completed', 'the core still works');
    });
    test('without sessions an activity scheduled on a session fails the execution with CAPABILITY_MISSING', async (t) => {
        const ran = [];
        const s = await onReduced(t, ['sessions'], (rt) => {
            rt.registerActivity('Echo', async (_ctx, x) => {
                ran.push(x);
                return x;
            });
            rt.registerOrchestration('Sessions', async (ctx) => {
                await ctx.scheduleActivity('Echo', 'plain');
                return ctx.scheduleActivityOnSession('Echo', 'routed', 'session-1');
            });
        });
        const id = uid('no-sessions');
        await s.client.startOrchestration(id, 'Sessions');
        const status = await s.client.waitForOrchestration(id, WAIT_MS);
        assert.equal(status.status, 'Failed');
        assert.match(status.error ?? '', /session 'session-1'.*capability 'sessions'/);
        assert.deepEqual(ran, ['plain'], 'the session activity never ran unrouted');
        assert.deepEqual(s.misuses, [], 'no fetch asked for session routing');
    });
});
describe('checking a provider declaration', () => {
    async function complete(t) {
        const inner = await SqliteProvider.inMemory();
        t.after(() => inner.close());
        return inner;
    }
    test('a provider that declares a capability without its methods is refused by Runtime and Client', async (t) => {
        const { provider } = reducedProvider(await complete(t), ['fleet']);
        const lying = new Proxy(provider, {
            get: (target, key, receiver) => key === 'capabilities'
                ? { ...target.capabilities, fleet: true }
                : Reflect.get(target, key, receiver),
        });
        for (const build of [() => new Runtime(lying), () => new Client(lying)]) {
            assert.throws(build, (error) => {
                isCapabilityMissing('fleet')(error);
                assert.match(error.message, /listVersionPolicies/);
                return true;
            });
        }
    });
    test('a provider without a capabilities declaration is refused, naming the flags to declare', async (t) => {
        const inner = await complete(t);
        const undeclared = new Proxy(inner, {
            get: (target, key) => {
                if (key === 'capabilities')
                    return undefined;
                const value = Reflect.get(target, key, target);
                return typeof value === 'function'
                    ? value.bind(target)
                    : value;
            },
        });
        assert.throws(() => new Runtime(undeclared), (error) => error instanceof ConfigurationError &&
            error.code === 'CAPABILITY_MISSING' &&
            /localActivityHandoff/.test(error.message));
    });
});
//# sourceMappingURL=reduced-provider.test.js.map