/**
 * Conformance: messages for instances that do not exist never block the queue.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { ack, externalRaised, FETCH, fetchEventually, fetchFor, queueMessage, startItem, startMetadata, startedEvent, } from '../conformance-fixtures.js';
export function registerOrphanCases(h) {
    describe('orphan messages', () => {
        h.test('a batch of only QueueMessage items for an unknown instance is dropped', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(queueMessage('ghost-q', 'a'));
            await p.enqueueForOrchestrator(queueMessage('ghost-q', 'b'));
            assert.equal(await p.fetchOrchestrationItem(FETCH), null);
            assert.equal(await p.nextOrchestratorVisibleAt(), null, 'dropped, not delayed');
            await p.enqueueForOrchestrator(startItem('ghost-q'));
            const locked = await fetchFor(p, 'ghost-q');
            assert.deepEqual(locked.item.messages.map((m) => m.type), ['StartOrchestration']);
        });
        h.test('messages for never-started instances do not block other instances', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(externalRaised('ghost-e1'));
            await p.enqueueForOrchestrator({ type: 'CancelInstance', instance: 'ghost-e2', reason: 'x' });
            await p.enqueueForOrchestrator(queueMessage('ghost-e3'));
            await p.enqueueForOrchestrator(startItem('real-1'));
            await fetchFor(p, 'real-1');
        });
        h.test('an event raised before its instance starts is delivered after the start, attempt 1', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(externalRaised('early-1', 'early'));
            assert.equal(await p.fetchOrchestrationItem(FETCH), null);
            await p.enqueueForOrchestrator(startItem('early-1'));
            const delivered = [];
            const start = await fetchFor(p, 'early-1');
            delivered.push(...start.item.messages);
            await p.ackOrchestrationItem(start.lockToken, ack(1, { historyDelta: [startedEvent('early-1')], metadata: startMetadata() }));
            if (!delivered.some((m) => m.type === 'ExternalRaised')) {
                const next = await fetchEventually(p, h.clock(t), 1_300);
                assert.ok(next, 'the early event is delivered within about a second');
                assert.equal(next.item.instanceId, 'early-1');
                assert.equal(next.attemptCount, 1);
                delivered.push(...next.item.messages);
            }
            assert.deepEqual(delivered.filter((m) => m.type === 'ExternalRaised'), [externalRaised('early-1', 'early')]);
        });
        h.test('messages for an instance whose start is enqueued with a delay are kept until it starts', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('delayed-start'), 200);
            await p.enqueueForOrchestrator(queueMessage('delayed-start', 'early'));
            assert.equal(await p.fetchOrchestrationItem(FETCH), null);
            const delivered = [];
            const start = await fetchEventually(p, h.clock(t), 500);
            assert.ok(start, 'the delayed start becomes visible');
            assert.equal(start.item.instanceId, 'delayed-start');
            delivered.push(...start.item.messages);
            await p.ackOrchestrationItem(start.lockToken, ack(1, { historyDelta: [startedEvent('delayed-start')], metadata: startMetadata() }));
            if (!delivered.some((m) => m.type === 'QueueMessage')) {
                const next = await fetchEventually(p, h.clock(t), 1_300);
                assert.ok(next, 'the queue message is delivered after the start');
                delivered.push(...next.item.messages);
            }
            assert.deepEqual(delivered.filter((m) => m.type === 'QueueMessage'), [queueMessage('delayed-start', 'early')]);
        });
    });
}
//# sourceMappingURL=orphan-cases.js.map