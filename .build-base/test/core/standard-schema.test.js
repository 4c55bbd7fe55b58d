/**
 * Our structural Standard Schema support: detection, issue paths as text, and schemas that
 * throw or answer asynchronously.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { describeIssues, formatPath, isStandardSchema, schemaIssues, } from '../../src/core/schema/standard-schema.js';
function schema(validate) {
    return { '~standard': { version: 1, vendor: 'test', validate } };
}
describe('standard schema', () => {
    test('zod schemas are recognised; objects without a version-1 validate function are not', () => {
        assert.equal(isStandardSchema(z.string()), true);
        assert.equal(isStandardSchema(schema(() => ({ value: 1 }))), true);
        for (const other of [
            null,
            undefined,
            'x',
            {},
            { '~standard': { version: 2, validate: () => ({ value: 1 }) } },
            { '~standard': { version: 1 } },
        ]) {
            assert.equal(isStandardSchema(other), false, JSON.stringify(other));
        }
    });
    test('paths read like property accesses: keys, indexes, segment objects and quoted odd keys', () => {
        assert.equal(formatPath(['items', 2, { key: 'sku' }, 'a b', { key: 0 }]), 'items[2].sku["a b"][0]');
        assert.equal(formatPath(undefined), '');
        assert.equal(formatPath([]), '');
    });
    test('zod issues keep their nested paths', async () => {
        const issues = await schemaIssues(z.object({ items: z.array(z.object({ sku: z.string() })) }), {
            items: [{ sku: 'a' }, { sku: 7 }],
        });
        assert.deepEqual(issues.map((i) => i.path), ['items[1].sku']);
        assert.match(describeIssues(issues), /^items\[1\]\.sku: /);
    });
    test('an accepted value has no issues, also from an asynchronous schema', async () => {
        assert.deepEqual(await schemaIssues(schema(async (v) => ({ value: v })), 1), []);
    });
    test('a schema that throws is one issue at the root, not a crash', async () => {
        const issues = await schemaIssues(schema(() => {
            throw new Error('bug in the schema');
        }), 1);
        assert.deepEqual(issues, [
            { path: '', message: "the schema's validate threw: bug in the schema" },
        ]);
        assert.equal(describeIssues(issues), "(root): the schema's validate threw: bug in the schema");
    });
});
//# sourceMappingURL=standard-schema.test.js.map