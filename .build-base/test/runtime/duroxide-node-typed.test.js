/**
 * duroxide-node's `*Typed` family (docs/compatibility.md): registrations and client calls behave
 * as the untyped ones; the context's typed scheduling methods parse a result once more when it
 * is JSON text.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OrchestrationFailedError } from '../../src/index.js';
import { startHarness, uid } from '../helpers/runtime-harness.js';
describe('typed scheduling on the orchestration context', () => {
    test('a typed activity parses a JSON-text result once more and leaves other values alone', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            rt.registerActivityTyped('AsText', async (_c, x) => JSON.stringify(x));
            rt.registerActivityTyped('Plain', async () => 'not json');
            rt.registerActivityTyped('Object', async () => ({ n: 1 }));
            rt.registerOrchestrationTyped('Typed', async (ctx) => ({
                typed: await ctx.scheduleActivityTyped('AsText', { a: 1 }),
                untyped: await ctx.scheduleActivity('AsText', { a: 1 }),
                plain: await ctx.scheduleActivityTyped('Plain'),
                object: await ctx.scheduleActivityTyped('Object'),
            }));
        });
        const id = uid('typed-activity');
        await client.startOrchestration(id, 'Typed');
        assert.deepEqual(await client.waitForOrchestrationTyped(id, 10_000), {
            typed: { a: 1 },
            untyped: '{"a":1}',
            plain: 'not json',
            object: { n: 1 },
        });
    });
    test('allTyped parses each ok and err, and raceTyped parses the winner value', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            rt.registerActivity('AsText', async (_c, x) => JSON.stringify(x));
            rt.registerActivity('Fail', async () => {
                throw new Error('{"reason":"boom"}');
            });
            rt.registerOrchestration('Joins', async (ctx) => {
                const all = await ctx.allTyped([
                    ctx.scheduleActivity('AsText', [1, 2]),
                    ctx.scheduleActivity('Fail'),
                ]);
                const race = await ctx.raceTyped(ctx.scheduleActivity('AsText', { w: true }), ctx.scheduleTimer(60_000));
                return { all, race };
            });
        });
        const id = uid('typed-joins');
        await client.startOrchestration(id, 'Joins');
        assert.deepEqual(await client.waitForOrchestrationTyped(id, 10_000), {
            all: [{ ok: [1, 2] }, { err: { reason: 'boom' } }],
            race: { index: 0, value: { w: true } },
        });
    });
    test('the session, retry, sub-orchestration, event and queue typed forms resolve with parsed values', async (t) => {
        let attempts = 0;
        const { client } = await startHarness(t, (rt) => {
            rt.registerActivity('AsText', async (_c, x) => JSON.stringify(x));
            rt.registerActivity('Flaky', async (_c, x) => {
                if (++attempts < 2)
                    throw new Error('transient');
                return JSON.stringify(x);
            });
            rt.registerOrchestration('Child', async (_ctx, x) => JSON.stringify(x));
            rt.registerOrchestration('All', async (ctx) => ({
                session: await ctx.scheduleActivityOnSessionTyped('AsText', 1, 's-1'),
                retry: await ctx.scheduleActivityWithRetryTyped('Flaky', 2, {
                    maxAttempts: 3,
                    backoff: 'none',
                }),
                retrySession: await ctx.scheduleActivityWithRetryOnSessionTyped('AsText', 3, { maxAttempts: 2 }, 's-1'),
                child: await ctx.scheduleSubOrchestrationTyped('Child', { c: 4 }),
                childWithId: await ctx.scheduleSubOrchestrationWithIdTyped('Child', `${ctx.instanceId}-kid`, { c: 5 }),
                event: await ctx.waitForEventTyped('Go'),
                queued: await ctx.dequeueEventTyped('inbox'),
            }));
        });
        const id = uid('typed-forms');
        await client.startOrchestrationTyped(id, 'All');
        await client.enqueueEventTyped(id, 'inbox', '{"q":7}');
        // The event must find a recorded wait (an earlier event would be kept but not delivered).
        for (let i = 0; i < 500; i++) {
            const history = await client.readExecutionHistory(id, 1).catch(() => []);
            if (history.some((e) => e.kind === 'ExternalSubscribed'))
                break;
            await new Promise((r) => setTimeout(r, 20));
        }
        await client.raiseEventTyped(id, 'Go', '"six"');
        assert.deepEqual(await client.waitForOrchestrationTyped(id, 10_000), {
            session: 1,
            retry: 2,
            retrySession: 3,
            child: { c: 4 },
            childWithId: { c: 5 },
            event: 'six',
            queued: { q: 7 },
        });
        assert.ok(attempts >= 2, 'the flaky activity was retried');
    });
    test('the typed detached starts and continueAsNewTyped behave as the untyped calls', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            rt.registerOrchestrationVersionedTyped('Worker', '1.0.0', async (ctx, x) => ({ task: x.task, v: ctx.orchestrationVersion }));
            rt.registerOrchestrationTyped('Launcher', async (ctx, n) => {
                if (n < 2)
                    return ctx.continueAsNewTyped(n + 1);
                await ctx.startOrchestrationTyped('Worker', `${ctx.instanceId}-a`, { task: 'a' });
                await ctx.startOrchestrationVersionedTyped('Worker', '1.0.0', `${ctx.instanceId}-b`, {
                    task: 'b',
                });
                return n;
            });
        });
        const id = uid('typed-detached');
        await client.startOrchestrationTyped(id, 'Launcher', 0);
        assert.equal(await client.waitForOrchestrationTyped(id, 10_000), 2);
        assert.deepEqual(await client.listExecutions(id), [1, 2, 3]);
        assert.deepEqual(await client.waitForOrchestrationTyped(`${id}-a`, 10_000), {
            task: 'a',
            v: '1.0.0',
        });
        assert.deepEqual(await client.waitForOrchestrationTyped(`${id}-b`, 10_000), {
            task: 'b',
            v: '1.0.0',
        });
        const direct = uid('typed-versioned-start');
        await client.startOrchestrationVersionedTyped(direct, 'Worker', { task: 'c' }, '1.0.0');
        assert.deepEqual(await client.waitForOrchestrationTyped(direct, 10_000), {
            task: 'c',
            v: '1.0.0',
        });
    });
});
describe('typed client calls', () => {
    test('waitForOrchestrationTyped throws OrchestrationFailedError with the stored error for a failed instance', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            rt.registerOrchestration('Boom', async () => {
                throw new Error('it broke');
            });
        });
        const id = uid('typed-failed');
        await client.startOrchestration(id, 'Boom');
        await assert.rejects(client.waitForOrchestrationTyped(id, 10_000), (e) => {
            assert.ok(e instanceof OrchestrationFailedError);
            assert.equal(e.code, 'ORCHESTRATION_FAILED');
            assert.equal(e.context.instanceId, id);
            assert.match(e.message, /it broke/);
            return true;
        });
    });
});
//# sourceMappingURL=duroxide-node-typed.test.js.map