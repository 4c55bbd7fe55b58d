/**
 * Versioned orchestrations end to end: the upgrade-at-continue-as-new timeline, pinning,
 * sub-orchestration resolution, rolling deployments across runtimes, nondeterminism on a
 * changed version, and the replay check.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Runtime, SqliteProvider, } from '../../src/index.js';
import { startHarness, uid } from '../helpers/runtime-harness.js';
import { eventually } from '../helpers/eventually.js';
/** A SQLite file several runtimes (each with its own provider connection) can share. */
function sharedFile(t) {
    const dir = mkdtempSync(join(tmpdir(), 'duroxide-versioning-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    return join(dir, 'shared.db');
}
async function runtimeOn(t, file, setup, options = {}) {
    const provider = await SqliteProvider.open(`sqlite:${file}`);
    const runtime = new Runtime(provider, { logLevel: 'off', ...options });
    setup(runtime);
    await runtime.start();
    let stopped = false;
    const stop = async () => {
        if (stopped)
            return;
        stopped = true;
        await runtime.shutdown(2000);
        await provider.close();
    };
    t.after(stop);
    return { runtime, client: new Client(provider), provider, stop };
}
describe('upgrade timing: versions change at continue-as-new, never mid-execution', () => {
    test('the seed timeline: an in-flight v1.0.0 execution finishes on 1.0.0 and the next execution runs 1.0.1', async (t) => {
        const file = sharedFile(t);
        const checks = [];
        const check = (rt) => {
            rt.registerActivity('Check', async (_c, x) => {
                checks.push(`${x.v}#${x.n}`);
            });
        };
        const monitorV100 = async (ctx, n) => {
            await ctx.scheduleActivity('Check', { v: ctx.orchestrationVersion, n });
            await ctx.scheduleTimer(600);
            return ctx.continueAsNew(n + 1);
        };
        const monitorV101 = async (ctx, n) => {
            await ctx.scheduleActivity('Check', { v: ctx.orchestrationVersion, n });
            if (n >= 2)
                return `stopped at ${n}`;
            await ctx.scheduleTimer(50);
            return ctx.continueAsNew(n + 1);
        };
        // Old deployment: only 1.0.0.
        const old = await runtimeOn(t, file, (rt) => {
            check(rt);
            rt.registerOrchestration('Monitor', monitorV100);
        });
        const id = uid('monitor');
        await old.client.startOrchestration(id, 'Monitor', 0);
        await eventually('the first check', async () => checks.length === 1);
        // The execution now sleeps on its timer. Server restart with new code deployed:
        await old.stop();
        assert.equal((await old.client.getInstanceInfo(id).catch(() => null))?.orchestrationVersion ?? '1.0.0', '1.0.0');
        const upgraded = await runtimeOn(t, file, (rt) => {
            check(rt);
            rt.registerOrchestration('Monitor', monitorV100);
            rt.registerOrchestrationVersioned('Monitor', '1.0.1', monitorV101);
        });
        // Restarting did not upgrade the running execution.
        const during = await upgraded.client.getInstanceInfo(id);
        assert.equal(during.currentExecutionId, 1);
        assert.equal(during.orchestrationVersion, '1.0.0');
        const s = await upgraded.client.waitForOrchestration(id, 15_000);
        assert.equal(s.output, 'stopped at 2');
        assert.deepEqual(checks, ['1.0.0#0', '1.0.1#1', '1.0.1#2']);
        const versions = await Promise.all((await upgraded.client.listExecutions(id)).map(async (e) => (await upgraded.client.getExecutionInfo(id, e)).orchestrationVersion));
        assert.deepEqual(versions, ['1.0.0', '1.0.1', '1.0.1']);
        assert.equal((await upgraded.client.getInstanceInfo(id)).orchestrationVersion, '1.0.1');
        const h2 = await upgraded.client.readExecutionHistory(id, 2);
        assert.equal(JSON.parse(h2[0]?.data ?? 'null').version, '1.0.1');
    });
});
describe('version resolution', () => {
    const register = (rt) => {
        for (const v of ['1.0.0', '1.5.0', '2.0.0']) {
            rt.registerOrchestrationVersioned('Flow', v, async (ctx, input) => {
                if (input.hops > 0) {
                    return input.to === undefined
                        ? ctx.continueAsNew({ hops: input.hops - 1 })
                        : ctx.continueAsNewVersioned({ hops: input.hops - 1 }, input.to);
                }
                return ctx.orchestrationVersion;
            });
        }
    };
    test('new starts run the latest version by default; an explicit start version wins', async (t) => {
        const { client } = await startHarness(t, register);
        const a = uid('latest');
        const b = uid('explicit');
        await client.startOrchestration(a, 'Flow', { hops: 0 });
        await client.startOrchestrationVersioned(b, 'Flow', { hops: 0 }, '1.5.0');
        assert.equal((await client.waitForOrchestration(a, 10_000)).output, '2.0.0');
        assert.equal((await client.waitForOrchestration(b, 10_000)).output, '1.5.0');
    });
    test('an exact policy pins new starts and continue-as-new to that version', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            register(rt);
            rt.setVersionPolicy('Flow', { exact: '1.0.0' });
        });
        const id = uid('pinned');
        await client.startOrchestration(id, 'Flow', { hops: 2 });
        assert.equal((await client.waitForOrchestration(id, 10_000)).output, '1.0.0');
        for (const e of [1, 2, 3])
            assert.equal((await client.getExecutionInfo(id, e)).orchestrationVersion, '1.0.0');
    });
    test('continueAsNewVersioned moves to the requested version even under an exact policy', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            register(rt);
            rt.setVersionPolicy('Flow', { exact: '1.0.0' });
        });
        const id = uid('can-versioned');
        await client.startOrchestration(id, 'Flow', { hops: 1, to: '2.0.0' });
        assert.equal((await client.waitForOrchestration(id, 10_000)).output, '2.0.0');
        assert.equal((await client.getExecutionInfo(id, 1)).orchestrationVersion, '1.0.0');
        assert.equal((await client.getExecutionInfo(id, 2)).orchestrationVersion, '2.0.0');
    });
    test('sub-orchestrations run the child policy version, or exactly the version asked for', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            register(rt);
            rt.registerOrchestration('Parent', async (ctx) => [
                await ctx.scheduleSubOrchestration('Flow', { hops: 0 }),
                await ctx.scheduleSubOrchestrationVersioned('Flow', '1.5.0', { hops: 0 }),
                await ctx.scheduleSubOrchestrationVersionedWithId('Flow', '1.0.0', `${ctx.instanceId}-old`, { hops: 0 }),
            ]);
        });
        const id = uid('parent');
        await client.startOrchestration(id, 'Parent');
        assert.deepEqual((await client.waitForOrchestration(id, 10_000)).output, [
            '2.0.0',
            '1.5.0',
            '1.0.0',
        ]);
        assert.equal((await client.getInstanceInfo(`${id}-old`)).orchestrationVersion, '1.0.0');
    });
    test('continue-as-new to a version no runtime has ends as poison naming name@version and the fix', async (t) => {
        const { client } = await startHarness(t, register, {
            maxAttempts: 2,
            unregisteredBackoff: { baseMs: 10, maxMs: 20 },
        });
        const id = uid('missing');
        await client.startOrchestration(id, 'Flow', { hops: 1, to: '3.0.0' });
        const s = await client.waitForOrchestration(id, 10_000);
        assert.equal(s.status, 'Failed');
        assert.match(s.error, /poison: .*'Flow'@3\.0\.0 is not registered.*register it/);
        assert.equal((await client.getExecutionInfo(id, 1)).status, 'ContinuedAsNew');
    });
});
describe('rolling deployments', () => {
    test('two runtimes on one SQLite file where only one has 2.0.0: every instance completes, none fails', async (t) => {
        const file = sharedFile(t);
        const options = { maxAttempts: 3 };
        const older = await runtimeOn(t, file, (rt) => {
            rt.registerActivity('Old', async () => 'old');
            rt.registerOrchestration('Order', async (ctx) => ctx.scheduleActivity('Old'));
        }, options);
        const newer = await runtimeOn(t, file, (rt) => {
            rt.registerActivity('Old', async () => 'old');
            rt.registerActivity('New', async () => 'new');
            rt.registerOrchestration('Order', async (ctx) => ctx.scheduleActivity('Old'));
            rt.registerOrchestrationVersioned('Order', '2.0.0', async (ctx) => `${String(await ctx.scheduleActivity('New'))}@${ctx.orchestrationVersion}`);
        }, options);
        const ids = Array.from({ length: 20 }, () => uid('order'));
        for (const id of ids)
            await older.client.startOrchestrationVersioned(id, 'Order', null, '2.0.0');
        for (const id of ids) {
            const s = await older.client.waitForOrchestration(id, 20_000);
            assert.equal(s.status, 'Completed', `${id}: ${s.error ?? ''}`);
            assert.equal(s.output, 'new@2.0.0');
        }
        // The older runtime did pick some of them up first (it was woken by its own client) and
        // left them to the newer one.
        assert.ok(older.runtime.metricsSnapshot().orchDispatcherItemsFetched > 0);
        assert.equal(older.runtime.metricsSnapshot().orchPoison, 0);
        assert.equal(older.runtime.metricsSnapshot().activityPoison, 0);
        assert.equal(newer.runtime.metricsSnapshot().orchPoison, 0);
    });
});
describe('nondeterminism and the replay check', () => {
    const v1 = async (ctx) => {
        await ctx.scheduleActivity('Reserve');
        const ok = await ctx.waitForEvent('Approved');
        return ok ? ctx.scheduleActivity('Ship') : 'rejected';
    };
    const activities = (rt) => {
        for (const a of ['Reserve', 'Charge', 'Ship', 'Notify'])
            rt.registerActivity(a, async () => a);
    };
    async function parkInstances(t, file, n) {
        const first = await runtimeOn(t, file, (rt) => {
            activities(rt);
            rt.registerOrchestration('Checkout', v1);
        });
        const ids = Array.from({ length: n }, () => uid('checkout'));
        for (const id of ids)
            await first.client.startOrchestration(id, 'Checkout');
        for (const id of ids) {
            await eventually('the wait', async () => (await first.client.readExecutionHistory(id, 1)).some((e) => e.kind === 'ExternalSubscribed'));
        }
        await first.stop();
        return ids;
    }
    test('changing the code of a version under a running instance fails it with a clear configuration error', async (t) => {
        const file = sharedFile(t);
        const [id] = await parkInstances(t, file, 1);
        const changed = await runtimeOn(t, file, (rt) => {
            activities(rt);
            // Same version, different first step: a breaking change shipped without a new version.
            rt.registerOrchestration('Checkout', async (ctx) => {
                await ctx.scheduleActivity('Charge');
                return ctx.waitForEvent('Approved');
            });
        });
        await changed.client.raiseEvent(id, 'Approved', true);
        const s = await changed.client.waitForOrchestration(id, 10_000);
        assert.equal(s.status, 'Failed');
        assert.match(s.error, /^nondeterministic: instance '.*' execution 1 \(Checkout@1\.0\.0\): schedule mismatch at event 2: history has activity 'Reserve' but the code scheduled activity 'Charge'.*new orchestration version/);
    });
    test('the replay check flags a breaking change, passes a compatible one, and changes nothing', async (t) => {
        const file = sharedFile(t);
        const ids = await parkInstances(t, file, 3);
        const provider = await SqliteProvider.open(`sqlite:${file}`);
        t.after(() => provider.close());
        const client = new Client(provider);
        const before = await Promise.all(ids.map((id) => client.readExecutionHistory(id, 1)));
        const breaking = new Runtime(provider, { logLevel: 'off' });
        activities(breaking);
        breaking.registerOrchestration('Checkout', async (ctx) => {
            await ctx.scheduleActivity('Charge');
            return ctx.waitForEvent('Approved');
        });
        const bad = await breaking.checkReplay({ instanceIds: ids });
        assert.equal(bad.diverged, 3);
        assert.equal(bad.results[0]?.eventId, 2);
        assert.equal(bad.results[0]?.message, "diverges at event 2: history has activity 'Reserve', code did activity 'Charge' (name 'Reserve' vs 'Charge')");
        const compatible = new Runtime(provider, { logLevel: 'off' });
        activities(compatible);
        compatible.registerOrchestration('Checkout', async (ctx) => {
            await ctx.scheduleActivity('Reserve');
            const ok = await ctx.waitForEvent('Approved');
            if (!ok)
                return 'rejected';
            await ctx.scheduleActivity('Notify'); // a change after the recorded part of history
            return ctx.scheduleActivity('Ship');
        });
        const good = await compatible.checkReplay();
        assert.deepEqual(good.results.filter((r) => ids.includes(r.instanceId)).map((r) => r.outcome), ['ok', 'ok', 'ok']);
        const empty = new Runtime(provider, { logLevel: 'off' });
        const missing = await empty.checkReplay({ instanceIds: [ids[0], 'no-such-instance'] });
        assert.deepEqual(missing.results.map((r) => r.outcome), ['unregistered', 'error']);
        assert.match(missing.results[0].message, /no code registered here for Checkout@1\.0\.0/);
        const after = await Promise.all(ids.map((id) => client.readExecutionHistory(id, 1)));
        assert.deepEqual(after, before);
        for (const id of ids)
            assert.equal((await client.getStatus(id)).status, 'Running');
    });
});
//# sourceMappingURL=versioning.test.js.map