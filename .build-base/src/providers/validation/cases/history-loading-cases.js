/**
 * Conformance: how a fetch loads history — corrupt rows and the live-instance cache hint.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { ack, externalRaised, FETCH, fetchFor, scheduledEvent, startInstance, } from '../conformance-fixtures.js';
export function registerHistoryLoadingCases(h) {
    describe('history loading', () => {
        h.test('a history row that cannot be parsed yields the locked item with historyError and empty history', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'corrupt-1');
            await p.enqueueForOrchestrator(externalRaised('corrupt-1'));
            const first = await fetchFor(p, 'corrupt-1');
            // An event type from a "newer engine": stored blindly, rejected when parsed.
            const future = {
                ...scheduledEvent('corrupt-1', 1, 2),
                type: 'FromTheFuture',
            };
            await p.ackOrchestrationItem(first.lockToken, ack(1, { historyDelta: [future] }));
            await p.enqueueForOrchestrator(externalRaised('corrupt-1'));
            const locked = await fetchFor(p, 'corrupt-1');
            assert.deepEqual(locked.item.history, []);
            assert.ok(locked.item.historyError, 'historyError is set');
            assert.equal(locked.item.executionId, 1);
            assert.equal(locked.item.orchestrationName, 'Flow');
            assert.equal(locked.item.messages.length, 1);
            assert.equal(await p.fetchOrchestrationItem(FETCH), null, 'the lock is held');
            await p.ackOrchestrationItem(locked.lockToken, ack(1, {
                historyDelta: [scheduledEvent('corrupt-1', 1, 3)],
                metadata: { status: 'Failed', output: 'poison' },
            }));
            assert.equal((await p.getInstance('corrupt-1'))?.status, 'Failed', 'acking appends without reading history');
        });
        h.test('the fetched item reports the instance creation time', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'created-1');
            await p.enqueueForOrchestrator(externalRaised('created-1'));
            const locked = await fetchFor(p, 'created-1');
            assert.equal(locked.item.instanceCreatedAt, (await p.getInstance('created-1'))?.createdAt);
        });
        h.test('a matching cache hint skips loading history', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'cache-1', { extraEvents: 2 });
            const createdAt = (await p.getInstance('cache-1'))?.createdAt;
            assert.ok(createdAt !== undefined);
            await p.enqueueForOrchestrator(externalRaised('cache-1'));
            const asked = [];
            const locked = await fetchFor(p, 'cache-1', {
                ...FETCH,
                cachedHistory: (instanceId) => {
                    asked.push(instanceId);
                    return { executionId: 1, lastEventId: 3, instanceCreatedAt: createdAt };
                },
            });
            assert.deepEqual(asked, ['cache-1']);
            assert.equal(locked.item.historyCached, true);
            assert.deepEqual(locked.item.history, []);
            assert.equal(locked.item.messages.length, 1);
        });
        const staleHints = [
            [
                'a cache hint with an older last event id loads the full history',
                (c) => ({ executionId: 1, lastEventId: 2, instanceCreatedAt: c }),
            ],
            [
                'a cache hint for another execution loads the full history',
                (c) => ({ executionId: 2, lastEventId: 3, instanceCreatedAt: c }),
            ],
            [
                'a cache hint from a recreated instance loads the full history',
                (c) => ({ executionId: 1, lastEventId: 3, instanceCreatedAt: c - 1 }),
            ],
        ];
        for (const [name, makeHint] of staleHints) {
            h.test(name, async (t) => {
                const p = await h.provider(t);
                await startInstance(p, 'cache-2', { extraEvents: 2 });
                const createdAt = (await p.getInstance('cache-2'))?.createdAt;
                assert.ok(createdAt !== undefined);
                await p.enqueueForOrchestrator(externalRaised('cache-2'));
                const locked = await fetchFor(p, 'cache-2', {
                    ...FETCH,
                    cachedHistory: () => makeHint(createdAt),
                });
                assert.equal(locked.item.historyCached, false);
                assert.deepEqual(locked.item.history.map((e) => e.eventId), [1, 2, 3]);
            });
        }
        h.test('a cache callback returning nothing loads the full history', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'cache-3');
            await p.enqueueForOrchestrator(externalRaised('cache-3'));
            const locked = await fetchFor(p, 'cache-3', { ...FETCH, cachedHistory: () => undefined });
            assert.equal(locked.item.historyCached, false);
            assert.equal(locked.item.history.length, 1);
        });
    });
}
//# sourceMappingURL=history-loading-cases.js.map