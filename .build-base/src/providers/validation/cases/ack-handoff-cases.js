/**
 * Conformance: an ack that hands work straight back to its caller (`OrchestrationAckOptions`,
 * `completedWorkItems`) — the path a runtime uses to run a turn's activities itself and commit
 * the next turn without queue round trips.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { ack, activityExecute, externalRaised, FETCH, fetchFor, historyEvent, LONG_LOCK_MS, rejectsPermanently, sleep, startedEvent, startInstance, startItem, startMetadata, timerFired, } from '../conformance-fixtures.js';
const CLAIM = (indexes) => ({ claimWorkItems: { indexes, lockTimeoutMs: LONG_LOCK_MS } });
const KEEP = { keepLock: { lockTimeoutMs: LONG_LOCK_MS } };
/** Starts `instanceId` and acks its first turn with `activities` worker items, claiming all. */
async function startClaiming(p, instanceId, activities, keep = true) {
    await p.enqueueForOrchestrator(startItem(instanceId));
    const locked = await fetchFor(p, instanceId);
    const result = await p.ackOrchestrationItem(locked.lockToken, ack(1, {
        historyDelta: [
            startedEvent(instanceId, 1),
            ...activities.map((id) => historyEvent(instanceId, 1, id, {
                type: 'ActivityScheduled',
                name: 'act',
                input: String(id),
            })),
        ],
        workerItems: activities.map((id) => activityExecute(instanceId, 1, id)),
        metadata: startMetadata(),
    }), { ...CLAIM(activities.map((_, i) => i)), ...(keep ? KEEP : {}) });
    return { locked, result };
}
function completedEvent(instanceId, eventId, sourceEventId) {
    return {
        ...historyEvent(instanceId, 1, eventId, { type: 'ActivityCompleted', result: '"ok"' }),
        sourceEventId,
    };
}
export function registerAckHandoffCases(h) {
    describe('ack hand-off (claimed work items, kept lock)', () => {
        h.test('a plain ack returns no claims, a released lock and the instance creation time', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('ho-1'));
            const locked = await fetchFor(p, 'ho-1');
            const before = h.clock(t).now();
            const result = await p.ackOrchestrationItem(locked.lockToken, ack(1, {
                historyDelta: [startedEvent('ho-1', 1)],
                workerItems: [activityExecute('ho-1', 1, 2)],
                metadata: startMetadata(),
            }));
            assert.deepEqual(result.claimedWorkItems, []);
            assert.equal(result.lockKept, false);
            const record = await p.getInstance('ho-1');
            assert.equal(result.instanceCreatedAt, record?.createdAt);
            assert.ok(result.instanceCreatedAt !== undefined && result.instanceCreatedAt >= before - 1000);
            assert.ok(await p.fetchWorkItem(FETCH), 'the unclaimed item is fetchable');
        });
        h.test('an ack that writes no instance row reports no creation time', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('ho-2'));
            const locked = await fetchFor(p, 'ho-2');
            const result = await p.ackOrchestrationItem(locked.lockToken, ack(1));
            assert.equal(result.instanceCreatedAt, undefined);
            assert.equal(await p.getInstance('ho-2'), null);
        });
        h.test('claimed work items come back locked (attempt 1) and are not fetchable by others', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('ho-3'));
            const locked = await fetchFor(p, 'ho-3');
            const result = await p.ackOrchestrationItem(locked.lockToken, ack(1, {
                historyDelta: [startedEvent('ho-3', 1)],
                workerItems: [2, 3, 4].map((id) => activityExecute('ho-3', 1, id)),
                metadata: startMetadata(),
            }), CLAIM([2, 0]));
            assert.deepEqual(result.claimedWorkItems.map((c) => [
                c.item.type === 'ActivityExecute' ? c.item.id : -1,
                c.attemptCount,
            ]), [
                [4, 1],
                [2, 1],
            ], 'in the order of the indexes');
            assert.notEqual(result.claimedWorkItems[0].lockToken, result.claimedWorkItems[1].lockToken);
            const other = await p.fetchWorkItem(FETCH);
            assert.ok(other?.item.type === 'ActivityExecute' && other.item.id === 3, 'only the unclaimed item is fetchable');
            assert.equal(await p.fetchWorkItem(FETCH), null);
            // A claimed item behaves like a fetched one: renew, then ack with a completion.
            const claimed = result.claimedWorkItems[0];
            await p.renewWorkItemLock(claimed.lockToken, LONG_LOCK_MS);
            await p.ackWorkItem(claimed.lockToken, {
                type: 'ActivityCompleted',
                instance: 'ho-3',
                executionId: 1,
                id: 4,
                result: '1',
            });
            const next = await fetchFor(p, 'ho-3');
            assert.deepEqual(next.item.messages.map((m) => m.type), ['ActivityCompleted']);
        });
        h.test('a claimed item whose lock expires is fetched again with attempt 2', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('ho-4'));
            const locked = await fetchFor(p, 'ho-4');
            await p.ackOrchestrationItem(locked.lockToken, ack(1, {
                historyDelta: [startedEvent('ho-4', 1)],
                workerItems: [activityExecute('ho-4', 1, 2)],
                metadata: startMetadata(),
            }), { claimWorkItems: { indexes: [0], lockTimeoutMs: 100 } });
            assert.equal(await p.fetchWorkItem(FETCH), null);
            await h.clock(t).advance(150);
            const again = await p.fetchWorkItem(FETCH);
            assert.equal(again?.attemptCount, 2);
        });
        h.test('a claim index that names no distinct worker item fails the ack and writes nothing', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'ho-5');
            for (const indexes of [[1], [-1], [0, 0], [0.5]]) {
                await p.enqueueForOrchestrator(externalRaised('ho-5'));
                const { lockToken } = await fetchFor(p, 'ho-5');
                await rejectsPermanently(p.ackOrchestrationItem(lockToken, ack(1, { workerItems: [activityExecute('ho-5', 1, 2)] }), CLAIM(indexes)), 'claimWorkItems');
                assert.equal(await p.fetchWorkItem(FETCH), null, `indexes ${JSON.stringify(indexes)}: nothing queued`);
                await p.abandonOrchestrationItem(lockToken, { ignoreAttempt: true });
            }
        });
        h.test('a kept lock stays valid: the same token commits the next turn, and nobody else fetches the instance', async (t) => {
            const p = await h.provider(t);
            const { locked, result } = await startClaiming(p, 'ho-6', [2]);
            assert.equal(result.lockKept, true);
            await p.enqueueForOrchestrator(startItem('ho-6-other'));
            const other = await p.fetchOrchestrationItem(FETCH);
            assert.equal(other?.item.instanceId, 'ho-6-other', 'the held instance is skipped');
            const claimed = result.claimedWorkItems[0];
            const next = await p.ackOrchestrationItem(locked.lockToken, ack(1, {
                historyDelta: [completedEvent('ho-6', 3, 2)],
                completedWorkItems: [claimed.lockToken],
                metadata: { status: 'Completed', output: '"ok"' },
            }), KEEP);
            assert.equal(next.lockKept, false, 'an ack that ends the execution releases the lock');
            assert.deepEqual((await p.readHistory('ho-6')).map((e) => e.type), ['OrchestrationStarted', 'ActivityScheduled', 'ActivityCompleted']);
            assert.equal((await p.getInstance('ho-6'))?.status, 'Completed');
            assert.equal(await p.fetchWorkItem(FETCH), null, 'the completed work item is gone');
            await rejectsPermanently(p.renewWorkItemLock(claimed.lockToken, 1000));
            await rejectsPermanently(p.ackOrchestrationItem(locked.lockToken, ack(1)), 'lock');
        });
        h.test('a kept lock is renewable and is released by abandoning it', async (t) => {
            const p = await h.provider(t);
            const { locked } = await startClaiming(p, 'ho-7', [2]);
            await p.renewOrchestrationItemLock(locked.lockToken, LONG_LOCK_MS);
            await p.enqueueForOrchestrator(externalRaised('ho-7'));
            assert.equal(await p.fetchOrchestrationItem(FETCH), null, 'held: the new message waits');
            await p.abandonOrchestrationItem(locked.lockToken, { ignoreAttempt: true });
            const next = await fetchFor(p, 'ho-7');
            assert.deepEqual(next.item.messages.map((m) => m.type), ['ExternalRaised']);
            assert.equal(next.attemptCount, 1, 'the waiting message was never attempted');
        });
        h.test('a visible waiting message makes the ack release the lock instead of keeping it', async (t) => {
            const p = await h.provider(t);
            const { locked, result } = await startClaiming(p, 'ho-8', [2]);
            await p.enqueueForOrchestrator(externalRaised('ho-8'));
            const next = await p.ackOrchestrationItem(locked.lockToken, ack(1, {
                historyDelta: [completedEvent('ho-8', 3, 2)],
                completedWorkItems: [result.claimedWorkItems[0].lockToken],
            }), KEEP);
            assert.equal(next.lockKept, false);
            const fetched = await fetchFor(p, 'ho-8');
            assert.deepEqual(fetched.item.messages.map((m) => m.type), ['ExternalRaised']);
        });
        h.test('a message not yet visible (a future timer) does not stop the lock being kept', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('ho-9'));
            const locked = await fetchFor(p, 'ho-9');
            const result = await p.ackOrchestrationItem(locked.lockToken, ack(1, {
                historyDelta: [startedEvent('ho-9', 1)],
                orchestratorItems: [timerFired('ho-9', 1, 2, h.clock(t).now() + 60_000)],
                metadata: startMetadata(),
            }), KEEP);
            assert.equal(result.lockKept, true);
        });
        h.test('an unknown or expired completed work item fails the whole ack and writes nothing', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('ho-10'));
            const locked = await fetchFor(p, 'ho-10');
            const first = await p.ackOrchestrationItem(locked.lockToken, ack(1, {
                historyDelta: [startedEvent('ho-10', 1)],
                workerItems: [activityExecute('ho-10', 1, 2)],
                metadata: startMetadata(),
            }), { claimWorkItems: { indexes: [0], lockTimeoutMs: 100 }, ...KEEP });
            const attempt = (tokens) => p.ackOrchestrationItem(locked.lockToken, ack(1, {
                historyDelta: [completedEvent('ho-10', 3, 2)],
                completedWorkItems: tokens,
                workerItems: [activityExecute('ho-10', 1, 4)],
            }), KEEP);
            await rejectsPermanently(attempt(['no-such-token']), 'no-such-token');
            await h.clock(t).advance(150);
            await rejectsPermanently(attempt([first.claimedWorkItems[0].lockToken]), first.claimedWorkItems[0].lockToken);
            assert.deepEqual((await p.readHistory('ho-10')).map((e) => e.eventId), [1], 'no event was written');
            const redo = await p.fetchWorkItem(FETCH);
            assert.ok(redo?.item.type === 'ActivityExecute' && redo.item.id === 2, 'the expired item is redelivered; item 4 was never queued');
            assert.equal(await p.fetchWorkItem(FETCH), null);
            // The instance lock is untouched by the failed acks and still usable.
            await p.ackOrchestrationItem(locked.lockToken, ack(1));
        });
        h.test('claimed items are not announced to worker subscribers; unclaimed ones are', async (t) => {
            const p = await h.provider(t);
            const signals = [];
            p.subscribe((s) => signals.push(s));
            await startClaiming(p, 'ho-11', [2, 3], false);
            await sleep(20);
            assert.ok(!signals.some((s) => s.kind === 'worker'), JSON.stringify(signals));
            await p.enqueueForOrchestrator(startItem('ho-12'));
            const locked = await fetchFor(p, 'ho-12');
            signals.length = 0;
            await p.ackOrchestrationItem(locked.lockToken, ack(1, {
                historyDelta: [startedEvent('ho-12', 1)],
                workerItems: [2, 3].map((id) => activityExecute('ho-12', 1, id)),
                metadata: startMetadata(),
            }), CLAIM([0]));
            await sleep(20);
            assert.ok(signals.some((s) => s.kind === 'worker'));
        });
        h.test('a kept lock, once it expires, lets another dispatcher fetch the instance', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('ho-13'));
            const locked = await fetchFor(p, 'ho-13');
            const result = await p.ackOrchestrationItem(locked.lockToken, ack(1, { historyDelta: [startedEvent('ho-13', 1)], metadata: startMetadata() }), { keepLock: { lockTimeoutMs: 100 } });
            assert.equal(result.lockKept, true);
            await p.enqueueForOrchestrator(externalRaised('ho-13'));
            assert.equal(await p.fetchOrchestrationItem(FETCH), null);
            await h.clock(t).advance(150);
            const fetched = await fetchFor(p, 'ho-13');
            assert.equal(fetched.item.history.length, 1);
            await rejectsPermanently(p.ackOrchestrationItem(locked.lockToken, ack(1)));
        });
    });
}
//# sourceMappingURL=ack-handoff-cases.js.map