/**
 * Conformance: deleting instances and the parent/child reads deletion relies on.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { InstanceStillRunningError, InstanceTreeChangedError, } from '../../../core/errors/duroxide-error.js';
import { ack, activityCompleted, activityExecute, externalRaised, fetchFor, finishInstance, rejectsPermanently, rejectsWith, scheduledEvent, startInstance, startItem, startMetadata, timerFired, } from '../conformance-fixtures.js';
const NO_QUEUES = { orchestratorQueue: 0, workerQueue: 0, timerQueue: 0 };
/** Asserts that nothing of `instanceId` is left in any read model. */
async function assertGone(p, instanceId) {
    assert.equal(await p.getInstance(instanceId), null, `instance '${instanceId}' should be gone`);
    assert.deepEqual(await p.listExecutions(instanceId), []);
    assert.deepEqual(await p.readHistory(instanceId, 1), []);
    assert.equal(await p.instanceExists(instanceId), false);
    assert.equal(await p.getOrchestrationStats(instanceId), null);
}
/**
 * root ─┬─ root/a ─┬─ root/a/1 ── root/a/1/x
 *       │          └─ root/a/2
 *       ├─ root/b ─── root/b/1
 *       └─ root/c
 * Returns the ids by depth.
 */
async function buildTree(p, root) {
    const levels = [
        [root],
        [`${root}/a`, `${root}/b`, `${root}/c`],
        [`${root}/a/1`, `${root}/a/2`, `${root}/b/1`],
        [`${root}/a/1/x`],
    ];
    await startInstance(p, root);
    for (const level of levels.slice(1)) {
        for (const id of level)
            await startInstance(p, id, { parentInstanceId: id.slice(0, id.lastIndexOf('/')) });
    }
    return levels;
}
export function registerDeletionCases(h) {
    describe('instance deletion', () => {
        h.test('deleting a completed and a failed instance removes them from every table and counts what went', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'del-done', {
                extraEvents: 2,
                workerItems: [activityExecute('del-done', 1, 2)],
            });
            await finishInstance(p, 'del-done', 'Completed');
            await startInstance(p, 'del-fail');
            await finishInstance(p, 'del-fail', 'Failed');
            await startInstance(p, 'del-keep');
            await p.enqueueForOrchestrator(externalRaised('del-fail'));
            const result = await p.deleteInstances(['del-done', 'del-fail'], false);
            assert.deepEqual(result, {
                instancesDeleted: 2,
                executionsDeleted: 2,
                eventsDeleted: 4,
                queueMessagesDeleted: 2,
            });
            await assertGone(p, 'del-done');
            await assertGone(p, 'del-fail');
            assert.equal((await p.getInstance('del-keep'))?.status, 'Running', 'other instances are untouched');
            assert.deepEqual(await p.getQueueDepths(), NO_QUEUES);
        });
        h.test('deleting a running instance without force is refused and deletes nothing', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'del-run', { workerItems: [activityExecute('del-run', 1, 2)] });
            const error = await rejectsWith(p.deleteInstances(['del-run'], false), InstanceStillRunningError, 'still running');
            assert.equal(error.context.instanceId, 'del-run');
            assert.equal((await p.getInstance('del-run'))?.status, 'Running');
            assert.equal((await p.readHistory('del-run')).length, 1);
            assert.equal((await p.getQueueDepths()).workerQueue, 1);
        });
        h.test('deleting a running instance with force removes it', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'del-force', { workerItems: [activityExecute('del-force', 1, 2)] });
            const result = await p.deleteInstances(['del-force'], true);
            assert.deepEqual(result, {
                instancesDeleted: 1,
                executionsDeleted: 1,
                eventsDeleted: 1,
                queueMessagesDeleted: 1,
            });
            await assertGone(p, 'del-force');
        });
        h.test('deleting unknown instances deletes nothing and is not an error', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'del-known');
            await p.enqueueForOrchestrator(externalRaised('del-never-started'));
            const result = await p.deleteInstances(['del-unknown', 'del-never-started'], true);
            assert.deepEqual(result, {
                instancesDeleted: 0,
                executionsDeleted: 0,
                eventsDeleted: 0,
                queueMessagesDeleted: 0,
            });
            assert.equal((await p.getQueueDepths()).orchestratorQueue, 1, 'queue rows of ids without an instance stay');
            assert.ok(await p.getInstance('del-known'));
        });
        h.test('deleting an instance removes its queued messages, timers and lock so its id can be reused', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'del-reuse', {
                extraEvents: 3,
                workerItems: [activityExecute('del-reuse', 1, 2)],
            });
            await p.enqueueForOrchestrator(externalRaised('del-reuse'));
            await fetchFor(p, 'del-reuse'); // holds the instance lock
            await p.enqueueForOrchestrator(externalRaised('del-reuse', 'late'));
            await p.enqueueForOrchestrator(timerFired('del-reuse', 1, 3, h.clock(t).now() + 60_000));
            const result = await p.deleteInstances(['del-reuse'], true);
            assert.equal(result.queueMessagesDeleted, 4, 'locked event, late event, timer, activity');
            assert.deepEqual(await p.getQueueDepths(), NO_QUEUES);
            assert.equal(await p.fetchOrchestrationItem({ lockTimeoutMs: 30_000 }), null);
            assert.equal(await p.fetchWorkItem({ lockTimeoutMs: 30_000 }), null);
            // The lock is gone: the same id starts, fetches and acks at once as a brand-new instance.
            await startInstance(p, 'del-reuse');
            assert.equal((await p.getInstance('del-reuse'))?.currentExecutionId, 1);
            assert.equal((await p.readHistory('del-reuse')).length, 1);
        });
        h.test('a force delete during a turn makes that turn’s ack fail and the instance stays deleted', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'del-zombie');
            await p.enqueueForOrchestrator(externalRaised('del-zombie'));
            const locked = await fetchFor(p, 'del-zombie');
            await p.deleteInstances(['del-zombie'], true);
            await rejectsPermanently(p.ackOrchestrationItem(locked.lockToken, ack(1, {
                historyDelta: [scheduledEvent('del-zombie', 1, 2)],
                workerItems: [activityExecute('del-zombie', 1, 2)],
                orchestratorItems: [externalRaised('del-zombie', 'self')],
                metadata: { status: 'Completed', output: '"zombie"' },
            })));
            await assertGone(p, 'del-zombie');
            assert.deepEqual(await p.getQueueDepths(), NO_QUEUES, 'nothing of the failed ack was written');
        });
        h.test('an activity of a force-deleted instance cannot report back, even after the id is reused', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'del-stale', { workerItems: [activityExecute('del-stale', 1, 2)] });
            const work = await p.fetchWorkItem({ lockTimeoutMs: 30_000 });
            assert.ok(work);
            await p.deleteInstances(['del-stale'], true);
            await startInstance(p, 'del-stale');
            await rejectsPermanently(p.ackWorkItem(work.lockToken, activityCompleted('del-stale', 1, 2)));
            assert.equal((await p.getQueueDepths()).orchestratorQueue, 0, 'the stale completion was not enqueued');
        });
        h.test('deleting an instance removes the queued starts of sub-orchestrations it scheduled', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('del-parent'));
            const locked = await fetchFor(p, 'del-parent');
            await p.ackOrchestrationItem(locked.lockToken, ack(1, {
                historyDelta: [],
                orchestratorItems: [
                    {
                        type: 'StartOrchestration',
                        instance: 'del-parent/child',
                        orchestration: 'Flow',
                        input: '{}',
                        parent: { instanceId: 'del-parent', executionId: 1, scheduleEventId: 2 },
                    },
                ],
                metadata: startMetadata(),
            }));
            const result = await p.deleteInstances(['del-parent'], true);
            assert.equal(result.queueMessagesDeleted, 1);
            assert.equal(await p.fetchOrchestrationItem({ lockTimeoutMs: 30_000 }), null, 'the child is never created');
            assert.equal(await p.instanceExists('del-parent/child'), false);
        });
    });
    describe('instance trees', () => {
        h.test('getInstanceTree returns the root then every descendant breadth first', async (t) => {
            const p = await h.provider(t);
            const levels = await buildTree(p, 'tree');
            const tree = await p.getInstanceTree('tree');
            assert.deepEqual([...tree].sort(), levels.flat().sort());
            assert.equal(tree[0], 'tree');
            const depth = (id) => id.split('/').length;
            for (let i = 1; i < tree.length; i++)
                assert.ok(depth(tree[i - 1]) <= depth(tree[i]), `not breadth first: ${tree.join(', ')}`);
            assert.deepEqual([...(await p.getInstanceTree('tree/a'))].sort(), [
                'tree/a',
                'tree/a/1',
                'tree/a/1/x',
                'tree/a/2',
            ]);
            assert.deepEqual(await p.getInstanceTree('tree-unknown'), []);
        });
        h.test('deleting a deep and wide tree in one call removes every member with aggregated counts', async (t) => {
            const p = await h.provider(t);
            const ids = (await buildTree(p, 'cas')).flat();
            for (const id of ids)
                await finishInstance(p, id, 'Completed');
            await startInstance(p, 'cas-other');
            const result = await p.deleteInstances(await p.getInstanceTree('cas'), false);
            assert.deepEqual(result, {
                instancesDeleted: 8,
                executionsDeleted: 8,
                eventsDeleted: 8,
                queueMessagesDeleted: 0,
            });
            for (const id of ids)
                await assertGone(p, id);
            assert.deepEqual(await p.listInstances(), ['cas-other']);
        });
        h.test('deleting a set that leaves out a child of a member is refused with INSTANCE_TREE_CHANGED and deletes nothing', async (t) => {
            const p = await h.provider(t);
            await buildTree(p, 'orph');
            const error = await rejectsWith(p.deleteInstances(['orph', 'orph/a', 'orph/c'], true), InstanceTreeChangedError);
            // Clients branch on the code (Client.deleteInstance re-reads the tree and retries), never on the message.
            assert.equal(error.code, 'INSTANCE_TREE_CHANGED');
            assert.equal(error.retryable, false, 'the same call would fail again: re-read the tree');
            assert.match(error.message, /created after the tree was read/);
            assert.equal((await p.getInstanceTree('orph')).length, 8, 'the whole tree is still there');
        });
        h.test('deleting a tree without force is refused when any member is running', async (t) => {
            const p = await h.provider(t);
            const ids = (await buildTree(p, 'runkid')).flat();
            for (const id of ids)
                if (id !== 'runkid/b/1')
                    await finishInstance(p, id, 'Completed');
            const error = await rejectsWith(p.deleteInstances(ids, false), InstanceStillRunningError, 'still running');
            assert.equal(error.context.instanceId, 'runkid/b/1');
            assert.equal((await p.getInstanceTree('runkid')).length, 8);
            assert.equal((await p.deleteInstances(ids, true)).instancesDeleted, 8);
        });
    });
}
//# sourceMappingURL=deletion-cases.js.map