/**
 * End-to-end lifecycle behaviour: cancellation, queues, custom status, detached starts,
 * the live-instance cache and instance metadata.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, uid } from '../helpers/runtime-harness.js';
import { eventually } from '../helpers/eventually.js';
describe('cancellation', () => {
    test('cancelling a parent fails it as canceled and cascades to its running child', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            rt.registerOrchestration('Child', async (ctx) => ctx.waitForEvent('never'));
            rt.registerOrchestration('Parent', async (ctx) => ctx.scheduleSubOrchestrationWithId('Child', `${ctx.instanceId}-child`));
        });
        const id = uid('cancel-parent');
        await client.startOrchestration(id, 'Parent');
        await eventually('child to start', async () => (await client.getStatus(`${id}-child`)).status === 'Running');
        await client.cancelInstance(id, 'user request');
        const parent = await client.waitForOrchestration(id, 10_000);
        assert.equal(parent.status, 'Failed');
        assert.equal(parent.error, 'canceled: user request');
        const child = await client.waitForOrchestration(`${id}-child`, 10_000);
        assert.equal(child.error, 'canceled: parent canceled');
    });
    test('a cancelled child reports the cancellation to its parent, which can handle it', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            rt.registerOrchestration('Child', async (ctx) => ctx.waitForEvent('never'));
            rt.registerOrchestration('Parent', async (ctx) => {
                try {
                    await ctx.scheduleSubOrchestrationWithId('Child', `${ctx.instanceId}-child`);
                    return 'child finished';
                }
                catch (e) {
                    return `handled: ${e.message}`;
                }
            });
        });
        const id = uid('cancel-child');
        await client.startOrchestration(id, 'Parent');
        await eventually('child to start', async () => (await client.getStatus(`${id}-child`)).status === 'Running');
        await client.cancelInstance(`${id}-child`, 'no longer needed');
        assert.equal((await client.waitForOrchestration(id, 10_000)).output, 'handled: canceled: no longer needed');
    });
    test('start and cancel before the first turn ends the instance as canceled', async (t) => {
        const { client, runtime } = await startHarness(t, (rt) => rt.registerOrchestration('Slow', async (ctx) => ctx.scheduleTimer(60_000)));
        void runtime;
        const id = uid('cancel-early');
        await client.startOrchestration(id, 'Slow');
        await client.cancelInstance(id, 'changed my mind');
        assert.equal((await client.waitForOrchestration(id, 10_000)).error, 'canceled: changed my mind');
    });
});
describe('queues, status and detached starts', () => {
    test('enqueued events are consumed FIFO, including ones sent before the orchestration asks', async (t) => {
        const { client } = await startHarness(t, (rt) => rt.registerOrchestration('Inbox', async (ctx, n) => {
            const got = [];
            for (let i = 0; i < n; i++)
                got.push(await ctx.dequeueEvent('inbox'));
            return got;
        }));
        const id = uid('inbox');
        await client.startOrchestration(id, 'Inbox', 4);
        for (const m of ['a', 'b', 'c', 'd'])
            await client.enqueueEvent(id, 'inbox', m);
        assert.deepEqual((await client.waitForOrchestration(id, 10_000)).output, ['a', 'b', 'c', 'd']);
    });
    test('custom status is visible to clients and waitForStatusChange wakes on a new version', async (t) => {
        const { client } = await startHarness(t, (rt) => rt.registerOrchestration('Phases', async (ctx) => {
            ctx.setCustomStatus({ phase: 'waiting' });
            const go = await ctx.waitForEvent('go');
            ctx.setCustomStatus({ phase: 'done', go });
            return 'ok';
        }));
        const id = uid('phases');
        await client.startOrchestration(id, 'Phases');
        const first = await client.waitForStatusChange(id, 0, 10, 10_000);
        assert.deepEqual(first.customStatus, { phase: 'waiting' });
        assert.equal(first.customStatusVersion, 1);
        await client.raiseEvent(id, 'go', 'now');
        const final = await client.waitForOrchestration(id, 10_000);
        assert.deepEqual(final.customStatus, { phase: 'done', go: 'now' });
        assert.equal(final.customStatusVersion, 2);
    });
    test('a detached orchestration runs independently of the one that started it', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            rt.registerOrchestration('Worker', async (_ctx, x) => x + 1);
            rt.registerOrchestration('Starter', async (ctx) => {
                await ctx.startOrchestration('Worker', `${ctx.instanceId}-detached`, 41);
                return 'started';
            });
        });
        const id = uid('starter');
        await client.startOrchestration(id, 'Starter');
        assert.equal((await client.waitForOrchestration(id, 10_000)).output, 'started');
        assert.equal((await client.waitForOrchestration(`${id}-detached`, 10_000)).output, 42);
        assert.equal((await client.getInstanceInfo(`${id}-detached`)).parentInstanceId, undefined);
    });
});
describe('live-instance cache', () => {
    test('a cached instance runs its orchestration function once instead of replaying every turn', async (t) => {
        let invocations = 0;
        const register = (rt) => {
            rt.registerActivity('Step', async (_c, i) => i);
            rt.registerOrchestration('Steps', async (ctx, n) => {
                invocations++;
                let sum = 0;
                for (let i = 0; i < n; i++)
                    sum += await ctx.scheduleActivity('Step', i);
                return sum;
            });
        };
        const cached = await startHarness(t, register);
        const id = uid('steps');
        await cached.client.startOrchestration(id, 'Steps', 20);
        assert.equal((await cached.client.waitForOrchestration(id, 10_000)).output, 190);
        // First turn runs the code; the second turn replays it once (the instance row did not exist
        // when the first turn was fetched); every later turn continues the cached instance.
        assert.ok(invocations <= 2, `orchestration function ran ${invocations} times`);
        assert.ok(cached.runtime.metricsSnapshot().orchCompletions >= 1);
        invocations = 0;
        // Without the cache (and without holding instances for local activities) every turn replays.
        const uncached = await startHarness(t, register, {
            instanceCacheSize: 0,
            localActivities: false,
        });
        const id2 = uid('steps');
        await uncached.client.startOrchestration(id2, 'Steps', 20);
        assert.equal((await uncached.client.waitForOrchestration(id2, 10_000)).output, 190);
        assert.equal(invocations, 21);
    });
});
describe('instance metadata', () => {
    test('instance and execution info carry real timestamps, version and output', async (t) => {
        const before = Date.now();
        const { client } = await startHarness(t, (rt) => rt.registerOrchestrationVersioned('Versioned', '2.1.0', async () => ({ ok: true })));
        const id = uid('meta');
        await client.startOrchestration(id, 'Versioned');
        await client.waitForOrchestration(id, 10_000);
        const info = await client.getInstanceInfo(id);
        assert.equal(info.orchestrationVersion, '2.1.0');
        assert.equal(info.status, 'Completed');
        assert.deepEqual(info.output, { ok: true });
        assert.ok(info.createdAt >= before && info.updatedAt >= info.createdAt);
        const exec = await client.getExecutionInfo(id, 1);
        assert.equal(exec.orchestrationVersion, '2.1.0');
        assert.ok(exec.startedAt >= before && exec.completedAt >= exec.startedAt);
        assert.equal(exec.eventCount, 2);
        assert.ok((await client.listAllInstances()).includes(id));
        assert.ok((await client.listInstancesByStatus('Completed')).includes(id));
        const h = await client.readExecutionHistory(id, 1);
        assert.deepEqual(JSON.parse(h[0]?.data ?? 'null'), {
            name: 'Versioned',
            version: '2.1.0',
            input: null,
        });
    });
});
//# sourceMappingURL=lifecycle.test.js.map