/**
 * The management methods refuse bad arguments at the call site with an InvalidInputError that
 * names the problem, and store or delete nothing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client, InvalidInputError, SqliteProvider } from '../../src/index.js';
import { finishInstance, startInstance, } from '../../src/providers/validation/conformance-fixtures.js';
async function setup(t) {
    const provider = await SqliteProvider.inMemory();
    t.after(() => provider.close());
    await startInstance(provider, 'arg-done');
    await finishInstance(provider, 'arg-done');
    await startInstance(provider, 'arg-run');
    return { client: new Client(provider), provider };
}
async function refuses(promise, pattern) {
    await assert.rejects(promise, (error) => {
        assert.ok(error instanceof InvalidInputError, `expected InvalidInputError, got ${String(error)}`);
        assert.match(error.message, pattern);
        return true;
    });
}
const bad = (value) => value;
describe('management argument validation', () => {
    test('deleteInstance refuses a malformed id or a non-boolean force and deletes nothing', async (t) => {
        const { client, provider } = await setup(t);
        await refuses(client.deleteInstance(''), /instance id must be a non-empty string/);
        await refuses(client.deleteInstance(bad(7)), /instance id must be a non-empty string/);
        await refuses(client.deleteInstance('arg-done', bad('yes')), /force must be true or false/);
        assert.equal((await provider.listInstances()).length, 2);
    });
    test('bulk filters refuse wrong types, unknown fields, Dates and limits outside 1..1000', async (t) => {
        const { client, provider } = await setup(t);
        for (const call of [
            (f) => client.deleteInstanceBulk(bad(f)),
            (f) => client.pruneExecutionsBulk(bad(f)),
        ]) {
            await refuses(call('x'), /filter must be an object/);
            await refuses(call({ instanceIds: 'arg-done' }), /filter.instanceIds must be an array/);
            await refuses(call({ instanceIds: ['ok', ''] }), /filter.instanceIds\[1\] must be a non-empty string/);
            await refuses(call({ completedBefore: new Date() }), /filter.completedBefore must be a time in epoch milliseconds.*date.getTime\(\)/);
            await refuses(call({ completedBefore: -1 }), /filter.completedBefore/);
            await refuses(call({ completedBefore: Number.NaN }), /filter.completedBefore/);
            await refuses(call({ limit: 0 }), /filter.limit must be an integer from 1 to 1000/);
            await refuses(call({ limit: 1001 }), /filter.limit must be an integer from 1 to 1000/);
            await refuses(call({ limit: 2.5 }), /filter.limit/);
            await refuses(call({ completedBeforeMs: 1 }), /unknown field 'completedBeforeMs'/);
        }
        assert.equal((await provider.listInstances()).length, 2);
    });
    test('prune options refuse a negative or fractional keepLast and a non-numeric cutoff', async (t) => {
        const { client } = await setup(t);
        await refuses(client.pruneExecutions('arg-done', { keepLast: -1 }), /options.keepLast must be a non-negative integer/);
        await refuses(client.pruneExecutions('arg-done', { keepLast: 1.5 }), /options.keepLast/);
        await refuses(client.pruneExecutions('arg-done', bad({ completedBefore: '2024-01-01' })), /options.completedBefore/);
        await refuses(client.pruneExecutions('arg-done', bad({ keep: 2 })), /unknown field 'keep'/);
        await refuses(client.pruneExecutionsBulk({}, bad({ keepLast: '2' })), /options.keepLast/);
    });
    test('queryInstances refuses each malformed criterion, limit and cursor naming it', async (t) => {
        const { client } = await setup(t);
        await refuses(client.queryInstances(bad({ status: 'Done' })), /status must be one of Running, Completed, Failed, ContinuedAsNew/);
        await refuses(client.queryInstances({ name: '' }), /name must be a non-empty string/);
        await refuses(client.queryInstances({ version: 'v1' }), /version filter must be a semver version like '1.0.2' or a pattern/);
        await refuses(client.queryInstances({ version: '1.0' }), /version filter/);
        await refuses(client.queryInstances({ version: '1.x.x' }), /version filter/);
        await refuses(client.queryInstances(bad({ createdFrom: new Date() })), /createdFrom must be a time in epoch milliseconds/);
        await refuses(client.queryInstances({ createdFrom: 10, createdTo: 5 }), /createdFrom \(10\) is after createdTo \(5\)/);
        await refuses(client.queryInstances({ updatedTo: Number.POSITIVE_INFINITY }), /updatedTo/);
        await refuses(client.queryInstances({ parentInstanceId: '' }), /parentInstanceId/);
        await refuses(client.queryInstances({ idPrefix: '' }), /idPrefix must be a non-empty string/);
        await refuses(client.queryInstances({ limit: 0 }), /limit must be an integer from 1 to 1000/);
        await refuses(client.queryInstances({ limit: 1001 }), /limit must be an integer from 1 to 1000/);
        await refuses(client.queryInstances({ cursor: '' }), /cursor must be the nextCursor string/);
        await refuses(client.queryInstances({ cursor: 'not-a-cursor' }), /cursor "not-a-cursor" is malformed/);
        await refuses(client.queryInstances(bad({ state: 'Running' })), /unknown field 'state'/);
        await refuses(client.queryInstances(bad([])), /instance query must be an object/);
    });
    test('countInstances refuses an unknown groupBy and malformed criteria', async (t) => {
        const { client } = await setup(t);
        await refuses(client.countInstances({}, bad('orchestration')), /groupBy must be one of status, name, version/);
        await refuses(client.countInstances({ version: 'latest' }, 'status'), /version filter/);
        await refuses(client.countInstances(bad(null), 'status'), /instance filter must be an object/);
    });
    test('countInstances ignores limit and cursor so a page query can be reused for its facets', async (t) => {
        const { client } = await setup(t);
        assert.deepEqual(await client.countInstances({ limit: 1, cursor: 'ignored' }, 'status'), [
            { key: 'Completed', count: 1 },
            { key: 'Running', count: 1 },
        ]);
    });
    test('ensureOrchestration refuses a malformed id, name, version or input before touching storage', async (t) => {
        const { client, provider } = await setup(t);
        await refuses(client.ensureOrchestration('', 'Sys'), /instance id must be a non-empty string/);
        await refuses(client.ensureOrchestration('sub::x', 'Sys'), /reserved for sub-orchestrations/);
        await refuses(client.ensureOrchestration('arg-done', ''), /orchestration name must be a non-empty string/);
        await refuses(client.ensureOrchestration('arg-done', 'Sys', 1, { version: 'two' }), /options.version must be a semver string/);
        await refuses(client.ensureOrchestration('arg-done', 'Sys', 1, bad({ versoin: '1.0.0' })), /unknown field 'versoin'/);
        await refuses(client.ensureOrchestration('arg-done', 'Sys', 10n), /BigInt/);
        assert.equal((await provider.getInstance('arg-done'))?.status, 'Completed', 'the finished instance was not replaced');
    });
    test('getInstanceTree, getOrchestrationStats and pruneExecutions refuse a malformed id', async (t) => {
        const { client } = await setup(t);
        await refuses(client.getInstanceTree(''), /instance id/);
        await refuses(client.getOrchestrationStats(bad(null)), /instance id/);
        await refuses(client.pruneExecutions(bad(undefined)), /instance id/);
    });
});
//# sourceMappingURL=management-arguments.test.js.map