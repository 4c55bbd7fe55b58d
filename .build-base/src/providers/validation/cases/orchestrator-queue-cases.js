/**
 * Conformance: orchestrator queue fetch, instance locking and visibility.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { ack, externalRaised, FETCH, fetchFor, sleep, startInstance, startItem, startMetadata, startedEvent, timerFired, } from '../conformance-fixtures.js';
export function registerOrchestratorQueueCases(h) {
    describe('orchestrator queue', () => {
        h.test('fetch returns null when the queue is empty', async (t) => {
            const p = await h.provider(t);
            assert.equal(await p.fetchOrchestrationItem(FETCH), null);
        });
        h.test('enqueue does not create the instance; the first ack with metadata does', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('create-1'));
            assert.equal(await p.getInstance('create-1'), null);
            assert.deepEqual(await p.listInstances(), []);
            const locked = await fetchFor(p, 'create-1');
            assert.equal(await p.getInstance('create-1'), null);
            await p.ackOrchestrationItem(locked.lockToken, ack(1, { historyDelta: [startedEvent('create-1')], metadata: startMetadata() }));
            const instance = await p.getInstance('create-1');
            assert.ok(instance);
            assert.equal(instance.orchestrationName, 'Flow');
            assert.deepEqual(await p.listInstances(), ['create-1']);
        });
        h.test('a new instance batch takes name and version from the start item with execution 1 and empty history', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('new-1', 'Order', '2.1.0'));
            const locked = await fetchFor(p, 'new-1');
            assert.equal(locked.item.orchestrationName, 'Order');
            assert.equal(locked.item.orchestrationVersion, '2.1.0');
            assert.equal(locked.item.executionId, 1);
            assert.deepEqual(locked.item.history, []);
            assert.equal(locked.item.historyCached, false);
            assert.equal(locked.item.historyError, undefined);
            assert.equal(locked.item.instanceCreatedAt, undefined);
            assert.equal(locked.attemptCount, 1);
            assert.deepEqual(locked.item.messages, [startItem('new-1', 'Order', '2.1.0')]);
        });
        h.test('a start item without a version yields an undefined version', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('nover-1', 'Order'));
            const locked = await fetchFor(p, 'nover-1');
            assert.equal(locked.item.orchestrationVersion, undefined);
        });
        h.test('an existing instance batch carries its name, version, execution and history', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'existing-1', { name: 'Order', version: '3.0.0', extraEvents: 2 });
            await p.enqueueForOrchestrator(externalRaised('existing-1'));
            const locked = await fetchFor(p, 'existing-1');
            assert.equal(locked.item.orchestrationName, 'Order');
            assert.equal(locked.item.orchestrationVersion, '3.0.0');
            assert.equal(locked.item.executionId, 1);
            assert.deepEqual(locked.item.history.map((e) => e.eventId), [1, 2, 3]);
            assert.equal(locked.item.history[0]?.type, 'OrchestrationStarted');
        });
        h.test('all visible messages of one instance are fetched together in enqueue order', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('batch-1'));
            await p.enqueueForOrchestrator(externalRaised('batch-1', 'a'));
            await p.enqueueForOrchestrator(externalRaised('batch-1', 'b'));
            const locked = await fetchFor(p, 'batch-1');
            assert.deepEqual(locked.item.messages.map((m) => (m.type === 'ExternalRaised' ? m.name : m.type)), ['StartOrchestration', 'a', 'b']);
        });
        h.test('a locked instance is not fetched again, while other instances still are', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('lock-a'));
            await fetchFor(p, 'lock-a');
            await p.enqueueForOrchestrator(externalRaised('lock-a'));
            assert.equal(await p.fetchOrchestrationItem(FETCH), null);
            await p.enqueueForOrchestrator(startItem('lock-b'));
            await fetchFor(p, 'lock-b');
            assert.equal(await p.fetchOrchestrationItem(FETCH), null);
        });
        h.test('instances are fetched in the order of their oldest message', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('order-b'));
            await p.enqueueForOrchestrator(startItem('order-a'));
            await fetchFor(p, 'order-b');
            await fetchFor(p, 'order-a');
        });
        h.test('lock tokens are unique across fetches', async (t) => {
            const p = await h.provider(t);
            const tokens = new Set();
            for (let i = 0; i < 10; i++) {
                await p.enqueueForOrchestrator(startItem(`token-${i}`));
                tokens.add((await fetchFor(p, `token-${i}`)).lockToken);
            }
            assert.equal(tokens.size, 10);
        });
        h.test('enqueue with a delay hides the item until the delay passes', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('delay-1'), 250);
            assert.equal(await p.fetchOrchestrationItem(FETCH), null);
            await h.clock(t).advance(300);
            await fetchFor(p, 'delay-1');
        });
        h.test('an enqueued TimerFired stays invisible until its fireAt', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'timer-1');
            const fireAt = h.clock(t).now() + 250;
            await p.enqueueForOrchestrator(timerFired('timer-1', 1, 2, fireAt));
            assert.equal(await p.fetchOrchestrationItem(FETCH), null);
            assert.equal(await p.nextOrchestratorVisibleAt(), fireAt);
            await h.clock(t).advance(fireAt - h.clock(t).now() + 40);
            const locked = await fetchFor(p, 'timer-1');
            assert.equal(locked.item.messages[0]?.type, 'TimerFired');
        });
        h.test('a TimerFired produced by an ack becomes visible at its fireAt', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('timer-2'));
            const locked = await fetchFor(p, 'timer-2');
            const fireAt = h.clock(t).now() + 250;
            await p.ackOrchestrationItem(locked.lockToken, ack(1, {
                historyDelta: [startedEvent('timer-2')],
                orchestratorItems: [timerFired('timer-2', 1, 2, fireAt)],
                metadata: startMetadata(),
            }));
            assert.equal(await p.fetchOrchestrationItem(FETCH), null);
            assert.equal(await p.nextOrchestratorVisibleAt(), fireAt);
            await h.clock(t).advance(fireAt - h.clock(t).now() + 40);
            await fetchFor(p, 'timer-2');
        });
        h.test('nextOrchestratorVisibleAt is null when nothing is scheduled for the future', async (t) => {
            const p = await h.provider(t);
            assert.equal(await p.nextOrchestratorVisibleAt(), null);
            await p.enqueueForOrchestrator(startItem('next-now'));
            assert.equal(await p.nextOrchestratorVisibleAt(), null);
        });
        h.test('nextOrchestratorVisibleAt returns the earliest future visibility', async (t) => {
            const p = await h.provider(t);
            const before = h.clock(t).now();
            await p.enqueueForOrchestrator(startItem('next-late'), 5_000);
            await p.enqueueForOrchestrator(startItem('next-early'), 2_000);
            const after = h.clock(t).now();
            const next = await p.nextOrchestratorVisibleAt();
            assert.ok(next !== null && next >= before + 2_000 && next <= after + 2_000, `unexpected ${String(next)}`);
        });
        h.test('excluded instances are neither returned nor locked', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('excl-a'));
            await p.enqueueForOrchestrator(startItem('excl-b'));
            const locked = await p.fetchOrchestrationItem({ ...FETCH, excludeInstances: ['excl-a'] });
            assert.equal(locked?.item.instanceId, 'excl-b');
            assert.equal(await p.fetchOrchestrationItem({ ...FETCH, excludeInstances: ['excl-a'] }), null);
            const a = await p.fetchOrchestrationItem(FETCH);
            assert.equal(a?.item.instanceId, 'excl-a');
            assert.equal(a?.attemptCount, 1, 'skipping does not count as an attempt');
        });
    });
    describe('start unless the instance exists', () => {
        const start = (id) => startItem(id);
        h.test('a start is queued once; a second start of the same id is refused and writes nothing', async (t) => {
            const p = await h.provider(t);
            assert.equal(await p.enqueueStartIfAbsent(start('sia-1')), true);
            assert.equal(await p.instanceExists('sia-1'), true);
            assert.equal(await p.enqueueStartIfAbsent(start('sia-1')), false);
            const locked = await fetchFor(p, 'sia-1');
            assert.deepEqual(locked.item.messages.map((m) => m.type), ['StartOrchestration'], 'one start queued');
        });
        h.test('a start of an instance that has a row is refused, even after its start was consumed', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'sia-2');
            assert.equal(await p.enqueueStartIfAbsent(start('sia-2')), false);
            assert.equal(await p.fetchOrchestrationItem(FETCH), null, 'nothing was queued');
        });
        h.test('a queued start is visible at once and signalled', async (t) => {
            const p = await h.provider(t);
            const signals = [];
            p.subscribe((sig) => signals.push(sig.kind));
            assert.equal(await p.enqueueStartIfAbsent(start('sia-3')), true);
            await fetchFor(p, 'sia-3');
            await sleep(20);
            assert.ok(signals.includes('orchestrator'));
        });
        h.test('of concurrent starts of one id exactly one succeeds', async (t) => {
            const p = await h.provider(t);
            const outcomes = await Promise.all(Array.from({ length: 8 }, () => p.enqueueStartIfAbsent(start('sia-4'))));
            assert.equal(outcomes.filter(Boolean).length, 1, JSON.stringify(outcomes));
            const locked = await fetchFor(p, 'sia-4');
            assert.equal(locked.item.messages.length, 1);
        });
        h.test('starts of different ids do not block each other', async (t) => {
            const p = await h.provider(t);
            const outcomes = await Promise.all(['sia-5a', 'sia-5b', 'sia-5c'].map((id) => p.enqueueStartIfAbsent(start(id))));
            assert.deepEqual(outcomes, [true, true, true]);
        });
    });
    describe('queued cancellation', () => {
        h.test('hasQueuedCancel is true from the cancel enqueue until the turn that consumed it is acked', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'qc-1');
            await startInstance(p, 'qc-other');
            assert.equal(await p.hasQueuedCancel('qc-1'), false);
            await p.enqueueForOrchestrator(externalRaised('qc-1'));
            assert.equal(await p.hasQueuedCancel('qc-1'), false, 'other messages do not count');
            await p.enqueueForOrchestrator({
                type: 'CancelInstance',
                instance: 'qc-1',
                reason: 'stop',
            });
            assert.equal(await p.hasQueuedCancel('qc-1'), true);
            assert.equal(await p.hasQueuedCancel('qc-other'), false, 'only the named instance');
            assert.equal(await p.hasQueuedCancel('qc-unknown'), false);
            const locked = await fetchFor(p, 'qc-1');
            assert.equal(await p.hasQueuedCancel('qc-1'), true, 'locked but not yet committed');
            await p.ackOrchestrationItem(locked.lockToken, ack(locked.item.executionId));
            assert.equal(await p.hasQueuedCancel('qc-1'), false);
        });
    });
}
//# sourceMappingURL=orchestrator-queue-cases.js.map