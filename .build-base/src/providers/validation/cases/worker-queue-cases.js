/**
 * Conformance: the worker queue — FIFO peek-lock, completion, cancellation and tag filters.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { ack, activityCompleted, activityExecute, externalRaised, fetchFor, rejectsPermanently, startInstance, } from '../conformance-fixtures.js';
const WORK = { lockTimeoutMs: 30_000 };
const SHORT_LOCK_MS = 150;
/** Creates `instanceId` with the given activities scheduled in its first turn. */
async function scheduleActivities(p, instanceId, items) {
    await startInstance(p, instanceId, { workerItems: items });
}
/** Ids of every item the filter accepts, draining the queue for that filter. */
async function drain(p, tagFilter) {
    const ids = [];
    for (;;) {
        const locked = await p.fetchWorkItem({ lockTimeoutMs: 30_000, tagFilter });
        if (locked === null)
            return ids;
        assert.equal(locked.item.type, 'ActivityExecute');
        if (locked.item.type === 'ActivityExecute')
            ids.push(locked.item.id);
    }
}
export function registerWorkerQueueCases(h) {
    describe('worker queue', () => {
        h.test('worker items are fetched in FIFO order, each with attempt 1', async (t) => {
            const p = await h.provider(t);
            await scheduleActivities(p, 'fifo-1', [2, 3, 4].map((id) => activityExecute('fifo-1', 1, id)));
            for (const id of [2, 3, 4]) {
                const locked = await p.fetchWorkItem(WORK);
                assert.deepEqual(locked?.item, activityExecute('fifo-1', 1, id));
                assert.equal(locked?.attemptCount, 1);
            }
            assert.equal(await p.fetchWorkItem(WORK), null);
        });
        h.test('a locked work item is not fetched again and lock tokens are unique', async (t) => {
            const p = await h.provider(t);
            await scheduleActivities(p, 'wlock-1', [
                activityExecute('wlock-1', 1, 2),
                activityExecute('wlock-1', 1, 3),
            ]);
            const a = await p.fetchWorkItem(WORK);
            const b = await p.fetchWorkItem(WORK);
            assert.ok(a && b);
            assert.notEqual(a.lockToken, b.lockToken);
            assert.equal(await p.fetchWorkItem(WORK), null);
        });
        h.test('acking a work item with a completion enqueues it for the target instance', async (t) => {
            const p = await h.provider(t);
            await scheduleActivities(p, 'wack-1', [activityExecute('wack-1', 1, 2)]);
            const locked = await p.fetchWorkItem(WORK);
            assert.ok(locked);
            await p.ackWorkItem(locked.lockToken, activityCompleted('wack-1', 1, 2));
            assert.equal(await p.fetchWorkItem(WORK), null, 'the row is deleted');
            const batch = await fetchFor(p, 'wack-1');
            assert.deepEqual(batch.item.messages, [activityCompleted('wack-1', 1, 2)]);
        });
        h.test('acking a work item without a completion only deletes it', async (t) => {
            const p = await h.provider(t);
            await scheduleActivities(p, 'wack-2', [activityExecute('wack-2', 1, 2)]);
            const locked = await p.fetchWorkItem(WORK);
            assert.ok(locked);
            await p.ackWorkItem(locked.lockToken);
            assert.equal(await p.fetchWorkItem(WORK), null);
            assert.equal(await p.fetchOrchestrationItem({ lockTimeoutMs: 30_000 }), null);
        });
        h.test('acking a work item with a non-activity completion fails permanently and keeps the row locked', async (t) => {
            const p = await h.provider(t);
            await scheduleActivities(p, 'wack-3', [activityExecute('wack-3', 1, 2)]);
            const locked = await p.fetchWorkItem(WORK);
            assert.ok(locked);
            await rejectsPermanently(p.ackWorkItem(locked.lockToken, externalRaised('wack-3')));
            assert.equal(await p.fetchWorkItem(WORK), null);
            await p.ackWorkItem(locked.lockToken, activityCompleted('wack-3', 1, 2));
        });
        h.test('acking a work item with an unknown token fails permanently', async (t) => {
            const p = await h.provider(t);
            await rejectsPermanently(p.ackWorkItem('no-such-token'), 'no-such-token');
        });
        h.test('an expired work item lock makes the item fetchable again and the old ack fails', async (t) => {
            const p = await h.provider(t);
            await scheduleActivities(p, 'wexp-1', [activityExecute('wexp-1', 1, 2)]);
            const first = await p.fetchWorkItem({ lockTimeoutMs: SHORT_LOCK_MS });
            assert.ok(first);
            await h.clock(t).advance(SHORT_LOCK_MS + 60);
            await rejectsPermanently(p.ackWorkItem(first.lockToken, activityCompleted('wexp-1', 1, 2)));
            const second = await p.fetchWorkItem(WORK);
            assert.equal(second?.attemptCount, 2);
            assert.equal(await p.fetchOrchestrationItem({ lockTimeoutMs: 30_000 }), null, 'no completion was enqueued');
        });
        h.test('abandoning a work item makes it fetchable again with a higher attempt count', async (t) => {
            const p = await h.provider(t);
            await scheduleActivities(p, 'wab-1', [activityExecute('wab-1', 1, 2)]);
            const first = await p.fetchWorkItem(WORK);
            assert.ok(first);
            await p.abandonWorkItem(first.lockToken);
            const second = await p.fetchWorkItem(WORK);
            assert.equal(second?.attemptCount, 2);
        });
        h.test('abandoning a work item with a delay hides it until the delay passes', async (t) => {
            const p = await h.provider(t);
            await scheduleActivities(p, 'wab-2', [activityExecute('wab-2', 1, 2)]);
            const first = await p.fetchWorkItem(WORK);
            assert.ok(first);
            await p.abandonWorkItem(first.lockToken, { delayMs: 250 });
            assert.equal(await p.fetchWorkItem(WORK), null);
            await h.clock(t).advance(300);
            assert.ok(await p.fetchWorkItem(WORK));
        });
        h.test('abandoning a work item with ignoreAttempt does not count the attempt', async (t) => {
            const p = await h.provider(t);
            await scheduleActivities(p, 'wab-3', [activityExecute('wab-3', 1, 2)]);
            const first = await p.fetchWorkItem(WORK);
            assert.ok(first);
            await p.abandonWorkItem(first.lockToken, { ignoreAttempt: true });
            assert.equal((await p.fetchWorkItem(WORK))?.attemptCount, 1);
        });
        h.test('abandoning a work item with an unknown token fails permanently', async (t) => {
            const p = await h.provider(t);
            await rejectsPermanently(p.abandonWorkItem('no-such-token'), 'no-such-token');
        });
        h.test('renewing a work item lock extends it past its original expiry', async (t) => {
            const p = await h.provider(t);
            await scheduleActivities(p, 'wren-1', [activityExecute('wren-1', 1, 2)]);
            const locked = await p.fetchWorkItem({ lockTimeoutMs: 200 });
            assert.ok(locked);
            await h.clock(t).advance(80);
            await p.renewWorkItemLock(locked.lockToken, 1_000);
            await h.clock(t).advance(220);
            assert.equal(await p.fetchWorkItem(WORK), null);
            await p.ackWorkItem(locked.lockToken, activityCompleted('wren-1', 1, 2));
        });
        h.test('renewing an expired or unknown work item lock fails permanently', async (t) => {
            const p = await h.provider(t);
            await scheduleActivities(p, 'wren-2', [activityExecute('wren-2', 1, 2)]);
            const locked = await p.fetchWorkItem({ lockTimeoutMs: SHORT_LOCK_MS });
            assert.ok(locked);
            await h.clock(t).advance(SHORT_LOCK_MS + 60);
            await rejectsPermanently(p.renewWorkItemLock(locked.lockToken, 1_000), locked.lockToken);
            await rejectsPermanently(p.renewWorkItemLock('no-such-token', 1_000), 'no-such-token');
        });
        h.test('cancelledActivities removes exactly the listed worker rows', async (t) => {
            const p = await h.provider(t);
            await scheduleActivities(p, 'cancel-1', [2, 3, 4].map((id) => activityExecute('cancel-1', 1, id)));
            await p.enqueueForOrchestrator(externalRaised('cancel-1'));
            const locked = await fetchFor(p, 'cancel-1');
            await p.ackOrchestrationItem(locked.lockToken, ack(1, {
                cancelledActivities: [
                    { instanceId: 'cancel-1', executionId: 1, activityId: 3 },
                    { instanceId: 'cancel-1', executionId: 1, activityId: 99 },
                ],
            }));
            assert.deepEqual(await drain(p, 'any'), [2, 4]);
        });
        h.test('an activity scheduled and cancelled in the same ack is never queued', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'cancel-2');
            await p.enqueueForOrchestrator(externalRaised('cancel-2'));
            const locked = await fetchFor(p, 'cancel-2');
            await p.ackOrchestrationItem(locked.lockToken, ack(1, {
                workerItems: [activityExecute('cancel-2', 1, 2), activityExecute('cancel-2', 1, 3)],
                cancelledActivities: [{ instanceId: 'cancel-2', executionId: 1, activityId: 2 }],
            }));
            assert.deepEqual(await drain(p, 'any'), [3]);
        });
        h.test('a running activity whose row was cancelled can neither renew nor ack', async (t) => {
            const p = await h.provider(t);
            await scheduleActivities(p, 'cancel-3', [activityExecute('cancel-3', 1, 2)]);
            const running = await p.fetchWorkItem(WORK);
            assert.ok(running);
            await p.enqueueForOrchestrator(externalRaised('cancel-3'));
            const locked = await fetchFor(p, 'cancel-3');
            await p.ackOrchestrationItem(locked.lockToken, ack(1, {
                cancelledActivities: [{ instanceId: 'cancel-3', executionId: 1, activityId: 2 }],
            }));
            await rejectsPermanently(p.renewWorkItemLock(running.lockToken, 1_000));
            await rejectsPermanently(p.ackWorkItem(running.lockToken, activityCompleted('cancel-3', 1, 2)));
        });
    });
    describe('worker tag filters', () => {
        const items = (instanceId) => [
            activityExecute(instanceId, 1, 2),
            activityExecute(instanceId, 1, 3, { tag: 'gpu' }),
            activityExecute(instanceId, 1, 4, { tag: 'io' }),
            activityExecute(instanceId, 1, 5),
        ];
        const cases = [
            ['no filter fetches only untagged work', undefined, [2, 5]],
            ['defaultOnly fetches only untagged work', 'defaultOnly', [2, 5]],
            ['tags fetches only the listed tags', { tags: ['gpu'] }, [3]],
            ['defaultAnd fetches untagged work and the listed tags', { defaultAnd: ['io'] }, [2, 4, 5]],
            ['any fetches everything', 'any', [2, 3, 4, 5]],
            ['none fetches nothing', 'none', []],
        ];
        for (const [name, filter, expected] of cases) {
            h.test(name, async (t) => {
                const p = await h.provider(t);
                await scheduleActivities(p, 'tags-1', items('tags-1'));
                const ids = [];
                for (;;) {
                    const locked = await p.fetchWorkItem(filter === undefined ? WORK : { ...WORK, tagFilter: filter });
                    if (locked === null || locked.item.type !== 'ActivityExecute')
                        break;
                    ids.push(locked.item.id);
                }
                assert.deepEqual(ids, expected);
            });
        }
        h.test('excluded activity names are skipped and stay available to other workers', async (t) => {
            const p = await h.provider(t);
            const other = { ...activityExecute('wexcl-1', 1, 3), name: 'other' };
            await scheduleActivities(p, 'wexcl-1', [activityExecute('wexcl-1', 1, 2), other]);
            const first = await p.fetchWorkItem({ ...WORK, excludeActivities: ['act'] });
            assert.deepEqual(first?.item, other);
            assert.equal(await p.fetchWorkItem({ ...WORK, excludeActivities: ['act'] }), null);
            const second = await p.fetchWorkItem(WORK);
            assert.equal(second?.item.type === 'ActivityExecute' && second.item.id, 2);
            assert.equal(second?.attemptCount, 1, 'skipping does not count as an attempt');
        });
    });
}
//# sourceMappingURL=worker-queue-cases.js.map