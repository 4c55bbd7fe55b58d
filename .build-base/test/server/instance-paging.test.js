/**
 * Filters and paging of `GET /api/v1/instances` over 1,000 instances equal the Client's
 * `queryInstances` pages, on SQLite and PostgreSQL; facets equal `countInstances`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client, createManagementServer } from '../../src/index.js';
import { finishInstance, startInstance, } from '../../src/providers/validation/conformance-fixtures.js';
import { STORE_KINDS, testStore } from '../helpers/test-store.js';
const NAMES = ['OrderFlow', 'Billing', 'Shipping', 'Audit'];
const VERSIONS = ['1.0.0', '1.0.1', '1.1.0', '2.0.0'];
for (const kind of STORE_KINDS) {
    describe(`instance paging over HTTP on ${kind}`, () => {
        test(`pages of 1,000 instances over HTTP equal the Client's pages for every filter on ${kind}`, async (t) => {
            const store = await testStore(t, kind);
            const provider = await store.open();
            for (let i = 0; i < 1000; i++) {
                const id = `p${i % 3}-${String(i).padStart(4, '0')}`;
                await startInstance(provider, id, {
                    name: NAMES[i % NAMES.length],
                    version: VERSIONS[i % VERSIONS.length],
                    ...(i % 10 === 9 ? { parentInstanceId: 'p0-0000' } : {}),
                });
                if (i % 3 === 1)
                    await finishInstance(provider, id, 'Completed');
                if (i % 7 === 2)
                    await finishInstance(provider, id, 'Failed');
            }
            const client = new Client(provider);
            const server = await createManagementServer({ client }).listen();
            t.after(() => server.close());
            const filters = [
                {},
                { status: 'Running' },
                { name: 'Billing' },
                { version: '1.0.x' },
                { version: '2.0.0', status: 'Completed' },
                { parentInstanceId: 'p0-0000' },
                { idPrefix: 'p1-' },
                { name: 'OrderFlow', version: '1.x', status: 'Running' },
            ];
            for (const filter of filters) {
                const viaHttp = [];
                const viaClient = [];
                let cursor = null;
                do {
                    const params = new URLSearchParams({
                        ...Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, String(v)])),
                        limit: '73',
                        ...(cursor === null ? {} : { cursor }),
                    });
                    const page = (await (await fetch(`${server.url}/api/v1/instances?${params.toString()}`)).json());
                    const expected = await client.queryInstances({
                        ...filter,
                        limit: 73,
                        ...(cursor === null ? {} : { cursor }),
                    });
                    assert.equal(page.nextCursor, expected.nextCursor);
                    viaHttp.push(...page.items);
                    viaClient.push(...expected.items);
                    cursor = page.nextCursor;
                } while (cursor !== null);
                assert.ok(viaClient.length > 0, `filter ${JSON.stringify(filter)} matches something`);
                assert.deepEqual(viaHttp, JSON.parse(JSON.stringify(viaClient)), `filter ${JSON.stringify(filter)}`);
                const facets = (await (await fetch(`${server.url}/api/v1/instance-facets?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, String(v)])), groupBy: 'version' }).toString()}`)).json());
                assert.deepEqual(facets.items, await client.countInstances(filter, 'version'));
            }
            assert.equal((await client.queryInstances({ limit: 1000 })).items.length, 1000);
        });
    });
}
//# sourceMappingURL=instance-paging.test.js.map