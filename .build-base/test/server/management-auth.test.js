/**
 * Management API auth: API keys with roles, expiry and revocation, loopback-only without
 * keys, read-only mode. A real server on port 0 over SQLite, driven with fetch.
 */
/* eslint-disable @typescript-eslint/no-unsafe-call -- JSON bodies under test are navigated freely */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client, createApiKey, createManagementServer, } from '../../src/index.js';
import { startManagementHarness } from '../helpers/management-harness.js';
import { uid } from '../helpers/runtime-harness.js';
import { testStore } from '../helpers/test-store.js';
const HOUR = 3600_000;
describe('management API auth', () => {
    test('refuses requests without a valid key and lets each role do only what it may', async (t) => {
        const viewer = await createApiKey('dash', 'viewer');
        const operator = await createApiKey('ci-operator', 'operator');
        const admin = await createApiKey('ana', 'admin', { expiresAt: Date.now() + HOUR });
        const expired = await createApiKey('old', 'operator');
        const revoked = await createApiKey('gone', 'admin');
        const keys = [
            viewer.record,
            operator.record,
            admin.record,
            { ...expired.record, expiresAt: 1 },
        ];
        const h = await startManagementHarness(t, 'sqlite', { auth: { keys } });
        const start = { orchestrationName: 'Echo', instanceId: uid('auth'), input: 1 };
        for (const [key, code] of [
            [undefined, 'UNAUTHENTICATED'],
            ['not-a-key', 'UNAUTHENTICATED'],
            [revoked.key, 'UNAUTHENTICATED'],
            [expired.key, 'UNAUTHENTICATED'],
            [`${viewer.key.slice(0, -1)}${viewer.key.endsWith('A') ? 'B' : 'A'}`, 'UNAUTHENTICATED'],
        ]) {
            const res = await h.api('GET', '/api/v1/instances', key === undefined ? {} : { key });
            assert.equal(res.status, 401, `${String(key)} → ${JSON.stringify(res.body)}`);
            assert.equal(res.contentType, 'application/problem+json');
            assert.equal(res.body.code, code);
        }
        assert.equal((await h.api('GET', '/api/v1/healthz')).status, 200, 'probes need no key');
        assert.equal((await h.api('GET', '/api/v1/openapi.json')).status, 200, 'the API description needs no key');
        assert.equal((await h.api('GET', '/api/v1/instances', { key: viewer.key })).status, 200);
        assert.deepEqual((await h.api('GET', '/api/v1/settings', { key: viewer.key })).body.role, 'viewer');
        const denied = await h.api('POST', '/api/v1/instances', { key: viewer.key, body: start });
        assert.equal(denied.status, 403);
        assert.equal(denied.body.code, 'PERMISSION_DENIED');
        assert.equal((await h.client.getStatus(start.instanceId)).status, 'NotFound');
        assert.equal((await h.api('POST', '/api/v1/instances', { key: operator.key, body: start })).status, 202);
        const policy = { policy: { kind: 'latest' } };
        assert.equal((await h.api('PUT', '/api/v1/orchestrations/Echo/policy', {
            key: operator.key,
            body: policy,
        })).status, 403);
        assert.deepEqual(await h.client.listVersionPolicies(), []);
        const set = await h.api('PUT', '/api/v1/orchestrations/Echo/policy', {
            key: admin.key,
            body: policy,
        });
        assert.equal(set.status, 200);
        assert.equal(set.body.updatedBy, 'ana');
        const audit = await h.api('GET', `/api/v1/audit?target=${encodeURIComponent(`instance:${start.instanceId}`)}`, { key: viewer.key });
        assert.deepEqual(audit.body.items.map((e) => [e.action, e.actor]), [['instance.start', 'ci-operator']]);
    });
    test('refuses every mutation in read-only mode but still serves reads', async (t) => {
        const h = await startManagementHarness(t, 'sqlite', { isReadOnly: true });
        const id = uid('ro');
        const res = await h.api('POST', '/api/v1/instances', {
            body: { orchestrationName: 'Echo', instanceId: id },
        });
        assert.equal(res.status, 403);
        assert.equal(res.body.code, 'PERMISSION_DENIED');
        assert.match(res.body.detail, /read-only/);
        assert.equal((await h.api('DELETE', '/api/v1/orchestrations/Echo/policy')).status, 403);
        assert.equal((await h.api('GET', '/api/v1/instances')).status, 200);
        assert.equal((await h.api('GET', '/api/v1/settings')).body.isReadOnly, true);
        assert.equal((await h.client.getStatus(id)).status, 'NotFound');
    });
    test('refuses to listen on a non-loopback address without keys, and answers only loopback peers', async (t) => {
        const store = await testStore(t, 'sqlite');
        const client = new Client(await store.open());
        const open = createManagementServer({ client });
        await assert.rejects(open.listen({ host: '0.0.0.0' }), (e) => e.code === 'INVALID_INPUT' && /loopback/.test(e.message));
        const fromElsewhere = await open.app.fetch(new Request('http://server/api/v1/instances'), {
            incoming: { socket: { remoteAddress: '10.1.2.3' } },
        });
        assert.equal(fromElsewhere.status, 403);
        assert.equal((await fromElsewhere.json()).code, 'PERMISSION_DENIED');
        const fromLoopback = await open.app.fetch(new Request('http://server/api/v1/instances'), {
            incoming: { socket: { remoteAddress: '::ffff:127.0.0.1' } },
        });
        assert.equal(fromLoopback.status, 200);
        const { record } = await createApiKey('remote', 'viewer');
        const keyed = await createManagementServer({ client, auth: { keys: [record] } }).listen({
            host: '0.0.0.0',
        });
        t.after(() => keyed.close());
        assert.equal((await fetch(`http://127.0.0.1:${keyed.port}/api/v1/instances`)).status, 401);
    });
    test('serves the same API through the fetch-style handler for mounting in an app', async (t) => {
        const store = await testStore(t, 'sqlite');
        const server = createManagementServer({ client: new Client(await store.open()) });
        const res = await server.fetch(new Request('http://app.local/api/v1/metrics'));
        assert.equal(res.status, 200);
        assert.equal((await res.json()).totalInstances, 0);
    });
    test('rejects malformed key records with a clear error', async () => {
        const { record } = await createApiKey('dup', 'viewer');
        const client = {};
        assert.throws(() => createManagementServer({ client, auth: { keys: [record] } }), /needs \{ client/);
        const store = { queryInstances: () => undefined };
        assert.throws(() => createManagementServer({ client: store, auth: { keys: [record, record] } }), /repeats the name or prefix/);
        assert.throws(() => createManagementServer({
            client: store,
            auth: { keys: [{ ...record, role: 'root' }] },
        }), /role must be viewer, operator or admin/);
        await assert.rejects(createApiKey('bad name!', 'viewer'), /name must be/);
        await assert.rejects(createApiKey('late', 'viewer', { expiresAt: 1 }), /in the past/);
    });
});
//# sourceMappingURL=management-auth.test.js.map