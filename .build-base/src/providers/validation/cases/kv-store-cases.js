/**
 * Conformance: the instance KV store — the delta written by acks, the prior-execution snapshot
 * returned by fetches, the merged view read by clients, the merge when an execution completes
 * or continues as new, and KV under pruning and deletion. Failed executions, resume and restart: kv-failure-cases.ts.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { ack, DEFAULT_NAME, DEFAULT_VERSION, externalRaised, fetchFor, historyEvent, rejectsPermanently, startInstance, startMetadata, startedEvent, } from '../conformance-fixtures.js';
const SET_AT = 1_700_000_000_000;
export function set(key, value, lastUpdatedAt = SET_AT) {
    return { type: 'KeyValueSet', key, value, lastUpdatedAt };
}
export function clear(key) {
    return { type: 'KeyValueCleared', key };
}
const CLEAR_ALL = { type: 'KeyValuesCleared' };
const NO_KV = new Map();
/** The item's KV snapshot as `key → value` (an absent snapshot is empty). */
export function snapshotOf(locked) {
    return Object.fromEntries([...(locked.item.kvSnapshot ?? NO_KV)].map(([k, v]) => [k, v.value]));
}
/** The provider's merged view as `key → value`. */
export async function mergedOf(p, instanceId) {
    return Object.fromEntries(await p.getKvAllValues(instanceId));
}
export function nextEventId(locked) {
    return locked.item.history.reduce((max, e) => Math.max(max, e.eventId), 0) + 1;
}
/**
 * Runs one turn of an existing instance whose history delta holds `kinds` (KV events, in
 * order), optionally ending the execution with `ending`. Returns the fetched item, whose
 * snapshot is the one the turn started from.
 */
export async function kvTurn(p, instanceId, kinds, ending) {
    await p.enqueueForOrchestrator(externalRaised(instanceId));
    const locked = await fetchFor(p, instanceId);
    const executionId = locked.item.executionId;
    const first = nextEventId(locked);
    const historyDelta = kinds.map((kind, i) => historyEvent(instanceId, executionId, first + i, kind));
    const metadata = ending === undefined
        ? {}
        : { status: ending, output: ending === 'Completed' ? '"done"' : 'boom' };
    await p.ackOrchestrationItem(locked.lockToken, ack(executionId, { historyDelta, metadata }));
    return locked;
}
/**
 * Ends the current execution with continue-as-new in a turn holding `kinds`, then runs the new
 * execution's first turn. Returns that first fetch (its snapshot is what the new execution
 * starts from).
 */
