/**
 * What an execution waits on and its timeline, derived from plain history events.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timeline, waitingOn } from '../../src/server/history-views.js';
function ev(eventId, kind, data, sourceEventId) {
    return {
        eventId,
        kind,
        timestampMs: 1000 + eventId,
        ...(sourceEventId !== undefined ? { sourceEventId } : {}),
        ...(data !== undefined ? { data } : {}),
    };
}
const history = [
    ev(1, 'OrchestrationStarted', { name: 'Flow' }),
    ev(2, 'ActivityScheduled', { name: 'Charge' }),
    ev(3, 'ActivityScheduled', { name: 'Ship' }),
    ev(4, 'TimerCreated', { fireAt: 99_000 }),
    ev(5, 'ExternalSubscribed', { name: 'approve' }),
    ev(6, 'ExternalSubscribed', { name: 'approve' }),
    ev(7, 'SubOrchestrationScheduled', { name: 'Child', instance: 'flow-1::sub::7' }),
    ev(8, 'ActivityCompleted', { result: 1 }, 2),
    ev(9, 'ExternalEvent', { name: 'approve', data: true }),
    ev(10, 'QueueSubscribed', { name: 'inbox' }),
];
test('lists open activities, timers, awaited events and queues, and running children of a running execution', () => {
    assert.deepEqual(waitingOn(history), {
        activities: [{ eventId: 3, name: 'Ship', scheduledAt: 1003 }],
        timers: [{ eventId: 4, fireAt: 99_000 }],
        events: [{ eventId: 6, name: 'approve' }],
        queues: [{ eventId: 10, name: 'inbox' }],
        children: [{ eventId: 7, name: 'Child', instanceId: 'flow-1::sub::7' }],
    });
});
test('a finished execution waits on nothing', () => {
    const done = waitingOn([...history, ev(11, 'OrchestrationCompleted', { output: null })]);
    assert.deepEqual(done, { activities: [], timers: [], events: [], queues: [], children: [] });
});
test('the timeline closes spans by source event id, and external events by name in order', () => {
    const spans = timeline([
        ...history,
        ev(11, 'ActivityFailed', {}, 3),
        ev(12, 'TimerFired', { fireAt: 99_000 }, 4),
    ]);
    assert.deepEqual(spans.map((s) => [s.eventId, s.kind, s.outcome, s.endedAt]), [
        [2, 'activity', 'completed', 1008],
        [3, 'activity', 'failed', 1011],
        [4, 'timer', 'completed', 1012],
        [5, 'event', 'completed', 1009],
        [6, 'event', 'open', undefined],
        [7, 'subOrchestration', 'open', undefined],
        [10, 'queue', 'open', undefined],
    ]);
});
//# sourceMappingURL=history-views.test.js.map