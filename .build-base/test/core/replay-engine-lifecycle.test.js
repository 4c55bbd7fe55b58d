/**
 * Replay engine on event arrays: sub-orchestrations, continue-as-new, cancellation,
 * external events, queues and dropped tasks.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { INSTANCE, activityDone, activityScheduled, commit, history, raised, started, timerFired, turn, types, } from '../helpers/engine-harness.js';
const queued = (name, data) => ({
    type: 'QueueMessage',
    instance: INSTANCE,
    name,
    data: JSON.stringify(data),
});
const cancel = (reason) => ({
    type: 'CancelInstance',
    instance: INSTANCE,
    reason,
});
describe('sub-orchestrations', () => {
    test('auto child ids are derived from the scheduling event id and include the execution after continue-as-new', async () => {
        const flow = async (ctx) => ctx.scheduleSubOrchestration('Child', 1);
        const r1 = await turn(flow, []);
        const start = r1.orchestratorItems.find((i) => i.type === 'StartOrchestration');
        assert.equal(start?.type === 'StartOrchestration' && start.instance, `${INSTANCE}::sub::2`);
        assert.deepEqual(start?.type === 'StartOrchestration' && start.parent, {
            instanceId: INSTANCE,
            executionId: 1,
            scheduleEventId: 2,
        });
        const r3 = await turn(flow, [], [], { executionId: 3 });
        const s3 = r3.orchestratorItems.find((i) => i.type === 'StartOrchestration');
        assert.equal(s3?.type === 'StartOrchestration' && s3.instance, `${INSTANCE}::sub::3_2`);
    });
    test('a child completion resolves the parent task; a child failure throws into the parent', async () => {
        const flow = async (ctx) => {
            const a = await ctx.scheduleSubOrchestration('Child', 1);
            try {
                await ctx.scheduleSubOrchestration('Child', 2);
            }
            catch (e) {
                return `${a} then ${e.message}`;
            }
            return 'unreachable';
        };
        let h = commit([], await turn(flow, []));
        const r = await turn(flow, h, [
            {
                type: 'SubOrchCompleted',
                parentInstance: INSTANCE,
                parentExecutionId: 1,
                parentId: 2,
                result: '7',
            },
        ]);
        h = commit(h, r);
        const r2 = await turn(flow, h, [
            {
                type: 'SubOrchFailed',
                parentInstance: INSTANCE,
                parentExecutionId: 1,
                parentId: 4,
                details: { category: 'application', kind: 'OrchestrationFailed', message: 'child broke' },
            },
        ]);
        assert.equal(JSON.parse(r2.output), '7 then child broke');
    });
    test('a child failing with a configuration error fails the parent with the same details', async () => {
        const flow = async (ctx) => {
            try {
                await ctx.scheduleSubOrchestration('Child');
            }
            catch {
                return 'caught';
            }
            return 'x';
        };
        const h = commit([], await turn(flow, []));
        const details = {
            category: 'configuration',
            kind: 'Nondeterminism',
            message: 'child diverged',
        };
        const r = await turn(flow, h, [
            {
                type: 'SubOrchFailed',
                parentInstance: INSTANCE,
                parentExecutionId: 1,
                parentId: 2,
                details,
            },
        ]);
        assert.equal(r.status, 'Failed');
        assert.deepEqual(r.error, details);
    });
    test('a completed child notifies its parent with the parent execution id', async () => {
        const parent = { instanceId: 'p', executionId: 4, scheduleEventId: 9 };
        const { ReplayEngine } = await import('../../src/core/replay/replay-engine.js');
        const engine = new ReplayEngine({
            instanceId: 'c',
            executionId: 1,
            history: [],
            start: { name: 'Child', version: '1.0.0', input: '5', parent },
            handler: async (_ctx, n) => n * 2,
            clock: () => 1,
            newGuid: () => 'g',
            drain: () => new Promise((r) => setImmediate(r)),
            duroxideVersion: '0.1.0',
        });
        const r = await engine.runTurn([]);
        assert.deepEqual(r.orchestratorItems, [
            {
                type: 'SubOrchCompleted',
                parentInstance: 'p',
                parentExecutionId: 4,
                parentId: 9,
                result: '10',
            },
        ]);
    });
});
describe('continue-as-new', () => {
    test('ends the execution, cancels in-flight activities and carries unconsumed queue messages', async () => {
        const flow = async (ctx, n) => {
            void ctx.scheduleActivity('Background');
            const first = await ctx.dequeueEvent('inbox');
            return ctx.continueAsNew({ n, first });
        };
        let h = commit([], await turn(flow, [], [], { input: 1 }));
        const r = await turn(flow, h, [
            queued('inbox', 'a'),
            queued('inbox', 'b'),
            queued('other', 'c'),
        ]);
        assert.equal(r.status, 'ContinuedAsNew');
        assert.deepEqual(JSON.parse(r.output), { n: 1, first: 'a' });
        assert.deepEqual(types(r.historyDelta), [
            'QueueEventDelivered',
            'QueueEventDelivered',
            'QueueEventDelivered',
            'ActivityCancelRequested',
            'OrchestrationContinuedAsNew',
        ]);
        assert.deepEqual(r.cancelledActivities, [
            { instanceId: INSTANCE, executionId: 1, activityId: 2 },
        ]);
        const can = r.orchestratorItems.find((i) => i.type === 'ContinueAsNew');
        assert.deepEqual(can?.type === 'ContinueAsNew' && can.carryForwardEvents, [
            ['inbox', '"b"'],
            ['other', '"c"'],
        ]);
        h = commit(h, r);
    });
    test('the next execution sees carried messages before new arrivals', async () => {
        const flow = async (ctx) => [
            await ctx.dequeueEvent('q'),
            await ctx.dequeueEvent('q'),
        ];
        const { ReplayEngine } = await import('../../src/core/replay/replay-engine.js');
        const engine = new ReplayEngine({
            instanceId: INSTANCE,
            executionId: 2,
            history: [],
            start: {
                name: 'Flow',
                version: '1.0.1',
                input: 'null',
                carryForwardEvents: [['q', '"carried"']],
            },
            handler: flow,
            clock: () => 1,
            newGuid: () => 'g',
            drain: () => new Promise((r) => setImmediate(r)),
            duroxideVersion: '0.1.0',
        });
        const r = await engine.runTurn([queued('q', 'new')]);
        assert.deepEqual(JSON.parse(r.output), ['carried', 'new']);
        assert.equal(r.started?.version, '1.0.1');
    });
});
describe('cancellation', () => {
    test('a cancel request fails the instance without running user code and cancels children and activities', async () => {
        let runs = 0;
        const flow = async (ctx) => {
            runs++;
            await Promise.all([
                ctx.scheduleActivity('A'),
                ctx.scheduleSubOrchestrationWithId('Child', 'kid'),
            ]);
        };
        const h = commit([], await turn(flow, []));
        runs = 0;
        const r = await turn(flow, h, [cancel('operator said so')]);
        assert.equal(runs, 0);
        assert.equal(r.status, 'Failed');
        assert.equal(r.output, 'canceled: operator said so');
        assert.deepEqual(types(r.historyDelta), [
            'OrchestrationCancelRequested',
            'ActivityCancelRequested',
            'OrchestrationFailed',
        ]);
        assert.deepEqual(r.orchestratorItems, [
            { type: 'CancelInstance', instance: 'kid', reason: 'parent canceled' },
        ]);
        assert.equal(r.cancelledActivities.length, 1);
    });
    test('cancellation wins over a completion in the same batch', async () => {
        const flow = async (ctx) => ctx.scheduleActivity('A');
        const h = commit([], await turn(flow, []));
        const r = await turn(flow, h, [activityDone(2, 'x'), cancel('stop')]);
        assert.equal(r.status, 'Failed');
        assert.equal(r.output, 'canceled: stop');
    });
});
describe('external events (positional)', () => {
    test('an event raised before the wait was recorded is kept in history but not delivered', async () => {
        const flow = async (ctx) => {
            await ctx.scheduleActivity('A');
            return ctx.waitForEvent('Go');
        };
        let h = commit([], await turn(flow, []));
        let r = await turn(flow, h, [raised('Go', 'early'), activityDone(2, 1)]);
        assert.equal(r.status, 'Running');
        h = commit(h, r);
        assert.deepEqual(types(h).slice(-3), [
            'ExternalEvent',
            'ActivityCompleted',
            'ExternalSubscribed',
        ]);
        r = await turn(flow, h, [raised('Go', 'on time')]);
        assert.equal(JSON.parse(r.output), 'on time');
    });
    test('two waits for the same name get two separate arrivals in order', async () => {
        const flow = async (ctx) => Promise.all([ctx.waitForEvent('E'), ctx.waitForEvent('E')]);
        const h = commit([], await turn(flow, []));
        const r = await turn(flow, h, [raised('E', 1), raised('E', 1)]);
        assert.deepEqual(JSON.parse(r.output), [1, 1]);
    });
    test('a race-losing wait does not take the next event', async () => {
        const flow = async (ctx) => {
            await ctx.race(ctx.waitForEvent('E'), ctx.scheduleTimer(10));
            return ctx.waitForEvent('E');
        };
        let h = commit([], await turn(flow, []));
        let r = await turn(flow, h, [timerFired(3)]);
        h = commit(h, r);
        assert.deepEqual(types(r.historyDelta), [
            'TimerFired',
            'ExternalSubscribed',
            'ExternalSubscribedCancelled',
        ]);
        r = await turn(flow, h, [raised('E', 'for the second wait')]);
        assert.equal(JSON.parse(r.output), 'for the second wait');
        // and the same on a full replay
        const replay = await turn(flow, h, [raised('E', 'for the second wait')]);
        assert.equal(JSON.parse(replay.output), 'for the second wait');
    });
});
describe('queues and dropped tasks', () => {
    test('queue messages are buffered until dequeued, FIFO per queue', async () => {
        const flow = async (ctx) => {
            await ctx.scheduleActivity('A');
            return [
                await ctx.dequeueEvent('q'),
                await ctx.dequeueEvent('q'),
                await ctx.dequeueEvent('r'),
            ];
        };
        const h = commit([], await turn(flow, []));
        const r = await turn(flow, h, [
            queued('q', 1),
            queued('r', 'x'),
            queued('q', 2),
            activityDone(2, 0),
        ]);
        assert.deepEqual(JSON.parse(r.output), [1, 2, 'x']);
    });
    test('a race-losing activity gets a dropped_future breadcrumb and its worker row is cancelled', async () => {
        const flow = async (ctx) => {
            const r = await ctx.race(ctx.scheduleActivity('Slow'), ctx.scheduleTimer(5));
            await ctx.scheduleActivity('After');
            return r.index;
        };
        const h = commit([], await turn(flow, []));
        const r = await turn(flow, h, [timerFired(3)]);
        assert.deepEqual(types(r.historyDelta), [
            'TimerFired',
            'ActivityScheduled',
            'ActivityCancelRequested',
        ]);
        assert.equal(r.historyDelta[2]?.sourceEventId, 2);
        assert.deepEqual(r.cancelledActivities, [
            { instanceId: INSTANCE, executionId: 1, activityId: 2 },
        ]);
    });
    test('replay fails when history cancelled a task that the code now awaits (cancellation mismatch)', async () => {
        const before = async (ctx) => {
            await ctx.race(ctx.scheduleActivity('Slow'), ctx.scheduleTimer(5));
            return ctx.scheduleActivity('After');
        };
        let h = commit([], await turn(before, []));
        h = commit(h, await turn(before, h, [timerFired(3)]));
        const after = async (ctx) => {
            const slow = ctx.scheduleActivity('Slow');
            await ctx.scheduleTimer(5);
            await Promise.all([slow, ctx.scheduleActivity('After')]);
        };
        const r = await turn(after, h, []);
        assert.equal(r.status, 'Failed');
        assert.match(r.output, /cancellation mismatch/);
    });
    test('tasks still pending when the orchestration returns are cancelled', async () => {
        const flow = async (ctx) => {
            void ctx.scheduleActivity('Forgotten');
            void ctx.scheduleSubOrchestrationWithId('Child', 'kid');
            await ctx.scheduleTimer(1);
            return 'done';
        };
        const h = commit([], await turn(flow, []));
        const r = await turn(flow, h, [timerFired(4)]);
        assert.equal(r.status, 'Completed');
        assert.deepEqual(types(r.historyDelta), [
            'TimerFired',
            'ActivityCancelRequested',
            'SubOrchestrationCancelRequested',
            'OrchestrationCompleted',
        ]);
        assert.deepEqual(r.orchestratorItems, [
            {
                type: 'CancelInstance',
                instance: 'kid',
                reason: 'parent dropped sub-orchestration future',
            },
        ]);
    });
    test('detached starts are dispatched once and replay without effects', async () => {
        const flow = async (ctx) => {
            await ctx.startOrchestration('Other', 'other-1', { x: 1 });
            return ctx.scheduleActivity('A');
        };
        const r1 = await turn(flow, []);
        assert.deepEqual(r1.orchestratorItems, [
            {
                type: 'StartOrchestration',
                instance: 'other-1',
                orchestration: 'Other',
                input: '{"x":1}',
                version: undefined,
            },
        ]);
        const r2 = await turn(flow, commit([], r1), [activityDone(3, 'ok')]);
        assert.deepEqual(r2.orchestratorItems, []);
        assert.equal(JSON.parse(r2.output), 'ok');
    });
    test('custom status is recorded per change and replays without new events', async () => {
        const flow = async (ctx) => {
            ctx.setCustomStatus({ phase: 1 });
            await ctx.scheduleActivity('A');
            ctx.setCustomStatus({ phase: 2 });
            return ctx.getCustomStatus();
        };
        const r1 = await turn(flow, []);
        assert.deepEqual(r1.customStatus, { value: '{"phase":1}' });
        const r2 = await turn(flow, commit([], r1), [activityDone(3, 'ok')]);
        assert.deepEqual(r2.customStatus, { value: '{"phase":2}' });
        assert.deepEqual(JSON.parse(r2.output), { phase: 2 });
        assert.deepEqual(types(r2.historyDelta), [
            'ActivityCompleted',
            'CustomStatusUpdated',
            'OrchestrationCompleted',
        ]);
    });
    test('history is untouched by completions from an older execution', async () => {
        const flow = async (ctx) => ctx.scheduleActivity('A');
        const h = history(started(), activityScheduled('A'));
        const r = await turn(flow, h, [{ ...activityDone(2, 'stale'), executionId: 7 }]);
        assert.equal(r.status, 'Running');
        assert.deepEqual(r.historyDelta, []);
    });
});
//# sourceMappingURL=replay-engine-lifecycle.test.js.map