/**
 * The classic samples, end to end on both stores, in both authoring styles (async and
 * generator; generators on SQLite only). On PostgreSQL the client and the runtime have providers of their own and the
 * runtime barely polls, so the samples also prove the LISTEN/NOTIFY wake-ups (see
 * startHarnessOn).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '../helpers/eventually.js';
import { startHarnessOn, uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS } from '../helpers/test-store.js';
/** Events raised before the wait is recorded are not delivered: wait for the subscription. */
async function waitForWait(client, id) {
    await eventually(`${id} to record its wait`, async () => (await client.readExecutionHistory(id, 1).catch(() => [])).some((e) => e.kind === 'ExternalSubscribed'));
}
function activities(rt) {
    rt.registerActivity('Greet', async (_ctx, name) => `Hello, ${name}!`);
    rt.registerActivity('Add', async (_ctx, x) => x.a + x.b);
    rt.registerActivity('Double', async (_ctx, n) => n * 2);
    rt.registerActivity('Fail', async (_ctx, message) => {
        throw new Error(message);
    });
}
const STYLES = ['async', 'generator'];
for (const kind of STORE_KINDS) {
    // The authoring style never reaches storage: generators run on SQLite only, to keep CI short.
    for (const style of kind === 'sqlite' ? STYLES : ['async']) {
        describe(`samples (${kind}, ${style} style)`, () => {
            test(`hello world completes with the activity output (${style})`, async (t) => {
                const { client } = await startHarnessOn(t, kind, (rt) => {
                    activities(rt);
                    if (style === 'async')
                        rt.registerOrchestration('Hello', async (ctx, name) => ctx.scheduleActivity('Greet', name));
                    else
                        rt.registerOrchestration('Hello', function* (ctx, name) {
                            return (yield ctx.scheduleActivity('Greet', name));
                        });
                });
                const id = uid('hello');
                await client.startOrchestration(id, 'Hello', 'World');
                const s = await client.waitForOrchestration(id, 10_000);
                assert.deepEqual(s, {
                    status: 'Completed',
                    output: 'Hello, World!',
                    customStatusVersion: 0,
                });
            });
            test(`a chain passes each result to the next activity (${style})`, async (t) => {
                const { client } = await startHarnessOn(t, kind, (rt) => {
                    activities(rt);
                    if (style === 'async')
                        rt.registerOrchestration('Chain', async (ctx, n) => {
                            let v = n;
                            for (let i = 0; i < 5; i++)
                                v = await ctx.scheduleActivity('Double', v);
                            return v;
                        });
                    else
                        rt.registerOrchestration('Chain', function* (ctx, n) {
                            let v = n;
                            for (let i = 0; i < 5; i++)
                                v = (yield ctx.scheduleActivity('Double', v));
                            return v;
                        });
                });
                const id = uid('chain');
                await client.startOrchestration(id, 'Chain', 3);
                assert.equal((await client.waitForOrchestration(id, 10_000)).output, 96);
            });
            test(`fan-out/fan-in sums ten parallel activities (${style})`, async (t) => {
                const { client } = await startHarnessOn(t, kind, (rt) => {
                    activities(rt);
                    if (style === 'async')
                        rt.registerOrchestration('FanOut', async (ctx, n) => {
                            const results = await Promise.all(Array.from({ length: n }, (_, i) => ctx.scheduleActivity('Add', { a: i, b: 1 })));
                            return results.reduce((s, x) => s + x, 0);
                        });
                    else
                        rt.registerOrchestration('FanOut', function* (ctx, n) {
                            const results = (yield ctx.all(Array.from({ length: n }, (_, i) => ctx.scheduleActivity('Add', { a: i, b: 1 }))));
                            return results.reduce((s, x) => s + x.ok, 0);
                        });
                });
                const id = uid('fan');
                await client.startOrchestration(id, 'FanOut', 10);
                assert.equal((await client.waitForOrchestration(id, 10_000)).output, 55);
            });
            test(`a durable timer delays the orchestration and never fires early (${style})`, async (t) => {
                const { client } = await startHarnessOn(t, kind, (rt) => {
                    if (style === 'async')
                        rt.registerOrchestration('Sleep', async (ctx, ms) => {
                            const before = await ctx.utcNow();
                            await ctx.scheduleTimer(ms);
                            const after = await ctx.utcNow();
                            return after - before;
                        });
                    else
                        rt.registerOrchestration('Sleep', function* (ctx, ms) {
                            const before = (yield ctx.utcNow());
                            yield ctx.scheduleTimer(ms);
                            const after = (yield ctx.utcNow());
                            return after - before;
                        });
                });
                const id = uid('timer');
                await client.startOrchestration(id, 'Sleep', 150);
                const s = await client.waitForOrchestration(id, 10_000);
                assert.equal(s.status, 'Completed');
                assert.ok(s.output >= 150, `timer fired after ${s.output} ms`);
            });
            for (const outcome of ['event', 'timeout']) {
                test(`an external event races a timer: ${outcome} wins (${style})`, async (t) => {
                    const { client } = await startHarnessOn(t, kind, (rt) => {
                        if (style === 'async')
                            rt.registerOrchestration('Approval', async (ctx, timeoutMs) => {
                                const r = await ctx.race(ctx.waitForEvent('Approve'), ctx.scheduleTimer(timeoutMs));
                                return r.index === 0 ? `approved by ${String(r.value)}` : 'timed out';
                            });
                        else
                            rt.registerOrchestration('Approval', function* (ctx, timeoutMs) {
                                const r = (yield ctx.race(ctx.waitForEvent('Approve'), ctx.scheduleTimer(timeoutMs)));
                                return r.index === 0 ? `approved by ${String(r.value)}` : 'timed out';
                            });
                    });
                    const id = uid('approval');
                    await client.startOrchestration(id, 'Approval', outcome === 'event' ? 60_000 : 100);
                    if (outcome === 'event') {
                        // Raise only once the wait is recorded (events raised earlier are not delivered).
                        await waitForWait(client, id);
                        await client.raiseEvent(id, 'Approve', 'alice');
                    }
                    const s = await client.waitForOrchestration(id, 10_000);
                    assert.equal(s.output, outcome === 'event' ? 'approved by alice' : 'timed out');
                });
            }
            test(`a sub-orchestration's result flows back to the parent (${style})`, async (t) => {
                const { client } = await startHarnessOn(t, kind, (rt) => {
                    activities(rt);
                    if (style === 'async') {
                        rt.registerOrchestration('Child', async (ctx, n) => ctx.scheduleActivity('Double', n));
                        rt.registerOrchestration('Parent', async (ctx, n) => {
                            const a = await ctx.scheduleSubOrchestration('Child', n);
                            const b = await ctx.scheduleSubOrchestrationWithId('Child', `${ctx.instanceId}-explicit`, a);
                            return [a, b];
                        });
                    }
                    else {
                        rt.registerOrchestration('Child', function* (ctx, n) {
                            return (yield ctx.scheduleActivity('Double', n));
                        });
                        rt.registerOrchestration('Parent', function* (ctx, n) {
                            const a = (yield ctx.scheduleSubOrchestration('Child', n));
                            const b = (yield ctx.scheduleSubOrchestrationWithId('Child', `${ctx.instanceId}-explicit`, a));
                            return [a, b];
                        });
                    }
                });
                const id = uid('parent');
                await client.startOrchestration(id, 'Parent', 5);
                assert.deepEqual((await client.waitForOrchestration(id, 10_000)).output, [10, 20]);
                const child = await client.getInstanceInfo(`${id}-explicit`);
                assert.equal(child.parentInstanceId, id);
                assert.equal(child.status, 'Completed');
                assert.equal((await client.getInstanceTree(id)).allIds.length, 3);
            });
            test(`cancelling a running orchestration fails it as canceled (${style})`, async (t) => {
                const { client } = await startHarnessOn(t, kind, (rt) => {
                    if (style === 'async')
                        rt.registerOrchestration('WaitForever', async (ctx) => ctx.waitForEvent('never'));
                    else
                        rt.registerOrchestration('WaitForever', function* (ctx) {
                            return (yield ctx.waitForEvent('never'));
                        });
                });
                const id = uid('cancel');
                await client.startOrchestration(id, 'WaitForever');
                await waitForWait(client, id);
                await client.cancelInstance(id, 'user request');
                const s = await client.waitForOrchestration(id, 10_000);
                assert.equal(s.status, 'Failed');
                assert.equal(s.error, 'canceled: user request');
            });
            test(`a failed activity is caught and compensated (${style})`, async (t) => {
                const log = [];
                const { client } = await startHarnessOn(t, kind, (rt) => {
                    activities(rt);
                    rt.registerActivity('Reserve', async (_c, item) => {
                        log.push(`reserve ${item}`);
                        return `r-${item}`;
                    });
                    rt.registerActivity('Release', async (_c, r) => {
                        log.push(`release ${r}`);
                    });
                    if (style === 'async')
                        rt.registerOrchestration('Book', async (ctx) => {
                            const r = await ctx.scheduleActivity('Reserve', 'seat');
                            try {
                                await ctx.scheduleActivity('Fail', 'card declined');
                                return 'booked';
                            }
                            catch (e) {
                                await ctx.scheduleActivity('Release', r);
                                return `compensated: ${e.message}`;
                            }
                        });
                    else
                        rt.registerOrchestration('Book', function* (ctx) {
                            const r = (yield ctx.scheduleActivity('Reserve', 'seat'));
                            try {
                                yield ctx.scheduleActivity('Fail', 'card declined');
                                return 'booked';
                            }
                            catch (e) {
                                yield ctx.scheduleActivity('Release', r);
                                return `compensated: ${e.message}`;
                            }
                        });
                });
                const id = uid('book');
                await client.startOrchestration(id, 'Book');
                assert.equal((await client.waitForOrchestration(id, 10_000)).output, 'compensated: card declined');
                assert.deepEqual(log, ['reserve seat', 'release r-seat']);
            });
            test(`an uncaught activity failure fails the orchestration with its message (${style})`, async (t) => {
                const { client } = await startHarnessOn(t, kind, (rt) => {
                    activities(rt);
                    if (style === 'async')
                        rt.registerOrchestration('Boom', async (ctx) => ctx.scheduleActivity('Fail', 'kaput'));
                    else
                        rt.registerOrchestration('Boom', function* (ctx) {
                            yield ctx.scheduleActivity('Fail', 'kaput');
                        });
                });
                const id = uid('boom');
                await client.startOrchestration(id, 'Boom');
                const s = await client.waitForOrchestration(id, 10_000);
                assert.equal(s.status, 'Failed');
                assert.equal(s.error, 'kaput');
            });
            test(`continue-as-new loops through executions, each with its own history (${style})`, async (t) => {
                const { client } = await startHarnessOn(t, kind, (rt) => {
                    activities(rt);
                    if (style === 'async')
                        rt.registerOrchestration('Counter', async (ctx, n) => {
                            const next = await ctx.scheduleActivity('Add', { a: n, b: 1 });
                            if (next < 4)
                                return ctx.continueAsNew(next);
                            return `done at ${next} in execution ${ctx.executionId}`;
                        });
                    else
                        rt.registerOrchestration('Counter', function* (ctx, n) {
                            const next = (yield ctx.scheduleActivity('Add', { a: n, b: 1 }));
                            if (next < 4)
                                return (yield ctx.continueAsNew(next));
                            return `done at ${next} in execution ${ctx.executionId}`;
                        });
                });
                const id = uid('can');
                await client.startOrchestration(id, 'Counter', 0);
                assert.equal((await client.waitForOrchestration(id, 10_000)).output, 'done at 4 in execution 4');
                assert.deepEqual(await client.listExecutions(id), [1, 2, 3, 4]);
                const first = await client.getExecutionInfo(id, 1);
                assert.equal(first.status, 'ContinuedAsNew');
                assert.equal(first.output, 1);
                const h2 = await client.readExecutionHistory(id, 2);
                assert.equal(h2[0]?.kind, 'OrchestrationStarted');
                assert.equal(JSON.parse(h2[0]?.data ?? 'null').input, 1);
                assert.equal(h2.at(-1)?.kind, 'OrchestrationContinuedAsNew');
            });
            test(`utcNow and newGuid stay the same across replays (${style})`, async (t) => {
                const seen = [];
                const { client } = await startHarnessOn(t, kind, (rt) => {
                    activities(rt);
                    if (style === 'async')
                        rt.registerOrchestration('Stable', async (ctx) => {
                            const now = await ctx.utcNow();
                            const guid = await ctx.newGuid();
                            seen.push([now, guid]);
                            await ctx.scheduleActivity('Double', 1);
                            await ctx.scheduleActivity('Double', 2);
                            return { now, guid };
                        });
                    else
                        rt.registerOrchestration('Stable', function* (ctx) {
                            const now = (yield ctx.utcNow());
                            const guid = (yield ctx.newGuid());
                            seen.push([now, guid]);
                            yield ctx.scheduleActivity('Double', 1);
                            yield ctx.scheduleActivity('Double', 2);
                            return { now, guid };
                        });
                }, { instanceCacheSize: 0, localActivities: false });
                const id = uid('stable');
                await client.startOrchestration(id, 'Stable');
                const s = await client.waitForOrchestration(id, 10_000);
                assert.ok(seen.length >= 3, 'the orchestration was replayed');
                for (const [now, guid] of seen) {
                    assert.equal(now, s.output.now);
                    assert.equal(guid, s.output.guid);
                }
                assert.match(s.output.guid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
            });
        });
    }
}
//# sourceMappingURL=samples.test.js.map