/**
 * Replay engine on event arrays: activity retry, key-value state and limits.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ReplayEngine } from '../../src/core/replay/replay-engine.js';
import { INSTANCE, activityDone, commit, makeEngine, timerFired, turn, types, } from '../helpers/engine-harness.js';
const failed = (id, message) => ({
    type: 'ActivityFailed',
    instance: INSTANCE,
    executionId: 1,
    id,
    details: { category: 'application', kind: 'ActivityFailed', message },
});
const lastScheduled = (h, type) => {
    for (let i = h.length - 1; i >= 0; i--)
        if (h[i].type === type)
            return h[i].eventId;
    throw new Error(`no ${type}`);
};
describe('activity retry', () => {
    test('retries a failing activity with durable backoff timers and succeeds on attempt 3', async () => {
        const flow = async (ctx) => ctx.scheduleActivityWithRetry('Flaky', 1, {
            maxAttempts: 5,
            backoff: { kind: 'exponential', baseMs: 100, maxMs: 1000 },
        });
        let h = commit([], await turn(flow, []));
        for (let attempt = 1; attempt <= 2; attempt++) {
            let r = await turn(flow, h, [
                failed(lastScheduled(h, 'ActivityScheduled'), `boom ${attempt}`),
            ]);
            h = commit(h, r);
            const timer = h.at(-1);
            assert.equal(timer.type, 'TimerCreated');
            r = await turn(flow, h, [timerFired(timer.eventId)]);
            h = commit(h, r);
        }
        const r = await turn(flow, h, [
            activityDone(lastScheduled(h, 'ActivityScheduled'), 'third time lucky'),
        ]);
        assert.equal(r.status, 'Completed');
        assert.equal(JSON.parse(r.output), 'third time lucky');
        const scheduled = commit(h, r).filter((e) => e.type === 'ActivityScheduled');
        assert.equal(scheduled.length, 3, 'one ActivityScheduled per attempt');
        const timers = commit(h, r).filter((e) => e.type === 'TimerCreated');
        // fireAt is taken one clock tick before the event's timestamp in this harness.
        assert.deepEqual(timers.map((t) => Math.round((t.fireAt - t.timestampMs) / 10) * 10), [100, 200]);
    });
    test('throws the last error when attempts are exhausted', async () => {
        const flow = async (ctx) => {
            try {
                await ctx.scheduleActivityWithRetry('Flaky', 1, { maxAttempts: 2, backoff: 'none' });
                return 'ok';
            }
            catch (e) {
                return `gave up: ${e.message}`;
            }
        };
        let h = commit([], await turn(flow, []));
        h = commit(h, await turn(flow, h, [failed(2, 'first')]));
        const r = await turn(flow, h, [failed(lastScheduled(h, 'ActivityScheduled'), 'second')]);
        assert.equal(JSON.parse(r.output), 'gave up: second');
    });
    test('a per-attempt timeout cancels the attempt and is not retried by default', async () => {
        const flow = async (ctx) => {
            try {
                return await ctx.scheduleActivityWithRetry('Slow', 1, { maxAttempts: 3, timeoutMs: 50 });
            }
            catch (e) {
                return e.message;
            }
        };
        const h = commit([], await turn(flow, []));
        assert.deepEqual(types(h), ['OrchestrationStarted', 'ActivityScheduled', 'TimerCreated']);
        const r = await turn(flow, h, [timerFired(3)]);
        assert.equal(JSON.parse(r.output), "timeout: activity 'Slow' timed out after 50 ms (attempt 1 of 3)");
        assert.ok(r.historyDelta.some((e) => e.type === 'ActivityCancelRequested' && e.sourceEventId === 2));
    });
    test('retryOnTimeout retries a timed-out attempt', async () => {
        const flow = async (ctx) => ctx.scheduleActivityWithRetry('Slow', 1, {
            maxAttempts: 2,
            timeoutMs: 50,
            backoff: 'none',
            retryOnTimeout: true,
        });
        let h = commit([], await turn(flow, []));
        h = commit(h, await turn(flow, h, [timerFired(3)]));
        assert.equal(h.filter((e) => e.type === 'ActivityScheduled').length, 2);
        const r = await turn(flow, h, [
            activityDone(lastScheduled(h, 'ActivityScheduled'), 'second try'),
        ]);
        assert.equal(JSON.parse(r.output), 'second try');
    });
    test('invalid retry policies are rejected at the call site', async () => {
        const results = [];
        const flow = async (ctx) => {
            for (const policy of [
                { maxAttempts: 0 },
                { maxAttempts: 2, timeoutMs: -1 },
                { maxAttempts: 2, backoff: 'sometimes' },
            ]) {
                try {
                    ctx.scheduleActivityWithRetry('A', 1, policy);
                }
                catch (e) {
                    results.push(e.message);
                }
            }
            return results;
        };
        const r = await turn(flow, []);
        const out = JSON.parse(r.output);
        assert.equal(out.length, 3);
        assert.match(out[0], /maxAttempts must be an integer >= 1/);
        assert.match(out[1], /timeoutMs must be a positive number/);
        assert.match(out[2], /backoff must be/);
    });
});
describe('key-value state', () => {
    const counter = async (ctx) => {
        const n = (ctx.getValue('count') ?? 0) + 1;
        ctx.setValue('count', n);
        await ctx.scheduleActivity('Tick', n);
        ctx.setValue('last', { n });
        ctx.clearValue('temp');
        return { all: ctx.getKvAllValues(), keys: ctx.getKvAllKeys(), len: ctx.getKvLength() };
    };
    test('values are read-modify-write and rebuilt identically on replay', async () => {
        const engine = new ReplayEngine({
            instanceId: INSTANCE,
            executionId: 2,
            history: [],
            start: { name: 'Flow', version: '1.0.0', input: 'null' },
            handler: counter,
            clock: () => 5_000,
            newGuid: () => 'g',
            drain: () => new Promise((r) => setImmediate(r)),
            duroxideVersion: '0.1.0',
            kvSnapshot: new Map([
                ['count', { value: '41', lastUpdatedAt: 1 }],
                ['temp', { value: '"x"', lastUpdatedAt: 1 }],
            ]),
        });
        const r1 = await engine.runTurn([]);
        assert.deepEqual(types(r1.historyDelta), [
            'OrchestrationStarted',
            'KeyValueSet',
            'ActivityScheduled',
        ]);
        assert.deepEqual(r1.historyDelta[1], {
            ...r1.historyDelta[1],
            key: 'count',
            value: '42',
            lastUpdatedAt: 5_000,
        });
        engine.commit();
        const r2 = await engine.runTurn([{ ...activityDone(3, null), executionId: 2 }]);
        assert.deepEqual(JSON.parse(r2.output), {
            all: { count: 42, last: { n: 42 } },
            keys: ['count', 'last'],
            len: 2,
        });
        assert.deepEqual(types(r2.historyDelta), [
            'ActivityCompleted',
            'KeyValueSet',
            'KeyValueCleared',
            'OrchestrationCompleted',
        ]);
    });
    test('a different value set at a recorded position is nondeterminism', async () => {
        const h = commit([], await turn(async (ctx) => {
            ctx.setValue('k', 1);
            return ctx.waitForEvent('x');
        }, []));
        const r = await turn(async (ctx) => {
            ctx.setValue('k', 2);
            return ctx.waitForEvent('x');
        }, h);
        assert.equal(r.status, 'Failed');
        assert.match(r.output, /value 1 vs 2/);
    });
    test('pruning uses recorded timestamps so it replays the same way', async () => {
        let clock = 1_000;
        const flow = async (ctx) => {
            ctx.setValue('old', 1);
            await ctx.scheduleTimer(10);
            const pruned = ctx.pruneKvValuesUpdatedBefore(1_500);
            return { pruned, keys: ctx.getKvAllKeys() };
        };
        const first = makeEngine(flow, [], { clock: () => clock });
        const h = commit([], await first.runTurn([]));
        clock = 2_000; // a replay much later must still see 'old' as set at 1,000
        const r = await makeEngine(flow, h, { clock: () => clock }).runTurn([timerFired(3)]);
        assert.deepEqual(JSON.parse(r.output), { pruned: 1, keys: [] });
    });
    test('limits: too many keys, an oversized value or custom status throw at the call site', async () => {
        const flow = async (ctx) => {
            const errors = [];
            for (let i = 0; i < 150; i++)
                ctx.setValue(`k${i}`, i);
            for (const f of [
                () => ctx.setValue('one-too-many', 1),
                () => ctx.setValue('k0', 'x'.repeat(70_000)),
                () => ctx.setCustomStatus('y'.repeat(300_000)),
                () => ctx.scheduleActivity('A').withTag('t'.repeat(300)),
            ]) {
                try {
                    f();
                }
                catch (e) {
                    errors.push(e.message);
                }
            }
            return errors;
        };
        const r = await turn(flow, []);
        const errors = JSON.parse(r.output);
        assert.equal(errors.length, 4);
        assert.match(errors[0], /already has 150 keys, the limit/);
        assert.match(errors[1], /value of key 'k0' is 70000 bytes; the limit is 65536/);
        assert.match(errors[2], /custom status is 300002 bytes; the limit is 262144/);
        assert.match(errors[3], /tag is 300 bytes; the limit is 256/);
    });
    test('a string KV value is measured by its own UTF-8 bytes, as duroxide-node does, so exactly the limit fits', async () => {
        const flow = async (ctx) => {
            ctx.setValue('exact', 'x'.repeat(65_536));
            try {
                ctx.setValue('over', 'é'.repeat(32_769));
                return 'accepted';
            }
            catch (e) {
                return e.message;
            }
        };
        const r = await turn(flow, []);
        assert.match(JSON.parse(r.output), /value of key 'over' is 65538 bytes; the limit is 65536/);
    });
    test('a history longer than maxHistoryEvents fails the execution without truncating it', async () => {
        const flow = async (ctx) => {
            for (let i = 0;; i++)
                await ctx.scheduleActivity('Step', i);
        };
        const engine = new ReplayEngine({
            instanceId: INSTANCE,
            executionId: 1,
            history: [],
            start: { name: 'Flow', version: '1.0.0', input: 'null' },
            handler: flow,
            clock: () => 1,
            newGuid: () => 'g',
            drain: () => new Promise((r) => setImmediate(r)),
            duroxideVersion: '0.1.0',
            limits: { maxHistoryEvents: 5 },
        });
        let r = await engine.runTurn([]);
        engine.commit();
        r = await engine.runTurn([activityDone(2, 0)]);
        engine.commit();
        r = await engine.runTurn([activityDone(4, 0)]);
        assert.equal(r.status, 'Failed');
        assert.equal(r.error?.kind, 'LimitExceeded');
        assert.match(r.output, /has 6 events, more than the limit of 5; use continueAsNew/);
    });
});
//# sourceMappingURL=replay-engine-features.test.js.map