/**
 * API keys kept in the store, over HTTP on SQLite and PostgreSQL: an admin creates one (its
 * secret is answered once and stored nowhere), it works with its role, it is listed without
 * secrets, and a revocation is refused at once on this server and within the key cache time on
 * another. A store with keys makes a server without configured keys require them.
 */
/* eslint-disable @typescript-eslint/no-unsafe-call -- JSON bodies under test are navigated freely */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client, createApiKey } from '../../src/index.js';
import { createManagementServer } from '../../src/server/create-management-server.js';
import { eventually } from '../helpers/eventually.js';
import { startManagementHarness } from '../helpers/management-harness.js';
import { STORE_KINDS, testStore } from '../helpers/test-store.js';

for (const kind of STORE_KINDS) {
  describe(`stored API keys on ${kind}`, () => {
    test(`an admin creates, lists and revokes a stored key, and the key works until revoked on ${kind}`, async (t) => {
      const admin = await createApiKey('root', 'admin');
      const h = await startManagementHarness(t, kind, { auth: { keys: [admin.record] } });
      const created = await h.api('POST', '/api/v1/keys', {
        key: admin.key,
        body: { name: 'ci', role: 'operator' },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const secret: string = created.body.key;
      assert.match(secret, /^dxk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
      assert.deepEqual(
        [
          created.body.item.name,
          created.body.item.role,
          created.body.item.source,
          created.body.item.state,
        ],
        ['ci', 'operator', 'store', 'active'],
      );
      assert.equal(created.body.item.createdBy, 'root');

      const settings = await h.api('GET', '/api/v1/settings', { key: secret });
      assert.equal(settings.status, 200);
      assert.deepEqual([settings.body.actor, settings.body.role], ['ci', 'operator']);
      const denied = await h.api('GET', '/api/v1/keys', { key: secret });
      assert.equal(denied.status, 403, 'listing keys needs admin');

      const listed = await h.api('GET', '/api/v1/keys', { key: admin.key });
      assert.deepEqual(
        listed.body.items.map((k: { name: string; source: string }) => [k.name, k.source]),
        [
          ['root', 'config'],
          ['ci', 'store'],
        ],
      );
      const text = JSON.stringify(listed.body);
      assert.ok(!text.includes('scrypt') && !text.includes(secret.slice(17)), 'no hash or secret');
      const rows = await h.client.operatorStore().listApiKeys();
      assert.ok(!JSON.stringify(rows).includes(secret.slice(17)), 'the secret is not stored');
      const audit = await h.api('GET', '/api/v1/audit?target=api-key%3Aci', { key: admin.key });
      assert.equal(audit.body.items[0].action, 'api-key.create');
      assert.ok(!JSON.stringify(audit.body).includes(secret.slice(17)), 'nor audited');

      const again = await h.api('POST', '/api/v1/keys', {
        key: admin.key,
        body: { name: 'ci', role: 'viewer' },
      });
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'REQUEST_REFUSED');

      const revoked = await h.api('DELETE', '/api/v1/keys/ci', { key: admin.key });
      assert.equal(revoked.status, 200);
      assert.equal(revoked.body.item.state, 'revoked');
      const refused = await h.api('GET', '/api/v1/settings', { key: secret });
      assert.equal(refused.status, 401, 'refused at once on the server that revoked it');
      assert.match(refused.body.detail, /revoked/);
      const gone = await h.api('DELETE', '/api/v1/keys/ci', { key: admin.key });
      assert.equal(gone.status, 404);
      assert.equal(gone.body.code, 'RESOURCE_NOT_FOUND');
      const configured = await h.api('DELETE', '/api/v1/keys/root', { key: admin.key });
      assert.equal(configured.status, 409, 'configured keys are not revoked through the API');
    });

    test(`a key revoked on one server is refused by another within its cache time on ${kind}`, async (t) => {
      const store = await testStore(t, kind);
      const servers = await Promise.all(
        [0, 1].map(async () => {
          const s = await createManagementServer({
            client: new Client(await store.open()),
            auth: { storedKeysCacheMs: 200 },
            bulkJobs: { isEnabled: false },
            onInternalError: () => undefined,
          }).listen();
          t.after(() => s.close());
          return s;
        }),
      );
      const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
      const get = (url: string, key?: string) =>
        fetch(
          `${url}/api/v1/settings`,
          key === undefined ? {} : { headers: { authorization: `Bearer ${key}` } },
        );

      assert.equal((await get(b.url)).status, 200, 'no keys anywhere: loopback callers are admin');
      const created = await fetch(`${a.url}/api/v1/keys`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'ops', role: 'admin' }),
      });
      assert.equal(created.status, 201);
      const { key } = (await created.json()) as { key: string };

      assert.equal((await get(a.url)).status, 401, 'a store with keys needs them');
      await eventually(
        'the other server to need keys too',
        async () => (await get(b.url)).status === 401,
      );
      assert.equal((await get(b.url, key)).status, 200, 'a new key works at once everywhere');

      const revoke = await fetch(`${a.url}/api/v1/keys/ops`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${key}` },
      });
      assert.equal(revoke.status, 200);
      await eventually(
        'the other server to refuse the revoked key',
        async () => (await get(b.url, key)).status === 401,
        {
          timeoutMs: 5000,
        },
      );
      assert.equal((await get(a.url)).status, 401, 'revoking the last key keeps the server keyed');
    });

    test(`bad key requests are 400 problem+json and store nothing on ${kind}`, async (t) => {
      const h = await startManagementHarness(t, kind);
      for (const body of [
        {},
        { name: 'x' },
        { name: 'bad name!', role: 'viewer' },
        { name: 'x', role: 'root' },
        { name: 'x', role: 'viewer', expiresAt: 'soon' },
        { name: 'x', role: 'viewer', secret: 'mine' },
      ]) {
        const r = await h.api('POST', '/api/v1/keys', { body });
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.equal(r.body.code, 'INVALID_INPUT');
        assert.match(r.contentType, /application\/problem\+json/);
      }
      const past = await h.api('POST', '/api/v1/keys', {
        body: { name: 'late', role: 'viewer', expiresAt: 1 },
      });
      assert.equal(past.status, 400);
      assert.deepEqual(await h.client.operatorStore().listApiKeys(), []);
    });
  });
}
