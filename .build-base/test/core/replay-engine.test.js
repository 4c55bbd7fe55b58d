import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { activityCompleted, activityDone, activityScheduled, commit, history, makeEngine, raised, started, timerFired, turn, types, } from '../helpers/engine-harness.js';
const hello = async (ctx, name) => {
    const greeting = await ctx.scheduleActivity('Greet', name);
    return `${greeting}!`;
};
describe('replay engine: fresh run and replay', () => {
    test('a fresh run records OrchestrationStarted and schedules the first activity', async () => {
        const r = await turn(hello, [], [], { input: 'World' });
        assert.deepEqual(types(r.historyDelta), ['OrchestrationStarted', 'ActivityScheduled']);
        assert.equal(r.status, 'Running');
        assert.equal(r.workerItems.length, 1);
        const item = r.workerItems[0];
        assert.equal(item.type, 'ActivityExecute');
        assert.equal(item.type === 'ActivityExecute' && item.id, 2);
        assert.equal(r.started?.version, '1.0.0');
    });
    test('replaying a completed activity delivers its recorded result without scheduling it again', async () => {
        const h = history(started('World'), activityScheduled('Greet', 'World'));
        const r = await turn(hello, h, [activityDone(2, 'Hello, World')]);
        assert.deepEqual(types(r.historyDelta), ['ActivityCompleted', 'OrchestrationCompleted']);
        assert.equal(r.status, 'Completed');
        assert.equal(r.output, JSON.stringify('Hello, World!'));
        assert.equal(r.workerItems.length, 0);
    });
    test('a partial completion continues with no new actions', async () => {
        const flow = async (ctx) => {
            const [a, b] = await Promise.all([ctx.scheduleActivity('A'), ctx.scheduleActivity('B')]);
            return [a, b];
        };
        const h = history(started(), activityScheduled('A'), activityScheduled('B'));
        const r = await turn(flow, h, [activityDone(3, 'b')]);
        assert.equal(r.status, 'Running');
        assert.deepEqual(types(r.historyDelta), ['ActivityCompleted']);
        assert.equal(r.workerItems.length, 0);
    });
    test('out-of-order completions are applied in arrival order and the result is the same on replay', async () => {
        const flow = async (ctx) => {
            const order = [];
            await Promise.all(['A', 'B', 'C'].map(async (n) => {
                await ctx.scheduleActivity(n);
                order.push(n);
            }));
            return order;
        };
        let h = history(started(), activityScheduled('A'), activityScheduled('B'), activityScheduled('C'));
        let r = await turn(flow, h, [activityDone(4, 'c'), activityDone(2, 'a')]);
        h = commit(h, r);
        r = await turn(flow, h, [activityDone(3, 'b')]);
        assert.equal(r.status, 'Completed');
        assert.deepEqual(JSON.parse(r.output), ['C', 'A', 'B']);
        // Full replay of the final history gives the same answer.
        h = commit(h, r);
        const replay = await turn(flow, h.slice(0, -1));
        assert.deepEqual(JSON.parse(replay.output), ['C', 'A', 'B']);
    });
    test('isReplaying is true while re-executing recorded history and false for new work', async () => {
        const seen = [];
        const flow = async (ctx) => {
            seen.push(ctx.isReplaying);
            await ctx.scheduleActivity('A');
            seen.push(ctx.isReplaying);
            await ctx.scheduleActivity('B');
            seen.push(ctx.isReplaying);
        };
        const h = history(started(), activityScheduled('A'), activityCompleted(2, 1), activityScheduled('B'));
        await turn(flow, h, [activityDone(4, 2)]);
        assert.deepEqual(seen, [true, true, false]);
    });
});
describe('replay engine: composition determinism', () => {
    const raceFlow = async (ctx) => {
        const r = await ctx.race(ctx.waitForEvent('Go'), ctx.scheduleTimer(60_000));
        return r.index === 0 ? `event:${String(r.value)}` : 'timeout';
    };
    test('race resolves with whichever completion comes first in history (event wins)', async () => {
        let h = [];
        let r = await turn(raceFlow, h);
        h = commit(h, r);
        assert.deepEqual(types(h), ['OrchestrationStarted', 'ExternalSubscribed', 'TimerCreated']);
        r = await turn(raceFlow, h, [raised('Go', 'yes'), timerFired(3)]);
        assert.equal(r.status, 'Completed');
        assert.equal(JSON.parse(r.output), 'event:yes');
    });
    test('race resolves with whichever completion comes first in history (timer wins)', async () => {
        let h = [];
        let r = await turn(raceFlow, h);
        h = commit(h, r);
        r = await turn(raceFlow, h, [timerFired(3), raised('Go', 'late')]);
        assert.equal(JSON.parse(r.output), 'timeout');
        // The losing wait is cancelled with a breadcrumb before the terminal event.
        assert.deepEqual(types(r.historyDelta), [
            'TimerFired',
            'ExternalEvent',
            'ExternalSubscribedCancelled',
            'OrchestrationCompleted',
        ]);
    });
    test('native Promise.race over durable tasks replays deterministically', async () => {
        const flow = async (ctx) => Promise.race([
            ctx.scheduleActivity('Slow').then(() => 'slow'),
            ctx.scheduleActivity('Fast').then(() => 'fast'),
        ]);
        let h = [];
        let r = await turn(flow, h);
        h = commit(h, r);
        r = await turn(flow, h, [activityDone(3, 1), activityDone(2, 1)]);
        assert.equal(JSON.parse(r.output), 'fast');
        const replay = await turn(flow, commit(h, r).slice(0, -2));
        assert.equal(JSON.parse(replay.output), 'fast');
    });
    test('ctx.all returns results in argument order with per-task outcomes', async () => {
        const flow = async (ctx) => {
            const rs = await ctx.all([ctx.scheduleActivity('A'), ctx.scheduleActivity('B')]);
            return rs.map((x) => (x.err !== undefined ? `err:${x.err}` : `ok:${String(x.ok)}`));
        };
        const h = history(started(), activityScheduled('A'), activityScheduled('B'));
        const r = await turn(flow, h, [
            {
                type: 'ActivityFailed',
                instance: 'inst-1',
                executionId: 1,
                id: 3,
                details: { category: 'application', kind: 'ActivityFailed', message: 'boom' },
            },
            activityDone(2, 'a'),
        ]);
        assert.deepEqual(JSON.parse(r.output), ['ok:a', 'err:boom']);
    });
});
describe('replay engine: nondeterminism', () => {
    test('a different activity name at a recorded position fails with a message naming both sides', async () => {
        const h = history(started(), activityScheduled('Charge'));
        const flow = async (ctx) => ctx.scheduleActivity('Refund');
        const r = await turn(flow, h);
        assert.equal(r.status, 'Failed');
        assert.equal(r.error?.category, 'configuration');
        assert.match(r.output, /nondeterministic: instance 'inst-1' execution 1 \(Flow@1\.0\.0\).*event 2.*'Charge'.*'Refund'/);
    });
    test('a timer where history has an activity is a schedule kind mismatch', async () => {
        const h = history(started(), activityScheduled('A'));
        const r = await turn(async (ctx) => ctx.scheduleTimer(5), h);
        assert.equal(r.status, 'Failed');
        assert.match(r.output, /history has activity 'A' but the code scheduled timer/);
    });
    test('history with a schedule the code no longer makes fails', async () => {
        const h = history(started(), activityScheduled('A'), activityCompleted(2, 1), activityScheduled('B'));
        const flow = async (ctx) => {
            await ctx.scheduleActivity('A');
            return 'done early';
        };
        const r = await turn(flow, h, []);
        // Returning early is legal: remaining history is not validated.
        assert.equal(r.status, 'Completed');
        const flow2 = async (ctx) => {
            await ctx.scheduleActivity('A');
            await ctx.scheduleTimer(1000);
        };
        const h2 = history(started(), activityScheduled('A'), activityScheduled('B'), activityCompleted(2, 1));
        const r2 = await turn(flow2, h2);
        assert.equal(r2.status, 'Failed');
        assert.match(r2.output, /history schedule but no emitted action/);
    });
    test('a completion for an event that is not a schedule fails before user code runs', async () => {
        let ran = 0;
        const h = history(started(), activityScheduled('A'));
        const r = await turn(async (ctx) => {
            ran++;
            await ctx.scheduleActivity('A');
        }, h, [activityDone(7, 1)]);
        assert.equal(ran, 0);
        assert.equal(r.status, 'Failed');
        assert.match(r.output, /no matching schedule for completion id=7/);
    });
    test('a changed activity input is detected', async () => {
        const h = history(started(), activityScheduled('A', { v: 1 }));
        const r = await turn(async (ctx) => ctx.scheduleActivity('A', { v: 2 }), h);
        assert.match(r.output, /input \{"v":1\} vs \{"v":2\}/);
    });
});
describe('replay engine: corrupted history', () => {
    test('history whose first event is not OrchestrationStarted fails clearly', async () => {
        const h = history(activityScheduled('A'));
        const r = await turn(hello, h);
        assert.equal(r.status, 'Failed');
        assert.match(r.output, /corrupted history.*first event must be OrchestrationStarted/);
    });
    test('a completion in history for a schedule that is not open fails', async () => {
        const h = history(started(), activityCompleted(5, 1));
        const r = await turn(hello, h);
        assert.equal(r.status, 'Failed');
        assert.match(r.output, /completion without open schedule/);
    });
    test('duplicate completions are ignored', async () => {
        const h = history(started('x'), activityScheduled('Greet', 'x'));
        const r = await turn(hello, h, [activityDone(2, 'a'), activityDone(2, 'b')]);
        assert.equal(r.status, 'Completed');
        assert.equal(JSON.parse(r.output), 'a!');
    });
});
describe('replay engine: errors and quiescence', () => {
    test('awaiting a non-durable promise fails with a configuration error', async () => {
        const r = await turn(async () => {
            await new Promise((resolve) => setTimeout(resolve, 50));
        }, []);
        assert.equal(r.status, 'Failed');
        assert.equal(r.error?.category, 'configuration');
        assert.match(r.output, /not a durable task/);
    });
    test('an orchestration that throws synchronously fails with its message', async () => {
        const r = await turn(() => {
            throw new Error('bad input');
        }, []);
        assert.equal(r.status, 'Failed');
        assert.equal(r.output, 'bad input');
    });
    test('a generator orchestration runs the same as an async one', async () => {
        function* gen(ctx, name) {
            const greeting = yield ctx.scheduleActivity('Greet', name);
            return `${greeting}!`;
        }
        const h = history(started('World'), activityScheduled('Greet', 'World'));
        const r = await turn(gen, h, [activityDone(2, 'Hello, World')]);
        assert.equal(JSON.parse(r.output), 'Hello, World!');
    });
    test('a failed activity throws into generator code so try/catch works', async () => {
        function* gen(ctx) {
            try {
                yield ctx.scheduleActivity('Charge');
                return 'charged';
            }
            catch (e) {
                return `compensated: ${e.message}`;
            }
        }
        const h = history(started(), activityScheduled('Charge'));
        const r = await turn(gen, h, [
            {
                type: 'ActivityFailed',
                instance: 'inst-1',
                executionId: 1,
                id: 2,
                details: { category: 'application', kind: 'ActivityFailed', message: 'card declined' },
            },
        ]);
        assert.equal(JSON.parse(r.output), 'compensated: card declined');
    });
    test('utcNow and newGuid are recorded and replayed with the same values', async () => {
        const flow = async (ctx) => {
            const t = await ctx.utcNow();
            const g = await ctx.newGuid();
            await ctx.scheduleActivity('A');
            return [t, g];
        };
        let h = [];
        let r = await turn(flow, h);
        h = commit(h, r);
        assert.equal(r.workerItems.length, 1);
        const engine = makeEngine(flow, h, { clock: () => 42 });
        r = await engine.runTurn([activityDone(6, 1)]);
        const [t, g] = JSON.parse(r.output);
        assert.notEqual(t, 42);
        assert.equal(g, 'guid-1');
    });
    test('a cached engine continues with only new messages and matches a full replay', async () => {
        const flow = async (ctx) => {
            let sum = 0;
            for (let i = 0; i < 5; i++)
                sum += await ctx.scheduleActivity('Add', i);
            return sum;
        };
        const engine = makeEngine(flow, []);
        let h = [];
        let r = await engine.runTurn([]);
        h = commit(h, r);
        engine.commit();
        for (let i = 0; i < 5; i++) {
            const id = h[h.length - 1].eventId;
            r = await engine.runTurn([activityDone(id, i * 10)]);
            h = commit(h, r);
            engine.commit();
        }
        assert.equal(r.status, 'Completed');
        assert.equal(JSON.parse(r.output), 100);
        const replay = await turn(flow, h.slice(0, -2), [activityDone(h[h.length - 3].eventId, 40)]);
        assert.equal(JSON.parse(replay.output), 100);
    });
});
//# sourceMappingURL=replay-engine.test.js.map