/**
 * Conformance: system metrics, queue depths and per-instance stats.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { activityExecute, continueInstanceAsNew, externalRaised, FETCH, finishInstance, startInstance, timerFired, } from '../conformance-fixtures.js';
export function registerManagementMetricsCases(h) {
    describe('system metrics', () => {
        h.test('metrics of an empty store are all zero', async (t) => {
            const p = await h.provider(t);
            assert.deepEqual(await p.getSystemMetrics(), {
                totalInstances: 0,
                totalExecutions: 0,
                runningInstances: 0,
                completedInstances: 0,
                failedInstances: 0,
                totalEvents: 0,
            });
            assert.deepEqual(await p.getQueueDepths(), {
                orchestratorQueue: 0,
                workerQueue: 0,
                timerQueue: 0,
            });
        });
        h.test('metrics count instances by current execution status after a known set of acks', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'm-run', { extraEvents: 2 }); // 3 events
            await startInstance(p, 'm-done'); // 1 event
            await finishInstance(p, 'm-done', 'Completed');
            await startInstance(p, 'm-fail'); // 1 event
            await finishInstance(p, 'm-fail', 'Failed');
            await startInstance(p, 'm-can'); // execution 1: 2 events, execution 2: 1 event
            await continueInstanceAsNew(p, 'm-can');
            await startInstance(p, 'm-can-done'); // execution 1: 2 events, execution 2: 1 event, completed
            await continueInstanceAsNew(p, 'm-can-done');
            await finishInstance(p, 'm-can-done', 'Completed');
            assert.deepEqual(await p.getSystemMetrics(), {
                totalInstances: 5,
                totalExecutions: 7,
                runningInstances: 2,
                completedInstances: 2,
                failedInstances: 1,
                totalEvents: 11,
            });
        });
    });
    describe('queue depths', () => {
        h.test('queue depths count messages nobody holds, with future timers also counted apart', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'qd-1', {
                workerItems: [activityExecute('qd-1', 1, 2), activityExecute('qd-1', 1, 3)],
            });
            await p.enqueueForOrchestrator(externalRaised('qd-1', 'a'));
            await p.enqueueForOrchestrator(externalRaised('qd-1', 'b'));
            await p.enqueueForOrchestrator(timerFired('qd-1', 1, 4, h.clock(t).now() + 60_000));
            assert.deepEqual(await p.getQueueDepths(), {
                orchestratorQueue: 3,
                workerQueue: 2,
                timerQueue: 1,
            });
            const batch = await p.fetchOrchestrationItem(FETCH);
            assert.equal(batch?.item.messages.length, 2);
            assert.ok(await p.fetchWorkItem({ lockTimeoutMs: 30_000 }));
            assert.deepEqual(await p.getQueueDepths(), { orchestratorQueue: 1, workerQueue: 1, timerQueue: 1 }, 'locked messages are not waiting');
        });
    });
    describe('orchestration stats', () => {
        h.test('stats report the current execution’s history and the instance’s queued messages', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'st-1', { extraEvents: 2 });
            await startInstance(p, 'st-other', { extraEvents: 5 });
            await p.enqueueForOrchestrator(externalRaised('st-1', 'a'));
            await p.enqueueForOrchestrator(externalRaised('st-1', 'b'));
            await p.enqueueForOrchestrator(timerFired('st-1', 1, 9, h.clock(t).now() + 60_000));
            const stats = await p.getOrchestrationStats('st-1');
            assert.ok(stats);
            assert.equal(stats.historyEventCount, 3);
            const storedJson = (await p.readHistory('st-1'))
                .map((e) => Buffer.byteLength(JSON.stringify(e)))
                .reduce((a, b) => a + b);
            assert.ok(stats.historySizeBytes >= storedJson * 0.5 && stats.historySizeBytes <= storedJson * 2, `historySizeBytes ${stats.historySizeBytes} is not the size of ~${storedJson} bytes of events`);
            assert.equal(stats.queuePendingCount, 3);
            assert.equal(stats.kvUserKeyCount, 0);
            assert.equal(stats.kvTotalValueBytes, 0);
        });
        h.test('stats after continue-as-new cover only the new execution', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'st-can', { extraEvents: 4 });
            const before = await p.getOrchestrationStats('st-can');
            await continueInstanceAsNew(p, 'st-can');
            const after = await p.getOrchestrationStats('st-can');
            assert.equal(after?.historyEventCount, 1);
            assert.ok(before !== null && after !== null && after.historySizeBytes < before.historySizeBytes);
            assert.equal(after?.queuePendingCount, 0);
        });
        h.test('stats of an unknown instance are null', async (t) => {
            const p = await h.provider(t);
            assert.equal(await p.getOrchestrationStats('st-unknown'), null);
        });
    });
}
//# sourceMappingURL=management-metrics-cases.js.map