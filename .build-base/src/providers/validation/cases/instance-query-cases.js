/**
 * Conformance: the paged, filtered instance query and its facet counts.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { InvalidInputError } from '../../../core/errors/duroxide-error.js';
import { allInstanceRecords, continueInstanceAsNew, finishInstance, rejectsWith, startInstance, } from '../conformance-fixtures.js';
/**
 * 24 instances over two names, five versions, all four current statuses, a parent with children,
 * ids sharing prefixes (including LIKE/GLOB metacharacters), created over a few milliseconds
 * with some in the same millisecond.
 */
async function seed(p, clock) {
    const versions = ['1.0.0', '1.0.12', '1.1.0', '2.0.0', '1.0.3-beta'];
    for (let i = 0; i < 20; i++) {
        const name = i % 3 === 0 ? 'Billing' : 'OrderFlow';
        const id = `${i % 2 === 0 ? 'ord' : 'inv'}-${String(i).padStart(2, '0')}`;
        await startInstance(p, id, { name, version: versions[i % versions.length] });
        if (i % 5 === 1)
            await finishInstance(p, id, 'Completed');
        if (i % 5 === 2)
            await finishInstance(p, id, 'Failed');
        if (i % 5 === 3)
            await finishInstance(p, id, 'ContinuedAsNew');
        if (i % 7 === 4)
            await continueInstanceAsNew(p, id, name, versions[i % versions.length]);
        if (i % 5 === 4)
            await clock.advance(2);
    }
    await startInstance(p, 'a%b', { parentInstanceId: 'ord-00' });
    await startInstance(p, 'a_b', { parentInstanceId: 'ord-00' });
    await startInstance(p, 'axb', { parentInstanceId: 'inv-01' });
    await startInstance(p, 'A%b');
}
/** The page order: newest first, then by id. */
function pageOrder(a, b) {
    return (b.createdAt - a.createdAt ||
        (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0));
}
function matches(r, f) {
    return ((f.status === undefined || r.status === f.status) &&
        (f.name === undefined || r.orchestrationName === f.name) &&
        (f.version === undefined || r.orchestrationVersion === f.version) &&
        (f.versionPrefix === undefined || (r.orchestrationVersion ?? '').startsWith(f.versionPrefix)) &&
        (f.createdFrom === undefined || r.createdAt >= f.createdFrom) &&
        (f.createdTo === undefined || r.createdAt < f.createdTo) &&
        (f.updatedFrom === undefined || r.updatedAt >= f.updatedFrom) &&
        (f.updatedTo === undefined || r.updatedAt < f.updatedTo) &&
        (f.parentInstanceId === undefined || r.parentInstanceId === f.parentInstanceId) &&
        (f.idPrefix === undefined || r.instanceId.startsWith(f.idPrefix)));
}
/** Every page of `filter` with page size `limit`, checking the cursor contract on the way. */
async function allPages(p, filter, limit) {
    const items = [];
    let cursor;
    for (let pages = 0; pages < 1000; pages++) {
        const page = await p.queryInstances({
            ...filter,
            limit,
            ...(cursor === undefined ? {} : { cursor }),
        });
        assert.ok(page.items.length <= limit);
        items.push(...page.items);
        if (page.nextCursor === null)
            return items;
        assert.equal(page.items.length, limit, 'only the last page may be short');
        cursor = page.nextCursor;
    }
    assert.fail('paging did not end');
}
/** A few filters covering every criterion alone and in combination, from the seeded data. */
function filtersFor(records) {
    const created = records.map((r) => r.createdAt).sort((a, b) => a - b);
    const updated = records.map((r) => r.updatedAt).sort((a, b) => a - b);
    const mid = (xs, q) => xs[Math.floor(xs.length * q)];
    return [
        ['no criteria', {}],
        ['status Running', { status: 'Running' }],
        ['status Completed', { status: 'Completed' }],
        ['status Failed', { status: 'Failed' }],
        ['status ContinuedAsNew', { status: 'ContinuedAsNew' }],
        ['name', { name: 'Billing' }],
        ['exact version', { version: '1.0.12' }],
        ['version prefix 1.0.', { versionPrefix: '1.0.' }],
        ['version prefix 1.', { versionPrefix: '1.' }],
        ['created range', { createdFrom: mid(created, 0.25), createdTo: mid(created, 0.75) }],
        ['created from', { createdFrom: mid(created, 0.5) }],
        ['updated range', { updatedFrom: mid(updated, 0.2), updatedTo: mid(updated, 0.9) }],
        ['parent', { parentInstanceId: 'ord-00' }],
        ['id prefix', { idPrefix: 'ord-1' }],
        ['id prefix with %', { idPrefix: 'a%' }],
        ['id prefix with _', { idPrefix: 'a_' }],
        [
            'name, version prefix and status',
            { name: 'OrderFlow', versionPrefix: '1.0.', status: 'Running' },
        ],
        [
            'status and created range',
            { status: 'Completed', createdFrom: mid(created, 0.1), createdTo: mid(created, 0.9) },
        ],
        ['nothing matches', { name: 'NoSuchOrchestration' }],
    ];
}
export function registerInstanceQueryCases(h) {
    describe('instance query', () => {
        h.test('paging visits every instance once, newest first then by id', async (t) => {
            const p = await h.provider(t);
            await seed(p, h.clock(t));
            const all = await allInstanceRecords(p);
            const expected = [...all].sort(pageOrder).map((r) => r.instanceId);
            for (const limit of [1, 5, 7, 24, 100]) {
                assert.deepEqual((await allPages(p, {}, limit)).map((r) => r.instanceId), expected, `limit ${limit}`);
            }
            const first = await p.queryInstances({ limit: 24 });
            assert.equal(first.nextCursor, null, 'an exactly full last page has no next cursor');
        });
        h.test('query items are the full instance records', async (t) => {
            const p = await h.provider(t);
            await seed(p, h.clock(t));
            const page = await p.queryInstances({ limit: 1000 });
            for (const item of page.items)
                assert.deepEqual(item, await p.getInstance(item.instanceId));
        });
        h.test('every criterion, alone and combined, selects what a scan of all instances selects', async (t) => {
            const p = await h.provider(t);
            await seed(p, h.clock(t));
            const all = await allInstanceRecords(p);
            for (const [label, filter] of filtersFor(all)) {
                const expected = all
                    .filter((r) => matches(r, filter))
                    .sort(pageOrder)
                    .map((r) => r.instanceId);
                const actual = (await allPages(p, filter, 4)).map((r) => r.instanceId);
                assert.deepEqual(actual, expected, label);
            }
            const prefixOnly = await allPages(p, { versionPrefix: '1.0.' }, 100);
            assert.ok(prefixOnly.some((r) => r.orchestrationVersion === '1.0.3-beta'), 'pre-releases of 1.0.x match');
            assert.ok(prefixOnly.every((r) => r.orchestrationVersion !== '1.1.0'));
        });
        h.test('instances created while paging do not shift or repeat the remaining pages', async (t) => {
            const p = await h.provider(t);
            await seed(p, h.clock(t));
            const expected = (await allPages(p, {}, 100)).map((r) => r.instanceId);
            const first = await p.queryInstances({ limit: 10 });
            await h.clock(t).advance(2);
            await startInstance(p, 'zz-late-1');
            await startInstance(p, 'aa-late-2');
            const rest = await allPages(p, {}, 100);
            const seen = [...first.items.map((r) => r.instanceId)];
            let cursor = first.nextCursor;
            while (cursor !== null) {
                const page = await p.queryInstances({ limit: 10, cursor });
                seen.push(...page.items.map((r) => r.instanceId));
                cursor = page.nextCursor;
            }
            assert.deepEqual(seen, expected);
            assert.deepEqual(rest
                .slice(0, 2)
                .map((r) => r.instanceId)
                .sort(), ['aa-late-2', 'zz-late-1'], 'new instances come first');
        });
        h.test('a malformed cursor is refused with InvalidInputError', async (t) => {
            const p = await h.provider(t);
            await seed(p, h.clock(t));
            const valid = (await p.queryInstances({ limit: 3 })).nextCursor;
            assert.ok(valid);
            for (const cursor of [
                'garbage',
                valid.slice(0, -3) + '!!!',
                'c1.',
                'c1.' + Buffer.from('{"a":1}').toString('base64url'),
            ]) {
                await rejectsWith(p.queryInstances({ limit: 3, cursor }), InvalidInputError, 'cursor');
            }
        });
    });
    describe('instance counts', () => {
        h.test('counts per status, name and version match a scan of all instances', async (t) => {
            const p = await h.provider(t);
            await seed(p, h.clock(t));
            const all = await allInstanceRecords(p);
            const keyOf = {
                status: (r) => r.status,
                name: (r) => r.orchestrationName,
                version: (r) => r.orchestrationVersion ?? 'unknown',
            };
            for (const [label, filter] of filtersFor(all)) {
                for (const groupBy of ['status', 'name', 'version']) {
                    const expected = new Map();
                    for (const r of all.filter((x) => matches(x, filter))) {
                        expected.set(keyOf[groupBy](r), (expected.get(keyOf[groupBy](r)) ?? 0) + 1);
                    }
                    const counts = await p.countInstances(filter, groupBy);
                    assert.deepEqual(new Map(counts.map((c) => [c.key, c.count])), expected, `${label} by ${groupBy}`);
                    for (let i = 1; i < counts.length; i++) {
                        const [a, b] = [counts[i - 1], counts[i]];
                        assert.ok(a.count > b.count || (a.count === b.count && a.key < b.key), `order of ${label} by ${groupBy}`);
                    }
                }
            }
        });
        h.test('counts of an empty store are an empty list', async (t) => {
            const p = await h.provider(t);
            assert.deepEqual(await p.countInstances({}, 'status'), []);
            assert.deepEqual(await p.queryInstances({ limit: 10 }), { items: [], nextCursor: null });
        });
    });
}
//# sourceMappingURL=instance-query-cases.js.map