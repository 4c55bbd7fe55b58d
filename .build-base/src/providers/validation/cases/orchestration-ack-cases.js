/**
 * Conformance: the atomic orchestration ack.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { ack, activityExecute, externalRaised, FETCH, fetchFor, historyEvent, rejectsPermanently, scheduledEvent, startInstance, startItem, startMetadata, startedEvent, } from '../conformance-fixtures.js';
export function registerOrchestrationAckCases(h) {
    describe('orchestration ack', () => {
        h.test('ack appends history, deletes the fetched messages and releases the instance lock', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'ack-1');
            await p.enqueueForOrchestrator(externalRaised('ack-1'));
            const locked = await fetchFor(p, 'ack-1');
            await p.ackOrchestrationItem(locked.lockToken, ack(1, { historyDelta: [scheduledEvent('ack-1', 1, 2)] }));
            assert.deepEqual((await p.readHistory('ack-1')).map((e) => e.eventId), [1, 2]);
            assert.equal(await p.fetchOrchestrationItem(FETCH), null, 'the acked messages are gone');
            await p.enqueueForOrchestrator(externalRaised('ack-1'));
            await fetchFor(p, 'ack-1');
        });
        h.test('ack stores events exactly as given', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('ack-exact'));
            const locked = await fetchFor(p, 'ack-exact');
            const started = startedEvent('ack-exact');
            await p.ackOrchestrationItem(locked.lockToken, ack(1, { historyDelta: [started], metadata: startMetadata() }));
            assert.deepEqual(await p.readHistory('ack-exact', 1), [started]);
        });
        h.test('ack with a duplicate event id fails permanently, writes nothing and keeps the lock', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'dup-1');
            await p.enqueueForOrchestrator(externalRaised('dup-1'));
            const locked = await fetchFor(p, 'dup-1');
            const bad = ack(1, {
                historyDelta: [scheduledEvent('dup-1', 1, 2), scheduledEvent('dup-1', 1, 1)],
                workerItems: [activityExecute('dup-1', 1, 2)],
                orchestratorItems: [startItem('dup-other')],
                metadata: { status: 'Completed', output: '"x"', customStatus: { value: '"s"' } },
            });
            await rejectsPermanently(p.ackOrchestrationItem(locked.lockToken, bad));
            assert.deepEqual((await p.readHistory('dup-1')).map((e) => e.eventId), [1]);
            assert.equal((await p.getInstance('dup-1'))?.status, 'Running');
            assert.equal(await p.getCustomStatus('dup-1', 0), null);
            assert.equal(await p.fetchWorkItem({ lockTimeoutMs: 30_000 }), null);
            assert.equal(await p.instanceExists('dup-other'), false);
            assert.equal(await p.fetchOrchestrationItem(FETCH), null, 'the instance is still locked');
            await p.ackOrchestrationItem(locked.lockToken, ack(1, { historyDelta: [scheduledEvent('dup-1', 1, 2)] }));
            assert.equal((await p.readHistory('dup-1')).length, 2);
        });
        h.test('ack with an event id repeated inside the delta fails permanently', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('dup-2'));
            const locked = await fetchFor(p, 'dup-2');
            await rejectsPermanently(p.ackOrchestrationItem(locked.lockToken, ack(1, {
                historyDelta: [startedEvent('dup-2'), startedEvent('dup-2')],
                metadata: startMetadata(),
            })));
            assert.equal(await p.getInstance('dup-2'), null);
            assert.deepEqual(await p.readHistory('dup-2'), []);
        });
        h.test('messages arriving during a turn are not deleted by its ack and form the next batch', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'late-1');
            await p.enqueueForOrchestrator(externalRaised('late-1', 'first'));
            const locked = await fetchFor(p, 'late-1');
            await p.enqueueForOrchestrator(externalRaised('late-1', 'second'));
            await p.ackOrchestrationItem(locked.lockToken, ack(1));
            const next = await fetchFor(p, 'late-1');
            assert.deepEqual(next.item.messages, [externalRaised('late-1', 'second')]);
            assert.equal(next.attemptCount, 1);
        });
        h.test('ack with an unknown lock token fails permanently and names the token', async (t) => {
            const p = await h.provider(t);
            await rejectsPermanently(p.ackOrchestrationItem('no-such-token', ack(1)), 'no-such-token');
        });
        h.test('a token cannot be acked twice', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('twice-1'));
            const locked = await fetchFor(p, 'twice-1');
            await p.ackOrchestrationItem(locked.lockToken, ack(1));
            await rejectsPermanently(p.ackOrchestrationItem(locked.lockToken, ack(1)));
        });
        h.test('an empty ack discards the batch without creating the instance', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('discard-1'));
            const locked = await fetchFor(p, 'discard-1');
            await p.ackOrchestrationItem(locked.lockToken, ack(1));
            assert.equal(await p.getInstance('discard-1'), null);
            assert.equal(await p.instanceExists('discard-1'), false);
            assert.deepEqual(await p.listExecutions('discard-1'), []);
            assert.equal(await p.fetchOrchestrationItem(FETCH), null);
        });
        h.test('ack routes orchestrator items to their target instances', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'route-parent');
            await p.enqueueForOrchestrator(startItem('route-child'));
            const child = await fetchFor(p, 'route-child');
            await p.ackOrchestrationItem(child.lockToken, ack(1, {
                historyDelta: [startedEvent('route-child')],
                orchestratorItems: [
                    {
                        type: 'SubOrchCompleted',
                        parentInstance: 'route-parent',
                        parentExecutionId: 1,
                        parentId: 2,
                        result: '"r"',
                    },
                    startItem('route-detached'),
                ],
                metadata: startMetadata(),
            }));
            const parent = await fetchFor(p, 'route-parent');
            assert.deepEqual(parent.item.messages.map((m) => m.type), ['SubOrchCompleted']);
            const detached = await fetchFor(p, 'route-detached');
            assert.equal(detached.item.messages[0]?.type, 'StartOrchestration');
        });
        h.test('ack of a terminal turn records status, output and completion on the execution', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'term-1');
            await p.enqueueForOrchestrator(externalRaised('term-1'));
            const locked = await fetchFor(p, 'term-1');
            await p.ackOrchestrationItem(locked.lockToken, ack(1, {
                historyDelta: [
                    historyEvent('term-1', 1, 2, { type: 'OrchestrationCompleted', output: '"done"' }),
                ],
                metadata: { status: 'Completed', output: '"done"' },
            }));
            const instance = await p.getInstance('term-1');
            assert.equal(instance?.status, 'Completed');
            assert.equal(instance?.output, '"done"');
            const execution = await p.getExecution('term-1', 1);
            assert.equal(execution?.status, 'Completed');
            assert.ok(execution?.completedAt !== undefined && execution.completedAt >= execution.startedAt);
        });
    });
}
//# sourceMappingURL=orchestration-ack-cases.js.map