export async function kvContinueAsNew(p, instanceId, kinds = []) {
    await p.enqueueForOrchestrator(externalRaised(instanceId));
    const ending = await fetchFor(p, instanceId);
    const from = ending.item.executionId;
    const first = nextEventId(ending);
    const historyDelta = [
        ...kinds.map((kind, i) => historyEvent(instanceId, from, first + i, kind)),
        historyEvent(instanceId, from, first + kinds.length, {
            type: 'OrchestrationContinuedAsNew',
            input: '{}',
        }),
    ];
    await p.ackOrchestrationItem(ending.lockToken, ack(from, {
        historyDelta,
        orchestratorItems: [
            {
                type: 'ContinueAsNew',
                instance: instanceId,
                orchestration: DEFAULT_NAME,
                input: '{}',
                version: DEFAULT_VERSION,
            },
        ],
        metadata: { status: 'ContinuedAsNew', output: '{}' },
    }));
    // The instance row still names the ended execution; the runtime starts `from + 1` from the
    // ContinueAsNew message, as the shared fixture does.
    const next = await fetchFor(p, instanceId);
    await p.ackOrchestrationItem(next.lockToken, ack(from + 1, {
        historyDelta: [startedEvent(instanceId, from + 1)],
        metadata: startMetadata(),
    }));
    return next;
}
/** Fetches the instance once more (acking nothing) and returns its snapshot. */
export async function snapshotNow(p, instanceId) {
    await p.enqueueForOrchestrator(externalRaised(instanceId));
    const locked = await fetchFor(p, instanceId);
    await p.ackOrchestrationItem(locked.lockToken, ack(locked.item.executionId));
    return snapshotOf(locked);
}
export function registerKvStoreCases(h) {
    describe('kv store: acks and merged reads', () => {
        h.test('a value set by an ack is readable through the merged view', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-set');
            await kvTurn(p, 'kv-set', [set('a', '"one"'), set('b', '2')]);
            assert.equal(await p.getKvValue('kv-set', 'a'), '"one"');
            assert.deepEqual(await mergedOf(p, 'kv-set'), { a: '"one"', b: '2' });
        });
        h.test('a failed ack writes none of its KV changes', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-atomic');
            await kvContinueAsNew(p, 'kv-atomic', [set('stored', '1')]);
            await p.enqueueForOrchestrator(externalRaised('kv-atomic'));
            const locked = await fetchFor(p, 'kv-atomic');
            // Event 1 already exists in execution 2: the whole ack must roll back.
            const historyDelta = [
                historyEvent('kv-atomic', 2, 2, set('new', '1')),
                historyEvent('kv-atomic', 2, 3, CLEAR_ALL),
                historyEvent('kv-atomic', 2, 1, set('dup', '1')),
            ];
            await rejectsPermanently(p.ackOrchestrationItem(locked.lockToken, ack(2, { historyDelta, metadata: { status: 'Completed', output: '1' } })));
            assert.deepEqual(await mergedOf(p, 'kv-atomic'), { stored: '1' });
        });
        h.test('a later set overwrites the value, also within one ack', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-over');
            await kvTurn(p, 'kv-over', [set('a', '1'), set('a', '2')]);
            assert.equal(await p.getKvValue('kv-over', 'a'), '2');
            await kvTurn(p, 'kv-over', [set('a', '3')]);
            assert.deepEqual(await mergedOf(p, 'kv-over'), { a: '3' });
        });
        h.test('clearing one key removes only that key', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-clear');
            await kvTurn(p, 'kv-clear', [set('a', '1'), set('b', '2')]);
            await kvTurn(p, 'kv-clear', [clear('a')]);
            assert.equal(await p.getKvValue('kv-clear', 'a'), null);
            assert.deepEqual(await mergedOf(p, 'kv-clear'), { b: '2' });
        });
        h.test('clearing all keys removes every key', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-clear-all');
            await kvTurn(p, 'kv-clear-all', [set('a', '1'), set('b', '2')]);
            await kvTurn(p, 'kv-clear-all', [CLEAR_ALL]);
            assert.deepEqual(await mergedOf(p, 'kv-clear-all'), {});
            assert.equal(await p.getKvValue('kv-clear-all', 'b'), null);
        });
        h.test('reading a key that was never set returns null', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-missing');
            await kvTurn(p, 'kv-missing', [set('a', '1')]);
            assert.equal(await p.getKvValue('kv-missing', 'nope'), null);
        });
        h.test('reading an unknown instance returns null and an empty map, not an error', async (t) => {
            const p = await h.provider(t);
            assert.equal(await p.getKvValue('kv-nobody', 'a'), null);
            const all = await p.getKvAllValues('kv-nobody');
            assert.ok(all instanceof Map);
            assert.equal(all.size, 0);
        });
        h.test('clearing a key that does not exist is accepted and changes nothing', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-clear-none');
            await kvTurn(p, 'kv-clear-none', [set('a', '1')]);
            await kvTurn(p, 'kv-clear-none', [clear('never-set')], 'Completed');
            assert.deepEqual(await mergedOf(p, 'kv-clear-none'), { a: '1' });
        });
        h.test('a set after clear-all in the same ack leaves only the new key', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-set-after');
            await kvContinueAsNew(p, 'kv-set-after', [set('old-store', '1')]);
            await kvTurn(p, 'kv-set-after', [set('old-delta', '2')]);
            await kvTurn(p, 'kv-set-after', [CLEAR_ALL, set('fresh', '3')]);
            assert.deepEqual(await mergedOf(p, 'kv-set-after'), { fresh: '3' });
            await kvTurn(p, 'kv-set-after', [], 'Completed');
            assert.deepEqual(await mergedOf(p, 'kv-set-after'), { fresh: '3' });
            assert.deepEqual(await snapshotNow(p, 'kv-set-after'), { fresh: '3' });
        });
        h.test('an empty string is a value, not an absent key', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-empty');
            await kvTurn(p, 'kv-empty', [set('e', '')]);
            assert.equal(await p.getKvValue('kv-empty', 'e'), '');
            await kvTurn(p, 'kv-empty', [], 'Completed');
            assert.equal(await p.getKvValue('kv-empty', 'e'), '');
            assert.deepEqual(await mergedOf(p, 'kv-empty'), { e: '' });
        });
        h.test('a 64 KiB value is stored and read back intact', async (t) => {
            const p = await h.provider(t);
            const big = JSON.stringify('x'.repeat(64 * 1024 - 2) + 'é');
            await startInstance(p, 'kv-big');
            await kvTurn(p, 'kv-big', [set('big', big)]);
            assert.equal(await p.getKvValue('kv-big', 'big'), big);
            await kvTurn(p, 'kv-big', [], 'Completed');
            assert.equal(await p.getKvValue('kv-big', 'big'), big);
        });
        h.test('keys with spaces, unicode, dots, slashes, quotes and wildcards round-trip', async (t) => {
            const p = await h.provider(t);
            const keys = [
                'with space',
                'ünïcødé 🔑',
                'a.b.c',
                'a/b\\c',
                `it's "quoted"`,
                '100%_like',
                '',
            ];
            await startInstance(p, 'kv-chars');
            await kvTurn(p, 'kv-chars', keys.map((k, i) => set(k, String(i))));
            for (const [i, key] of keys.entries())
                assert.equal(await p.getKvValue('kv-chars', key), String(i), key);
            await kvContinueAsNew(p, 'kv-chars');
            assert.deepEqual(Object.keys(await mergedOf(p, 'kv-chars')).sort(), [...keys].sort());
            assert.deepEqual(Object.keys(await snapshotNow(p, 'kv-chars')).sort(), [...keys].sort());
        });
        h.test('instances never see or clear each other’s keys', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-iso-1');
            await startInstance(p, 'kv-iso-2');
            await kvTurn(p, 'kv-iso-1', [set('shared', '"one"'), set('only-1', '1')]);
            await kvTurn(p, 'kv-iso-2', [set('shared', '"two"')]);
            assert.equal(await p.getKvValue('kv-iso-1', 'shared'), '"one"');
            assert.equal(await p.getKvValue('kv-iso-2', 'shared'), '"two"');
            assert.equal(await p.getKvValue('kv-iso-2', 'only-1'), null);
            await kvTurn(p, 'kv-iso-2', [CLEAR_ALL], 'Completed');
            await kvTurn(p, 'kv-iso-1', [clear('shared')]);
            assert.deepEqual(await mergedOf(p, 'kv-iso-1'), { 'only-1': '1' });
            assert.deepEqual(await mergedOf(p, 'kv-iso-2'), {});
        });
        const withStats = h.requiring('management');
        withStats.test('the orchestration stats count the merged keys and their UTF-8 value bytes', async (t) => {
            const p = await withStats.provider(t);
            await startInstance(p, 'kv-stats');
            await kvContinueAsNew(p, 'kv-stats', [set('a', '"é"'), set('b', '12345')]);
            await kvTurn(p, 'kv-stats', [clear('b'), set('c', '1')]);
            const stats = await p.getOrchestrationStats('kv-stats');
            assert.equal(stats?.kvUserKeyCount, 2, 'a from the store, c from the delta; b is tombstoned');
            assert.equal(stats?.kvTotalValueBytes, 4 + 1);
        });
    });
    describe('kv store: snapshot and merge at execution end', () => {
        h.test('the snapshot of a new instance is empty', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-snap-new');
            assert.deepEqual(await snapshotNow(p, 'kv-snap-new'), {});
        });
        h.test('the snapshot excludes values set by the current execution', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-snap-cur');
            await kvTurn(p, 'kv-snap-cur', [set('a', '1')]);
            assert.deepEqual(await snapshotNow(p, 'kv-snap-cur'), {});
            assert.equal(await p.getKvValue('kv-snap-cur', 'a'), '1', 'clients see it meanwhile');
        });
        h.test('values of a continued-as-new execution are in the next execution’s snapshot with their timestamps', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-snap-can');
            await kvTurn(p, 'kv-snap-can', [set('a', '1', SET_AT + 1)]);
            const next = await kvContinueAsNew(p, 'kv-snap-can', [set('b', '2', SET_AT + 2)]);
            assert.deepEqual([...(next.item.kvSnapshot ?? NO_KV)], [
                ['a', { value: '1', lastUpdatedAt: SET_AT + 1 }],
                ['b', { value: '2', lastUpdatedAt: SET_AT + 2 }],
            ]);
        });
        h.test('readKvSnapshot returns what a fetch would: earlier executions only, with timestamps', async (t) => {
            const p = await h.provider(t);
            assert.deepEqual([...(await p.readKvSnapshot('kv-read-snap'))], [], 'unknown instance: empty');
            await startInstance(p, 'kv-read-snap');
            await kvTurn(p, 'kv-read-snap', [set('a', '1', SET_AT + 1)]);
            await kvContinueAsNew(p, 'kv-read-snap', [set('b', '2', SET_AT + 2)]);
            await kvTurn(p, 'kv-read-snap', [set('c', '3'), clear('a')]);
            assert.deepEqual([...(await p.readKvSnapshot('kv-read-snap'))], [
                ['a', { value: '1', lastUpdatedAt: SET_AT + 1 }],
                ['b', { value: '2', lastUpdatedAt: SET_AT + 2 }],
            ]);
            assert.deepEqual(await snapshotNow(p, 'kv-read-snap'), { a: '1', b: '2' });
        });
        h.test('values of a completed execution are merged into the snapshot', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-snap-done');
            await kvTurn(p, 'kv-snap-done', [set('a', '1'), set('b', '2')]);
            await kvTurn(p, 'kv-snap-done', [clear('b'), set('c', '3')], 'Completed');
            assert.deepEqual(await snapshotNow(p, 'kv-snap-done'), { a: '1', c: '3' });
            assert.deepEqual(await mergedOf(p, 'kv-snap-done'), { a: '1', c: '3' });
        });
        h.test('values of a failed execution stay out of the snapshot but show in the merged view', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-snap-fail');
            await kvTurn(p, 'kv-snap-fail', [set('a', '1')], 'Failed');
            assert.deepEqual(await snapshotNow(p, 'kv-snap-fail'), {});
            assert.deepEqual(await mergedOf(p, 'kv-snap-fail'), { a: '1' });
        });
        h.test('a cleared key is gone from the snapshot after the execution ends', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-snap-clr');
            await kvContinueAsNew(p, 'kv-snap-clr', [set('a', '1'), set('b', '2')]);
            const next = await kvContinueAsNew(p, 'kv-snap-clr', [clear('a')]);
            assert.deepEqual(snapshotOf(next), { b: '2' });
        });
        h.test('clear-all empties the snapshot after the execution ends', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-snap-clra');
            await kvContinueAsNew(p, 'kv-snap-clra', [set('a', '1'), set('b', '2')]);
            const next = await kvContinueAsNew(p, 'kv-snap-clra', [set('c', '3'), CLEAR_ALL]);
            assert.deepEqual(snapshotOf(next), {});
            assert.deepEqual(await mergedOf(p, 'kv-snap-clra'), {});
        });
        h.test('a later execution overwrites a value of an earlier one', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-cross');
            await kvContinueAsNew(p, 'kv-cross', [set('a', '1'), set('keep', 'k')]);
            const third = await kvContinueAsNew(p, 'kv-cross', [set('a', '2')]);
            assert.deepEqual(snapshotOf(third), { a: '2', keep: 'k' });
        });
        h.test('a key removed by one execution and set again by a later one comes back', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-readd');
            await kvContinueAsNew(p, 'kv-readd', [set('a', '1')]);
            const third = await kvContinueAsNew(p, 'kv-readd', [clear('a')]);
            assert.deepEqual(snapshotOf(third), {});
            const fourth = await kvContinueAsNew(p, 'kv-readd', [set('a', '3')]);
            assert.deepEqual(snapshotOf(fourth), { a: '3' });
        });
        h.test('clients read the store overlaid with the current execution’s changes', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-merged');
            await kvContinueAsNew(p, 'kv-merged', [set('a', '1'), set('b', '2'), set('c', '3')]);
            await kvTurn(p, 'kv-merged', [set('b', '20'), clear('c'), set('d', '4')]);
            assert.deepEqual(await mergedOf(p, 'kv-merged'), { a: '1', b: '20', d: '4' });
            assert.equal(await p.getKvValue('kv-merged', 'b'), '20');
            assert.deepEqual(await snapshotNow(p, 'kv-merged'), { a: '1', b: '2', c: '3' }, 'the store is untouched');
        });
        h.test('a tombstone in the current execution hides the stored value', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-tomb');
            await kvContinueAsNew(p, 'kv-tomb', [set('a', '1')]);
            await kvTurn(p, 'kv-tomb', [clear('a')]);
            assert.equal(await p.getKvValue('kv-tomb', 'a'), null);
            assert.deepEqual(await mergedOf(p, 'kv-tomb'), {});
        });
        h.test('clear-all in the current execution hides every stored value', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-tomb-all');
            await kvContinueAsNew(p, 'kv-tomb-all', [set('a', '1'), set('b', '2')]);
            await kvTurn(p, 'kv-tomb-all', [set('c', '3'), CLEAR_ALL]);
            assert.deepEqual(await mergedOf(p, 'kv-tomb-all'), {});
            assert.equal(await p.getKvValue('kv-tomb-all', 'a'), null);
            await kvTurn(p, 'kv-tomb-all', [set('a', '10')]);
            assert.deepEqual(await mergedOf(p, 'kv-tomb-all'), { a: '10' }, 'a set after clear-all is visible');
        });
        h.test('completion merges the changes into the store and a new execution starts from them', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-merge-done');
            await kvContinueAsNew(p, 'kv-merge-done', [set('a', '1'), set('b', '2')]);
            await kvTurn(p, 'kv-merge-done', [set('a', '10'), clear('b'), set('c', '3')], 'Completed');
            assert.deepEqual(await mergedOf(p, 'kv-merge-done'), { a: '10', c: '3' });
            assert.deepEqual(await snapshotNow(p, 'kv-merge-done'), { a: '10', c: '3' });
        });
        h.test('continue-as-new merges the changes into the store and the next execution starts clean', async (t) => {
            const p = await h.provider(t);
            await startInstance(p, 'kv-merge-can');
            await kvContinueAsNew(p, 'kv-merge-can', [set('a', '1'), set('b', '2')]);
            await kvTurn(p, 'kv-merge-can', [set('a', '10'), clear('b')]);
            const next = await kvContinueAsNew(p, 'kv-merge-can', [set('c', '3')]);
            assert.deepEqual(snapshotOf(next), { a: '10', c: '3' });
            // The next execution's own changes start from nothing: clearing and re-reading behaves
            // exactly like on the merged store.
            await kvTurn(p, 'kv-merge-can', [clear('c')]);
            assert.deepEqual(await mergedOf(p, 'kv-merge-can'), { a: '10' });
            assert.deepEqual(await snapshotNow(p, 'kv-merge-can'), { a: '10', c: '3' });
        });
    });
    describe('kv store: pruning and deletion', () => {
        const m = h.requiring('management');
        m.test('pruning old executions keeps every key, including overwritten and untouched ones', async (t) => {
            const p = await m.provider(t);
            await startInstance(p, 'kv-prune');
            await kvContinueAsNew(p, 'kv-prune', [set('untouched', '1'), set('over', '1')]);
            await kvContinueAsNew(p, 'kv-prune', [set('over', '2')]);
            await kvTurn(p, 'kv-prune', [set('current', '3')]);
            const result = await p.pruneExecutions('kv-prune', { keepLast: 1 });
            assert.equal(result.executionsDeleted, 2);
            assert.deepEqual(await mergedOf(p, 'kv-prune'), {
                untouched: '1',
                over: '2',
                current: '3',
            });
            assert.deepEqual(await snapshotNow(p, 'kv-prune'), { untouched: '1', over: '2' });
        });
        m.test('deleting an instance removes its stored values and its current changes', async (t) => {
            const p = await m.provider(t);
            await startInstance(p, 'kv-del');
            await kvContinueAsNew(p, 'kv-del', [set('stored', '1')]);
            await kvTurn(p, 'kv-del', [set('delta', '2'), clear('stored')]);
            await p.deleteInstances(['kv-del'], true);
            assert.deepEqual(await mergedOf(p, 'kv-del'), {});
            assert.equal(await p.getKvValue('kv-del', 'stored'), null);
            // A new instance under the same id starts with nothing (no stale tombstone or value).
            await startInstance(p, 'kv-del');
            assert.deepEqual(await snapshotNow(p, 'kv-del'), {});
            assert.deepEqual(await mergedOf(p, 'kv-del'), {});
            await kvTurn(p, 'kv-del', [], 'Completed');
            assert.deepEqual(await mergedOf(p, 'kv-del'), {});
        });
        m.test('deleting an instance tree removes the values of every child', async (t) => {
            const p = await m.provider(t);
            await startInstance(p, 'kv-tree');
            await startInstance(p, 'kv-tree/child', { parentInstanceId: 'kv-tree' });
            await startInstance(p, 'kv-other');
            await kvTurn(p, 'kv-tree', [set('p', '1')], 'Completed');
            await kvTurn(p, 'kv-tree/child', [set('c', '1')]);
            await kvTurn(p, 'kv-other', [set('o', '1')]);
            await p.deleteInstances(await p.getInstanceTree('kv-tree'), true);
            assert.deepEqual(await mergedOf(p, 'kv-tree'), {});
            assert.deepEqual(await mergedOf(p, 'kv-tree/child'), {});
            assert.deepEqual(await mergedOf(p, 'kv-other'), { o: '1' });
        });
    });
}
//# sourceMappingURL=kv-store-cases.js.map