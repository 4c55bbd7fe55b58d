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
