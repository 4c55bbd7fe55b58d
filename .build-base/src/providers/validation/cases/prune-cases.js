/**
 * Conformance: pruning old executions of continue-as-new chains.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { InstanceNotFoundError } from '../../../core/errors/duroxide-error.js';
import { ack, continueInstanceAsNew, externalRaised, fetchFor, finishInstance, rejectsWith, startInstance, startMetadata, startedEvent, } from '../conformance-fixtures.js';
/** An instance with `executions` executions: all but the last continued-as-new; each has 2 events. */
async function chain(p, instanceId, executions) {
    await startInstance(p, instanceId);
    for (let i = 1; i < executions; i++)
        await continueInstanceAsNew(p, instanceId);
}
export function registerPruneCases(h) {
    describe('execution pruning', () => {
        h.test('pruning with keepLast keeps the most recent executions and their history', async (t) => {
            const p = await h.provider(t);
            await chain(p, 'pr-keep', 5);
            const result = await p.pruneExecutions('pr-keep', { keepLast: 2 });
            assert.deepEqual(result, { instancesProcessed: 1, executionsDeleted: 3, eventsDeleted: 6 });
            assert.deepEqual(await p.listExecutions('pr-keep'), [4, 5]);
            assert.deepEqual(await p.readHistory('pr-keep', 1), []);
            assert.equal((await p.readHistory('pr-keep', 4)).length, 2);
            assert.equal((await p.getInstance('pr-keep'))?.currentExecutionId, 5);
        });
        h.test('pruning with completedBefore removes only executions completed before the cutoff', async (t) => {
            const p = await h.provider(t);
            await chain(p, 'pr-age', 3);
            await h.clock(t).advance(5);
            const cutoff = h.clock(t).now();
            await h.clock(t).advance(5);
            await continueInstanceAsNew(p, 'pr-age');
            await continueInstanceAsNew(p, 'pr-age');
            const result = await p.pruneExecutions('pr-age', { completedBefore: cutoff });
            assert.equal(result.executionsDeleted, 2);
            assert.deepEqual(await p.listExecutions('pr-age'), [3, 4, 5]);
        });
        h.test('pruning with keepLast and completedBefore removes only executions matching both', async (t) => {
            const p = await h.provider(t);
            await chain(p, 'pr-both', 3);
            await h.clock(t).advance(5);
            const cutoff = h.clock(t).now();
            await h.clock(t).advance(5);
            await continueInstanceAsNew(p, 'pr-both');
            await continueInstanceAsNew(p, 'pr-both');
            // Executions 1..4 are finished; keepLast 4 protects 2..5, the cutoff protects 3..5.
            assert.equal((await p.pruneExecutions('pr-both', { keepLast: 4, completedBefore: cutoff }))
                .executionsDeleted, 1);
            assert.deepEqual(await p.listExecutions('pr-both'), [2, 3, 4, 5]);
        });
        h.test('pruning with empty options, keepLast 0 or keepLast 1 keeps only the current execution', async (t) => {
            const p = await h.provider(t);
            const options = [{}, { keepLast: 0 }, { keepLast: 1 }];
            for (const [i, option] of options.entries()) {
                await chain(p, `pr-min-${i}`, 3);
                assert.equal((await p.pruneExecutions(`pr-min-${i}`, option)).executionsDeleted, 2);
                assert.deepEqual(await p.listExecutions(`pr-min-${i}`), [3]);
            }
        });
        h.test('pruning never removes the current execution, even a finished one', async (t) => {
            const p = await h.provider(t);
            await chain(p, 'pr-done', 3);
            await finishInstance(p, 'pr-done', 'Completed');
            await p.pruneExecutions('pr-done', {});
            assert.deepEqual(await p.listExecutions('pr-done'), [3]);
            const instance = await p.getInstance('pr-done');
            assert.equal(instance?.status, 'Completed');
            assert.equal(instance?.output, '"done"');
            assert.equal((await p.readHistory('pr-done')).length, 1);
        });
        h.test('pruning never removes an execution that is still running', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'pr-run');
            // A second execution acked while the first never recorded an end: execution 1 stays Running.
            await p.enqueueForOrchestrator(externalRaised('pr-run'));
            const locked = await fetchFor(p, 'pr-run');
            await p.ackOrchestrationItem(locked.lockToken, ack(2, { historyDelta: [startedEvent('pr-run', 2)], metadata: startMetadata() }));
            assert.equal((await p.getExecution('pr-run', 1))?.status, 'Running');
            assert.equal((await p.pruneExecutions('pr-run', {})).executionsDeleted, 0);
            assert.deepEqual(await p.listExecutions('pr-run'), [1, 2]);
        });
        h.test('pruning an unknown instance throws InstanceNotFoundError', async (t) => {
            const p = await h.provider(t);
            await rejectsWith(p.pruneExecutions('pr-unknown', {}), InstanceNotFoundError);
        });
        h.test('a pruned running instance keeps running from its current execution', async (t) => {
            const p = await h.provider(t);
            await chain(p, 'pr-live', 4);
            await p.pruneExecutions('pr-live', {});
            await p.enqueueForOrchestrator(externalRaised('pr-live'));
            const locked = await fetchFor(p, 'pr-live');
            assert.equal(locked.item.executionId, 4);
            assert.deepEqual(locked.item.history.map((e) => e.type), ['OrchestrationStarted']);
            await p.ackOrchestrationItem(locked.lockToken, ack(4, { metadata: { status: 'Completed', output: '1' } }));
            assert.equal((await p.getInstance('pr-live'))?.status, 'Completed');
        });
        h.test('bulk pruning prunes the listed instances, running ones included', async (t) => {
            const p = await h.provider(t);
            await chain(p, 'pb-running', 3);
            await chain(p, 'pb-done', 3);
            await finishInstance(p, 'pb-done');
            await startInstance(p, 'pb-single');
            await chain(p, 'pb-unlisted', 3);
            const result = await p.pruneExecutionsBulk({ instanceIds: ['pb-running', 'pb-done', 'pb-single'] }, {});
            assert.deepEqual(result, { instancesProcessed: 2, executionsDeleted: 4, eventsDeleted: 8 });
            assert.deepEqual(await p.listExecutions('pb-running'), [3]);
            assert.equal((await p.getInstance('pb-running'))?.status, 'Running');
            assert.deepEqual(await p.listExecutions('pb-done'), [3]);
            assert.deepEqual(await p.listExecutions('pb-single'), [1]);
            assert.deepEqual(await p.listExecutions('pb-unlisted'), [1, 2, 3]);
        });
        h.test('bulk pruning honours limit and repeated calls drain', async (t) => {
            const p = await h.provider(t);
            for (const id of ['pl-1', 'pl-2', 'pl-3'])
                await chain(p, id, 2);
            const processed = [];
            for (let i = 0; i < 3; i++)
                processed.push((await p.pruneExecutionsBulk({ limit: 2 }, {})).instancesProcessed);
            assert.deepEqual(processed, [2, 1, 0]);
            for (const id of ['pl-1', 'pl-2', 'pl-3'])
                assert.deepEqual(await p.listExecutions(id), [2]);
        });
        h.test('bulk pruning with completedBefore selects only instances with an execution completed before it', async (t) => {
            const p = await h.provider(t);
            await chain(p, 'pa-old', 2);
            await h.clock(t).advance(5);
            const cutoff = h.clock(t).now();
            await h.clock(t).advance(5);
            await chain(p, 'pa-new', 2);
            const result = await p.pruneExecutionsBulk({ completedBefore: cutoff }, { completedBefore: cutoff });
            assert.equal(result.instancesProcessed, 1);
            assert.deepEqual(await p.listExecutions('pa-old'), [2]);
            assert.deepEqual(await p.listExecutions('pa-new'), [1, 2]);
        });
    });
}
//# sourceMappingURL=prune-cases.js.map