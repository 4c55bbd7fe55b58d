/**
 * `GET /api/v1/poisoned` and `duroxide poisoned`: the operator's view of queue rows the runtimes
 * quarantined, on both stores.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCli } from '../helpers/cli-run.js';
import { eventually } from '../helpers/eventually.js';
import { startManagementHarness } from '../helpers/management-harness.js';
import { insertRawRow } from '../helpers/raw-queue-rows.js';
import { STORE_KINDS, type TestStore } from '../helpers/test-store.js';

for (const kind of STORE_KINDS) {
  describe(`poisoned items over HTTP and the CLI (${kind})`, () => {
    test('a quarantined row is listed by GET /api/v1/poisoned and duroxide poisoned', async (t) => {
      const h = await startManagementHarness(t, kind);
      const empty = await h.api('GET', '/api/v1/poisoned');
      assert.equal(empty.status, 200);
      assert.deepEqual(empty.body, { items: [], nextCursor: null });

      const [, url, , schema] = h.storeArgs;
      const store = {
        kind,
        url: url ?? '',
        ...(schema === undefined ? {} : { schema }),
      } as TestStore;
      await insertRawRow(store, {
        queue: 'orchestrator',
        instanceId: 'http-bad',
        itemType: 'StartOrchestration',
        text: '{oops',
      });
      const listed = await eventually('the bad row to be quarantined', async () => {
        const page = await h.api('GET', '/api/v1/poisoned?limit=10');
        const body = page.body as {
          items: { instanceId: string; queue: string; preview: string; reason: string }[];
          nextCursor: string | null;
        };
        return body.items.length === 1 ? body : undefined;
      });
      assert.equal(listed.items[0]?.instanceId, 'http-bad');
      assert.equal(listed.items[0]?.queue, 'orchestrator');
      assert.equal(listed.items[0]?.preview, '{oops');
      assert.match(listed.items[0]?.reason, /not JSON/);
      assert.equal(listed.nextCursor, null);

      const run = await runCli(['poisoned', ...h.storeArgs]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.json.items[0].instanceId, 'http-bad');
    });

    test('DELETE /api/v1/poisoned and duroxide poisoned prune remove rows poisoned before a time, audited', async (t) => {
      const h = await startManagementHarness(t, kind);
      const [, url, , schema] = h.storeArgs;
      const store = {
        kind,
        url: url ?? '',
        ...(schema === undefined ? {} : { schema }),
      } as TestStore;
      const quarantine = async (instanceId: string): Promise<void> => {
        await insertRawRow(store, {
          queue: 'orchestrator',
          instanceId,
          itemType: 'StartOrchestration',
          text: '{oops',
        });
        await eventually(`${instanceId} to be quarantined`, async () =>
          (await h.client.listPoisonedItems()).items.some((i) => i.instanceId === instanceId),
        );
      };
      await quarantine('prune-http');
      const none = await h.api('DELETE', '/api/v1/poisoned?poisonedBefore=0');
      assert.equal(none.status, 200);
      assert.deepEqual(none.body, { itemsDeleted: 0 });
      const later = Date.now() + 1000;
      const pruned = await h.api('DELETE', `/api/v1/poisoned?poisonedBefore=${later}`);
      assert.deepEqual(pruned.body, { itemsDeleted: 1 });
      assert.deepEqual((await h.client.listPoisonedItems()).items, []);
      const audit = await h.client.listAuditLog({ target: 'poisoned-items:prune' });
      assert.equal(audit.items.length, 2);
      assert.equal(audit.items[0]?.action, 'poisoned.prune');

      await quarantine('prune-cli');
      const refused = await runCli([
        'poisoned',
        'prune',
        '--before',
        String(later),
        ...h.storeArgs,
      ]);
      assert.equal(refused.code, 2, 'asks first; without a terminal it refuses');
      assert.equal((await h.client.listPoisonedItems()).items.length, 1);
      const run = await runCli([
        'poisoned',
        'prune',
        '--before',
        String(Date.now() + 1000),
        '--yes',
        ...h.storeArgs,
      ]);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(run.json, { itemsDeleted: 1 });
      assert.deepEqual((await h.client.listPoisonedItems()).items, []);
    });

    test('DELETE /api/v1/poisoned without a valid poisonedBefore is a 400', async (t) => {
      const h = await startManagementHarness(t, kind);
      for (const q of ['', '?poisonedBefore=soon', '?poisonedBefore=-1', '?poisonedBefore=1&x=1']) {
        const res = await h.api('DELETE', `/api/v1/poisoned${q}`);
        assert.equal(res.status, 400, q);
        assert.equal(res.body.code, 'INVALID_INPUT');
      }
    });

    test('bad paging parameters are 400 problem+json', async (t) => {
      const h = await startManagementHarness(t, kind);
      for (const q of ['limit=0', 'limit=5000', 'limit=abc', 'cursor=nope', 'other=1']) {
        const res = await h.api('GET', `/api/v1/poisoned?${q}`);
        assert.equal(res.status, 400, q);
        assert.match(res.contentType, /application\/problem\+json/);
        assert.equal(res.body.code, 'INVALID_INPUT');
      }
    });
  });
}
