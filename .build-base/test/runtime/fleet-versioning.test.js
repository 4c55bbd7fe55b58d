/**
 * Fleet versioning on one process, on both stores: the stored version policy, versions decided
 * by the creator of the work, never backwards, sticky pins and "move at the next
 * continue-as-new", resume and restart after a bad deploy, the node registry, and engine
 * capability filtering. The multi-process rolling deploy is in fleet-rolling-deploy.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, ConfigurationError, Runtime, } from '../../src/index.js';
import { z } from 'zod';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS, testStore } from '../helpers/test-store.js';
import { eventually } from '../helpers/eventually.js';
const WAIT_MS = 20_000;
const FAST = { logLevel: 'off', fleetRefreshMs: 0, nodeHeartbeatIntervalMs: 100 };
/** Continues as new until `stop`, recording nothing: the executions' versions tell the story. */
function counter(version) {
    return async (ctx, s) => {
        await ctx.scheduleActivity('Noop', s.i);
        if (s.i + 1 >= s.stop)
            return { version, i: s.i + 1 };
        return ctx.continueAsNew({ i: s.i + 1, stop: s.stop });
    };
}
async function runtimeOn(t, provider, setup, options = {}) {
    const rt = new Runtime(provider, { ...FAST, ...options });
    setup(rt);
    await rt.start();
    t.after(() => rt.shutdown(2000));
    return rt;
}
function counterVersions(rt, versions) {
    rt.registerActivity('Noop', async (_ctx, x) => x);
    for (const v of versions)
        rt.registerOrchestrationVersioned('Counter', v, counter(v));
}
async function executionVersions(client, id) {
    const ids = await client.listExecutions(id);
    const out = [];
    for (const e of ids)
        out.push((await client.getExecutionInfo(id, e)).orchestrationVersion ?? 'unknown');
    return out;
}
/** Raises 'next' and waits until the instance continued as new (or completed). */
async function advance(client, id) {
    const before = (await client.getInstanceInfo(id)).currentExecutionId;
    await client.raiseEvent(id, 'next', null);
    await eventually('next execution', async () => {
        const info = await client.getInstanceInfo(id);
        return info.currentExecutionId > before || info.status === 'Completed' ? true : undefined;
    }, { timeoutMs: WAIT_MS });
}
for (const kind of STORE_KINDS) {
    describe(`fleet versioning (${kind})`, () => {
        let store;
        const setup = async (t) => {
            store = await testStore(t, kind);
            const provider = await store.open();
            return { provider, client: new Client(await store.open(), { fleetRefreshMs: 0 }) };
        };
        test('a start runs the version the stored policy names, decided by the client', async (t) => {
            const { provider, client } = await setup(t);
            await runtimeOn(t, provider, (rt) => counterVersions(rt, ['1.0.0', '2.0.0']));
            await client.setVersionPolicy('Counter', { kind: 'pinned', version: '1.0.0' }, { actor: 'ana', reason: 'hold back' });
            const id = uid('pinned-start');
            await client.startOrchestration(id, 'Counter', { i: 0, stop: 1 });
            const status = await client.waitForOrchestration(id, WAIT_MS);
            assert.deepEqual(status.output, { version: '1.0.0', i: 1 });
            const policy = await client.getVersionPolicy('Counter');
            assert.deepEqual(policy?.policy, { kind: 'pinned', version: '1.0.0' });
            assert.equal(policy?.updatedBy, 'ana');
            const audit = await client.listAuditLog({ target: 'orchestration:Counter' });
            assert.equal(audit.items[0]?.action, 'version-policy.set');
            assert.equal(audit.items[0]?.reason, 'hold back');
        });
        test('setVersionPolicy refuses a version no live node registers unless forced', async (t) => {
            const { provider, client } = await setup(t);
            await runtimeOn(t, provider, (rt) => counterVersions(rt, ['1.0.0']));
            await assert.rejects(client.setVersionPolicy('Counter', { kind: 'pinned', version: '3.0.0' }), (e) => e instanceof ConfigurationError &&
                e.code === 'VERSION_NOT_REGISTERED' &&
                /'Counter'@3\.0\.0/.test(e.message) &&
                /1\.0\.0/.test(e.message));
            assert.equal(await client.getVersionPolicy('Counter'), null);
            const forced = await client.setVersionPolicy('Counter', { kind: 'pinned', version: '3.0.0' }, { force: true });
            assert.equal(forced.revision, 1);
            await assert.rejects(client.setVersionPolicy('Counter', {
                kind: 'ramp',
                from: '1.0.0',
                to: '1.0.0',
                percent: 5,
            }), /two different versions/);
            await assert.rejects(client.setVersionPolicy('Counter', 'newest'), /must be an object/);
        });
        test('continue-as-new follows a policy change on a running runtime and never goes back', async (t) => {
            const { provider, client } = await setup(t);
            await runtimeOn(t, provider, (rt) => {
                counterVersions(rt, ['1.0.0', '2.0.0']);
                rt.registerOrchestrationVersioned('Gate', '1.0.0', async (ctx, n) => {
                    await ctx.waitForEvent('next');
                    return n >= 3 ? 'v1' : ctx.continueAsNew(n + 1);
                });
                rt.registerOrchestrationVersioned('Gate', '2.0.0', async (ctx, n) => {
                    await ctx.waitForEvent('next');
                    return n >= 3 ? 'v2' : ctx.continueAsNew(n + 1);
                });
            });
            await client.setVersionPolicy('Gate', { kind: 'pinned', version: '1.0.0' });
            const id = uid('gate');
            await client.startOrchestration(id, 'Gate', 0);
            await eventually('first execution', async () => (await client.getInstanceInfo(id).catch(() => undefined))?.orchestrationVersion ===
                '1.0.0'
                ? true
                : undefined, { timeoutMs: WAIT_MS });
            await client.setVersionPolicy('Gate', { kind: 'pinned', version: '2.0.0' });
            await sleep(50);
            await client.raiseEvent(id, 'next', null);
            await eventually('upgrade at continue-as-new', async () => (await client.getInstanceInfo(id)).orchestrationVersion === '2.0.0' ? true : undefined, { timeoutMs: WAIT_MS });
            // Back to 1.0.0 without allowDowngrade: running instances stay on 2.0.0.
            await client.setVersionPolicy('Gate', { kind: 'pinned', version: '1.0.0' });
            await sleep(50);
            for (let i = 0; i < 3; i++) {
                await advance(client, id);
            }
            const done = await client.waitForOrchestration(id, WAIT_MS);
            assert.equal(done.output, 'v2');
            assert.deepEqual(await executionVersions(client, id), ['1.0.0', '2.0.0', '2.0.0', '2.0.0']);
        });
        test('a sticky pin keeps an instance on its version across continue-as-new while the default upgrades', async (t) => {
            const { provider, client } = await setup(t);
            await runtimeOn(t, provider, (rt) => counterVersions(rt, ['1.0.0', '2.0.0']));
            const pinned = uid('sticky');
            const loose = uid('loose');
            await client.startOrchestrationVersioned(pinned, 'Counter', { i: 0, stop: 4 }, '1.0.0', {
                pinVersion: true,
            });
            await client.startOrchestrationVersioned(loose, 'Counter', { i: 0, stop: 4 }, '1.0.0');
            assert.deepEqual((await client.waitForOrchestration(pinned, WAIT_MS)).output, {
                version: '1.0.0',
                i: 4,
            });
            assert.deepEqual((await client.waitForOrchestration(loose, WAIT_MS)).output, {
                version: '2.0.0',
                i: 4,
            });
            assert.deepEqual(await executionVersions(client, pinned), [
                '1.0.0',
                '1.0.0',
                '1.0.0',
                '1.0.0',
            ]);
            assert.deepEqual(await executionVersions(client, loose), [
                '1.0.0',
                '2.0.0',
                '2.0.0',
                '2.0.0',
            ]);
            assert.equal((await client.getInstanceInfo(pinned)).versionPin, '1.0.0');
        });
        test('moveInstanceToVersion moves a pinned instance at its next continue-as-new, once', async (t) => {
            const { provider, client } = await setup(t);
            await runtimeOn(t, provider, (rt) => {
                counterVersions(rt, ['1.0.0', '2.0.0', '3.0.0']);
                for (const v of ['1.0.0', '2.0.0', '3.0.0']) {
                    rt.registerOrchestrationVersioned('Held', v, async (ctx, n) => {
                        await ctx.waitForEvent('next');
                        return n >= 2 ? v : ctx.continueAsNew(n + 1);
                    });
                }
            });
            await client.setVersionPolicy('Held', { kind: 'pinned', version: '3.0.0' });
            const id = uid('move');
            await client.startOrchestrationVersioned(id, 'Held', 0, '1.0.0', { pinVersion: true });
            await eventually('started', async () => (await client.getInstanceInfo(id).catch(() => undefined))?.versionPin === '1.0.0'
                ? true
                : undefined, { timeoutMs: WAIT_MS });
            await client.moveInstanceToVersion(id, '2.0.0', { actor: 'ops', reason: 'fix rollout' });
            assert.equal((await client.getInstanceInfo(id)).nextVersion, '2.0.0');
            for (let i = 0; i < 3; i++) {
                await advance(client, id);
            }
            assert.equal((await client.waitForOrchestration(id, WAIT_MS)).output, '2.0.0');
            assert.deepEqual(await executionVersions(client, id), ['1.0.0', '2.0.0', '2.0.0']);
            const info = await client.getInstanceInfo(id);
            assert.equal(info.versionPin, '2.0.0');
            assert.equal(info.nextVersion, undefined);
            const actions = (await client.listAuditLog({ target: `instance:${id}` })).items.map((e) => e.action);
            assert.ok(actions.includes('instance.move-version'), actions.join(','));
            await assert.rejects(client.moveInstanceToVersion(id, '9.0.0'), /VERSION_NOT_REGISTERED|no live node registers/);
            await assert.rejects(client.moveInstanceToVersion(uid('missing'), '2.0.0'), /not found/i);
        });
        test('resumeInstance re-drives a failed instance on fixed code without re-running completed activities', async (t) => {
            const { provider, client } = await setup(t);
            const charges = [];
            const ships = [];
            const activities = (rt) => {
                rt.registerActivity('Charge', async (ctx) => {
                    charges.push(ctx.instanceId);
                    return 'charged';
                });
                rt.registerActivity('Ship', async (ctx) => {
                    ships.push(ctx.instanceId);
                    return 'shipped';
                });
            };
            // The broken deploy: 1.0.0 throws after charging.
            const broken = await runtimeOn(t, provider, (rt) => {
                activities(rt);
                rt.registerOrchestrationVersioned('Pay', '1.0.0', async (ctx) => {
                    await ctx.scheduleActivity('Charge', null);
                    throw new Error('bug: shipping address missing');
                });
            });
            const id = uid('pay');
            await client.startOrchestration(id, 'Pay', null);
            assert.equal((await client.waitForOrchestration(id, WAIT_MS)).status, 'Failed');
            await broken.shutdown(2000);
            // The fixed deploy registers 1.0.1 and resumes the instance on it.
            await runtimeOn(t, await store.open(), (rt) => {
                activities(rt);
                rt.registerOrchestrationVersioned('Pay', '1.0.1', async (ctx) => {
                    const charged = await ctx.scheduleActivity('Charge', null);
                    const shipped = await ctx.scheduleActivity('Ship', null);
                    return `${String(charged)}+${String(shipped)}`;
                });
                // A version whose history does not match: resuming on it is refused.
                rt.registerOrchestrationVersioned('Pay', '1.0.2', async (ctx) => ctx.scheduleActivity('Ship', null));
            });
            await assert.rejects(client.resumeInstance(id, { version: '1.0.2' }), (e) => e instanceof ConfigurationError &&
                e.code === 'REQUEST_REFUSED' &&
                /does not replay/.test(e.message));
            assert.equal((await client.getStatus(id)).status, 'Failed');
            const result = await client.resumeInstance(id, {
                version: '1.0.1',
                actor: 'oncall',
                reason: 'hot-fix 1.0.1',
            });
            assert.equal(result.outcome, 'resumed');
            assert.equal(result.version, '1.0.1');
            const done = await client.waitForOrchestration(id, WAIT_MS);
            assert.equal(done.status, 'Completed', JSON.stringify(done));
            assert.equal(done.output, 'charged+shipped');
            assert.deepEqual(charges, [id], 'Charge ran once: its completion was replayed');
            assert.deepEqual(ships, [id]);
            const info = await client.getInstanceInfo(id);
            assert.equal(info.orchestrationVersion, '1.0.1');
            assert.equal(info.currentExecutionId, 1);
            const history = await client.readExecutionHistory(id, 1);
            assert.equal(history.filter((e) => e.kind === 'OrchestrationFailed').length, 0);
            const actions = (await client.listAuditLog({ target: `instance:${id}` })).items.map((e) => e.action);
            assert.ok(actions.includes('instance.resumed') && actions.includes('instance.resume-refused'), actions.join(','));
            await assert.rejects(client.resumeInstance(id), /only a Failed instance can be resumed/);
        });
        /**
         * A failed deploy of a read-modify-write counter (1.0.0 counts, then throws after an
         * activity) and a fixed version 1.0.1 that counts the same way and completes with the count.
         */
        const kvCounterDeploys = async (t) => {
            const { provider, client } = await setup(t);
            const count = (ctx) => {
                const n = ctx.getValue('count') ?? 0;
                ctx.setValue('count', n + 1);
                return n + 1;
            };
            const broken = await runtimeOn(t, provider, (rt) => {
                rt.registerActivity('Noop', async (_ctx, x) => x);
                rt.registerOrchestrationVersioned('Counter', '1.0.0', async (ctx) => {
                    await ctx.scheduleActivity('Noop', count(ctx));
                    throw new Error('bug after counting');
                });
            });
            const id = uid('kv-count');
            await client.startOrchestrationVersioned(id, 'Counter', null, '1.0.0');
            assert.equal((await client.waitForOrchestration(id, WAIT_MS)).status, 'Failed');
            assert.equal(await client.getValue(id, 'count'), 1, 'a Failed instance still shows its values');
            await broken.shutdown(2000);
            await runtimeOn(t, await store.open(), (rt) => {
                rt.registerActivity('Noop', async (_ctx, x) => x);
                rt.registerOrchestrationVersioned('Counter', '1.0.1', async (ctx) => {
                    const n = count(ctx);
                    await ctx.scheduleActivity('Noop', n);
                    return n;
                });
            });
            return { client, id };
        };
        test('resumeInstance replays a KV read-modify-write from the state before the failed execution', async (t) => {
            const { client, id } = await kvCounterDeploys(t);
            const result = await client.resumeInstance(id, { version: '1.0.1' });
            assert.equal(result.outcome, 'resumed');
            const done = await client.waitForOrchestration(id, WAIT_MS);
            assert.equal(done.status, 'Completed', JSON.stringify(done));
            assert.equal(done.output, 1);
            assert.equal(await client.getValue(id, 'count'), 1, 'the failed execution counted once, not twice');
        });
        test('restartInstance starts the new execution from the KV state before the failed execution', async (t) => {
            const { client, id } = await kvCounterDeploys(t);
            const result = await client.restartInstance(id, { version: '1.0.1', input: null });
            assert.equal(result.executionId, 2);
            const done = await client.waitForOrchestration(id, WAIT_MS);
            assert.equal(done.status, 'Completed', JSON.stringify(done));
            assert.equal(done.output, 1, "the failed execution's count was dropped");
            assert.equal(await client.getValue(id, 'count'), 1);
        });
        test('restartInstance starts a new execution at a chosen version, keeping the old history', async (t) => {
            const { provider, client } = await setup(t);
            await runtimeOn(t, provider, (rt) => counterVersions(rt, ['1.0.0', '2.0.0']));
            const id = uid('restart');
            await client.startOrchestrationVersioned(id, 'Counter', { i: 0, stop: 1 }, '1.0.0');
            assert.equal((await client.waitForOrchestration(id, WAIT_MS)).status, 'Completed');
            const result = await client.restartInstance(id, {
                version: '2.0.0',
                input: { i: 10, stop: 11 },
                actor: 'ops',
            });
            assert.equal(result.outcome, 'restarted');
            assert.equal(result.executionId, 2);
            assert.deepEqual((await client.waitForOrchestration(id, WAIT_MS)).output, {
                version: '2.0.0',
                i: 11,
            });
            assert.deepEqual(await executionVersions(client, id), ['1.0.0', '2.0.0']);
            assert.ok((await client.readExecutionHistory(id, 1)).length > 0, 'the first execution keeps its history');
        });
        test('the replay check judges inputs against the version the stored policy would move instances to', async (t) => {
            const { provider, client } = await setup(t);
            const monitor = (rt) => {
                for (const v of ['1.0.0', '2.0.0', '3.0.0']) {
                    rt.registerOrchestrationVersioned('Watch', v, async (ctx) => ctx.waitForEvent('never'), {
                        // 2.0.0 needs the migrated shape; 3.0.0 accepts both.
                        ...(v === '2.0.0' ? { inputSchema: z.object({ targets: z.array(z.string()) }) } : {}),
                    });
                }
            };
            await runtimeOn(t, provider, monitor);
            const id = uid('watch');
            await client.startOrchestrationVersioned(id, 'Watch', { target: 'a' }, '1.0.0');
            await eventually('running', async () => (await client.getInstanceInfo(id).catch(() => undefined)) !== undefined
                ? true
                : undefined, { timeoutMs: WAIT_MS });
            const candidate = new Runtime(await store.open(), FAST);
            monitor(candidate);
            assert.equal((await candidate.checkReplay({ instanceIds: [id] })).inputRejected, 0, 'without a policy it would move to 3.0.0');
            await client.setVersionPolicy('Watch', { kind: 'pinned', version: '2.0.0' });
            const report = await candidate.checkReplay({ instanceIds: [id] });
            assert.equal(report.inputRejected, 1);
            assert.equal(report.inputRejections[0]?.toVersion, '2.0.0');
        });
        test('the node registry lists a running runtime with its versions and forgets it on shutdown', async (t) => {
            const { provider, client } = await setup(t);
            const rt = await runtimeOn(t, provider, (r) => counterVersions(r, ['1.0.0', '2.0.0-beta.1']), { workerNodeId: `node-${kind}` });
            const nodes = await client.listNodes();
            const me = nodes.find((n) => n.nodeId === rt.nodeId);
            assert.ok(me !== undefined, JSON.stringify(nodes));
            assert.equal(me.isLive, true);
            assert.deepEqual(me.orchestrations.find((o) => o.name === 'Counter')?.versions, [
                '1.0.0',
                '2.0.0-beta.1',
            ]);
            assert.deepEqual(me.activities, ['Noop']);
            assert.equal(me.pid, process.pid);
            // Pre-releases are not "latest" while a release exists.
            const id = uid('beta');
            await client.startOrchestration(id, 'Counter', { i: 0, stop: 1 });
            assert.deepEqual((await client.waitForOrchestration(id, WAIT_MS)).output, {
                version: '1.0.0',
                i: 1,
            });
            await rt.shutdown(2000);
            assert.equal((await client.listNodes()).find((n) => n.nodeId === rt.nodeId), undefined);
        });
        test('a node with an older history format leaves newer-format executions alone', async (t) => {
            const { provider, client } = await setup(t);
            const gate = (rt) => {
                rt.registerOrchestration('Waiter', async (ctx) => ctx.waitForEvent('go'));
            };
            const newer = await runtimeOn(t, provider, gate, { historyFormat: 2 });
            const id = uid('format');
            await client.startOrchestration(id, 'Waiter', null);
            await eventually('started on the newer engine', async () => (await client.getStatus(id)).status === 'Running' &&
                (await client.getInstanceInfo(id).catch(() => undefined)) !== undefined
                ? true
                : undefined, { timeoutMs: WAIT_MS });
            await newer.shutdown(2000);
            const older = await runtimeOn(t, await store.open(), gate);
            await client.raiseEvent(id, 'go', 'from-client');
            await sleep(500);
            assert.equal((await client.getStatus(id)).status, 'Running', 'the older engine did not replay it');
            assert.equal(older.metricsSnapshot().orchDispatcherItemsFetched, 0);
            await runtimeOn(t, await store.open(), gate, { historyFormat: 2 });
            assert.equal((await client.waitForOrchestration(id, WAIT_MS)).output, 'from-client');
        });
    });
}
//# sourceMappingURL=fleet-versioning.test.js.map