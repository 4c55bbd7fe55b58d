/**
 * Conformance: `deleteInstanceBulk`.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { finishInstance, startInstance } from '../conformance-fixtures.js';
export function registerBulkDeletionCases(h) {
    describe('bulk deletion', () => {
        h.test('bulk deletion by ids deletes only the listed finished roots', async (t) => {
            const p = await h.provider(t);
            for (const id of ['bd-1', 'bd-2', 'bd-3']) {
                await startInstance(p, id);
                await finishInstance(p, id);
            }
            await startInstance(p, 'bd-run');
            const result = await p.deleteInstanceBulk({
                instanceIds: ['bd-1', 'bd-3', 'bd-run', 'bd-unknown'],
            });
            assert.deepEqual(result, {
                instancesDeleted: 2,
                executionsDeleted: 2,
                eventsDeleted: 2,
                queueMessagesDeleted: 0,
            });
            assert.deepEqual([...(await p.listInstances())].sort(), ['bd-2', 'bd-run']);
        });
        h.test('bulk deletion with completedBefore keeps instances that completed at or after the cutoff', async (t) => {
            const p = await h.provider(t);
            for (const id of ['old-1', 'old-2']) {
                await startInstance(p, id);
                await finishInstance(p, id);
            }
            await h.clock(t).advance(5);
            const cutoff = h.clock(t).now();
            await h.clock(t).advance(5);
            for (const id of ['new-1', 'new-2']) {
                await startInstance(p, id);
                await finishInstance(p, id, 'Failed');
            }
            assert.equal((await p.deleteInstanceBulk({ completedBefore: cutoff, instanceIds: ['old-2', 'new-1'] }))
                .instancesDeleted, 1);
            assert.deepEqual([...(await p.listInstances())].sort(), ['new-1', 'new-2', 'old-1']);
            assert.equal((await p.deleteInstanceBulk({ completedBefore: cutoff })).instancesDeleted, 1);
            assert.deepEqual([...(await p.listInstances())].sort(), ['new-1', 'new-2']);
        });
        h.test('bulk deletion with an empty filter deletes every finished root and skips running ones', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'all-done');
            await finishInstance(p, 'all-done', 'Completed');
            await startInstance(p, 'all-failed');
            await finishInstance(p, 'all-failed', 'Failed');
            await startInstance(p, 'all-running');
            assert.equal((await p.deleteInstanceBulk({})).instancesDeleted, 2);
            assert.deepEqual(await p.listInstances(), ['all-running']);
        });
        h.test('bulk deletion honours limit, oldest completion first, and repeated calls drain', async (t) => {
            const p = await h.provider(t);
            const ids = ['lim-a', 'lim-b', 'lim-c', 'lim-d', 'lim-e'];
            for (const id of ids)
                await startInstance(p, id);
            for (const id of ids) {
                await finishInstance(p, id);
                await h.clock(t).advance(2);
            }
            const counts = [];
            const remaining = [];
            for (let i = 0; i < 4; i++) {
                counts.push((await p.deleteInstanceBulk({ limit: 2 })).instancesDeleted);
                remaining.push([...(await p.listInstances())].sort());
            }
            assert.deepEqual(counts, [2, 2, 1, 0]);
            assert.deepEqual(remaining[0], ['lim-c', 'lim-d', 'lim-e'], 'the two oldest completions go first');
            assert.deepEqual(remaining[3], []);
        });
        h.test('bulk deletion deletes each root with its whole tree and never a child on its own', async (t) => {
            const p = await h.provider(t);
            const finished = ['tr-1', 'tr-1/a', 'tr-1/b', 'tr-2', 'tr-3/a'];
            await startInstance(p, 'tr-1');
            await startInstance(p, 'tr-1/a', { parentInstanceId: 'tr-1' });
            await startInstance(p, 'tr-1/b', { parentInstanceId: 'tr-1' });
            await startInstance(p, 'tr-2');
            await startInstance(p, 'tr-3');
            await startInstance(p, 'tr-3/a', { parentInstanceId: 'tr-3' });
            for (const id of finished)
                await finishInstance(p, id);
            const result = await p.deleteInstanceBulk({});
            assert.equal(result.instancesDeleted, 4, 'tr-1 with its two children, and tr-2');
            assert.equal(result.executionsDeleted, 4);
            assert.deepEqual([...(await p.listInstances())].sort(), ['tr-3', 'tr-3/a'], 'a finished child of a running root stays');
        });
        h.test('bulk deletion with an empty or unknown id list deletes nothing', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'none-1');
            await finishInstance(p, 'none-1');
            assert.equal((await p.deleteInstanceBulk({ instanceIds: [] })).instancesDeleted, 0);
            assert.equal((await p.deleteInstanceBulk({ instanceIds: ['none-x'] })).instancesDeleted, 0);
            assert.deepEqual(await p.listInstances(), ['none-1']);
        });
        h.test('bulk deletion treats a finished child whose parent no longer exists as a root', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'lost-child', { parentInstanceId: 'lost-parent' });
            await finishInstance(p, 'lost-child');
            assert.equal((await p.deleteInstanceBulk({})).instancesDeleted, 1);
            assert.deepEqual(await p.listInstances(), []);
        });
    });
}
//# sourceMappingURL=bulk-deletion-cases.js.map