import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidInputError } from '../../../src/core/errors/duroxide-error.js';
import { decodeCursor, encodeCursor } from '../../../src/providers/shared/instance-cursor.js';
import { instanceCountKey, instanceFilterConditions, planInstancePage, prefixUpperBound, toInstanceRecordPage, } from '../../../src/providers/shared/instance-query-plan.js';
const POSITIONAL = {
    placeholder: (n) => `$${n}`,
    text: (p) => `${p}::text`,
    startsWith: (column, p) => `left(${column}, char_length(${p})) = ${p}`,
};
const NAMED = {
    placeholder: (n) => `@p${n}`,
    text: (p) => p,
    startsWith: (column, p) => `substr(${column}, 1, length(${p})) = ${p}`,
};
function row(instanceId, createdAt) {
    return {
        instance_id: instanceId,
        orchestration_name: 'Flow',
        orchestration_version: null,
        current_execution_id: 1,
        status: 'Running',
        output: null,
        created_at: createdAt,
        updated_at: createdAt,
        parent_instance_id: null,
        custom_status: null,
        custom_status_version: 0,
    };
}
describe('instance-query planning', () => {
    test('an empty filter yields no WHERE clause and no parameters', () => {
        const c = instanceFilterConditions({}, POSITIONAL);
        assert.equal(c.where, '');
        assert.deepEqual(c.params, []);
    });
    test('each criterion present adds one condition with the dialect placeholder of its parameter', () => {
        const c = instanceFilterConditions({ status: 'Failed', name: 'Flow', createdFrom: 10 }, NAMED);
        assert.equal(c.where, 'WHERE e.status = @p1 AND i.orchestration_name = @p2 AND i.created_at >= @p3');
        assert.deepEqual(c.params, ['Failed', 'Flow', 10]);
    });
    test('a prefix becomes an index range plus an exact test, in the dialect of the provider', () => {
        const c = instanceFilterConditions({ idPrefix: 'ord' }, POSITIONAL);
        assert.equal(c.where, 'WHERE i.instance_id >= $1::text AND i.instance_id < $2::text AND left(i.instance_id, char_length($1::text)) = $1::text');
        assert.deepEqual(c.params, ['ord', 'ore']);
    });
    test('a prefix whose last unit cannot be incremented keeps only the lower bound', () => {
        assert.equal(prefixUpperBound('a\uffff'), undefined);
        assert.equal(prefixUpperBound(''), undefined);
        const c = instanceFilterConditions({ versionPrefix: 'a\uffff' }, NAMED);
        assert.equal(c.where, 'WHERE i.orchestration_version >= @p1 AND substr(i.orchestration_version, 1, length(@p1)) = @p1');
    });
    test('a page plan continues after the cursor position and asks for one extra row', () => {
        const cursor = encodeCursor({ createdAt: 500, instanceId: 'b' });
        const plan = planInstancePage({ limit: 2, cursor, name: 'Flow' }, POSITIONAL);
        assert.equal(plan.where, 'WHERE i.orchestration_name = $1 AND i.created_at <= $2 AND (i.created_at < $2 OR i.instance_id > $3)');
        assert.equal(plan.limit, '$4');
        assert.deepEqual(plan.params, ['Flow', 500, 'b', 3]);
    });
    test('a page plan rejects a limit outside 1 to 1000 and a cursor it did not produce', () => {
        assert.throws(() => planInstancePage({ limit: 0 }, NAMED), InvalidInputError);
        assert.throws(() => planInstancePage({ limit: 1001 }, NAMED), InvalidInputError);
        assert.throws(() => planInstancePage({ limit: 10, cursor: 'c1.not-json' }, NAMED), InvalidInputError);
    });
    test('the extra row of a page becomes the next cursor, pointing at the last item returned', () => {
        const page = toInstanceRecordPage([row('a', 300), row('b', 200), row('c', 100)], 2);
        assert.deepEqual(page.items.map((i) => i.instanceId), ['a', 'b']);
        assert.ok(page.nextCursor !== null);
        assert.deepEqual(decodeCursor(page.nextCursor), { createdAt: 200, instanceId: 'b' });
        assert.equal(toInstanceRecordPage([row('a', 300)], 2).nextCursor, null);
    });
    test('countInstances groups by a known key and rejects any other', () => {
        assert.equal(instanceCountKey('name'), 'i.orchestration_name');
        assert.throws(() => instanceCountKey('color'), InvalidInputError);
    });
});
//# sourceMappingURL=instance-query-plan.test.js.map