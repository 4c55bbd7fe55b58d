/**
 * Conformance: the KV delta of a Failed execution — kept out of the store (so a resume replays
 * from the store as it was before the failed execution), kept by a reopen and merged when the
 * resumed execution completes, and dropped when a new execution (a restart) starts
 * (docs/versioning.md, "Recovering after a bad deploy").
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { ack, DEFAULT_NAME, DEFAULT_VERSION, externalRaised, fetchFor, historyEvent, startedEvent, startInstance, startMetadata, } from '../conformance-fixtures.js';
import { clear, kvContinueAsNew, kvTurn, mergedOf, nextEventId, set, snapshotNow, snapshotOf, } from './kv-store-cases.js';
/**
 * One turn of the current execution holding `kinds` and then its `OrchestrationFailed` event,
 * ending it as Failed. Returns the failure's event id (what a reopen names).
 */
async function failWith(p, instanceId, kinds) {
    await p.enqueueForOrchestrator(externalRaised(instanceId));
    const locked = await fetchFor(p, instanceId);
    const executionId = locked.item.executionId;
    const first = nextEventId(locked);
    const failedEventId = first + kinds.length;
    const historyDelta = [
        ...kinds.map((kind, i) => historyEvent(instanceId, executionId, first + i, kind)),
        historyEvent(instanceId, executionId, failedEventId, {
            type: 'OrchestrationFailed',
            details: { category: 'application', kind: 'OrchestrationFailed', message: 'boom' },
        }),
    ];
    await p.ackOrchestrationItem(locked.lockToken, ack(executionId, { historyDelta, metadata: { status: 'Failed', output: 'boom' } }));
    return failedEventId;
}
/**
 * An instance in execution 2 whose store holds `base = "0"` (merged by a continue-as-new),
 * whose execution 2 then set `a`, cleared `base` and failed. Returns the failure's event id.
 */
async function failedAfterStore(p, instanceId) {
    await startInstance(p, instanceId);
    await kvContinueAsNew(p, instanceId, [set('base', '"0"')]);
    return failWith(p, instanceId, [set('a', '1'), clear('base')]);
}
export function registerKvFailureCases(h) {
    describe('kv store: failed executions, resume and restart', () => {
        h.test('a failed execution keeps its changes in the merged view and out of the snapshot', async (t) => {
            const p = await h.provider(t);
            await failedAfterStore(p, 'kvf-keep');
            assert.deepEqual(await mergedOf(p, 'kvf-keep'), { a: '1' });
            assert.equal(await p.getKvValue('kvf-keep', 'base'), null, 'the failed execution cleared it');
            assert.deepEqual(await snapshotNow(p, 'kvf-keep'), { base: '"0"' });
        });
        h.test('a reopened execution goes on with its changes and merges them when it completes', async (t) => {
            const p = await h.provider(t);
            const failedEventId = await failedAfterStore(p, 'kvf-reopen');
            await p.enqueueForOrchestrator({
                type: 'ResumeOrchestration',
                instance: 'kvf-reopen',
                executionId: 2,
                requestId: 'r1',
            });
            const locked = await fetchFor(p, 'kvf-reopen');
            assert.deepEqual(snapshotOf(locked), { base: '"0"' }, 'the resume replays from the pre-failure store');
            await p.ackOrchestrationItem(locked.lockToken, ack(2, {
                historyDelta: [historyEvent('kvf-reopen', 2, failedEventId, set('b', '2'))],
                reopen: { failedEventId, version: DEFAULT_VERSION },
            }));
            assert.deepEqual(await mergedOf(p, 'kvf-reopen'), { a: '1', b: '2' });
            assert.deepEqual(await snapshotNow(p, 'kvf-reopen'), { base: '"0"' }, 'not merged while running');
            await kvTurn(p, 'kvf-reopen', [], 'Completed');
            assert.deepEqual(await snapshotNow(p, 'kvf-reopen'), { a: '1', b: '2' });
            assert.deepEqual(await mergedOf(p, 'kvf-reopen'), { a: '1', b: '2' });
        });
        h.test('a new execution after a failure starts from the pre-failure store and drops the failed changes', async (t) => {
            const p = await h.provider(t);
            await failedAfterStore(p, 'kvf-restart');
            await p.enqueueForOrchestrator({
                type: 'RestartOrchestration',
                instance: 'kvf-restart',
                orchestration: DEFAULT_NAME,
                version: DEFAULT_VERSION,
                input: '{}',
                requestId: 'r2',
            });
            const locked = await fetchFor(p, 'kvf-restart');
            assert.deepEqual(snapshotOf(locked), { base: '"0"' });
            // The new execution's first turn writes no KV: creating the execution drops the delta.
            await p.ackOrchestrationItem(locked.lockToken, ack(3, { historyDelta: [startedEvent('kvf-restart', 3)], metadata: startMetadata() }));
            assert.deepEqual(await mergedOf(p, 'kvf-restart'), { base: '"0"' });
            await kvTurn(p, 'kvf-restart', [set('c', '3')]);
            assert.deepEqual(await mergedOf(p, 'kvf-restart'), { base: '"0"', c: '3' });
            await kvTurn(p, 'kvf-restart', [], 'Completed');
            assert.deepEqual(await snapshotNow(p, 'kvf-restart'), { base: '"0"', c: '3' });
        });
        h.test('a new execution after a failure drops the failed changes even when its first turn writes KV', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kvf-restart1');
            await failWith(p, 'kvf-restart1', [set('a', '1'), set('b', '1')]);
            await p.enqueueForOrchestrator({
                type: 'RestartOrchestration',
                instance: 'kvf-restart1',
                orchestration: DEFAULT_NAME,
                version: DEFAULT_VERSION,
                input: '{}',
                requestId: 'r3',
            });
            const locked = await fetchFor(p, 'kvf-restart1');
            assert.deepEqual(snapshotOf(locked), {});
            await p.ackOrchestrationItem(locked.lockToken, ack(2, {
                historyDelta: [
                    startedEvent('kvf-restart1', 2),
                    historyEvent('kvf-restart1', 2, 2, set('b', '2')),
                ],
                metadata: startMetadata(),
            }));
            assert.deepEqual(await mergedOf(p, 'kvf-restart1'), { b: '2' });
        });
    });
}
//# sourceMappingURL=kv-failure-cases.js.map