/**
 * `GET /api/v1/instances/{id}/status` and `duroxide instances status`: the status
 * `client.getStatus` reports, Pending included (docs/decisions/0015-pending-status.md).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCli } from '../helpers/cli-run.js';
import { eventually } from '../helpers/eventually.js';
import { startManagementHarness } from '../helpers/management-harness.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS } from '../helpers/test-store.js';

for (const kind of STORE_KINDS) {
  describe(`instance status over HTTP and the CLI (${kind})`, () => {
    test('a start no runtime can run reads Pending over HTTP and the CLI; its detail is a 404 that says so', async (t) => {
      const h = await startManagementHarness(t, kind);
      const id = uid('status-ghost');
      const started = await h.api('POST', '/api/v1/instances', {
        body: { orchestrationName: 'Ghost', instanceId: id },
      });
      assert.equal(started.status, 202, JSON.stringify(started.body));

      // Pending once the harness's runtime has taken the start and left it (unregistered).
      const status = await eventually('the start to be left by the runtime', async () => {
        const r = await h.api('GET', `/api/v1/instances/${id}/status`);
        return r.status === 200 && r.body.status === 'Pending' ? r : undefined;
      });
      assert.deepEqual(status.body, { instanceId: id, status: 'Pending', customStatusVersion: 0 });
      const detail = await h.api('GET', `/api/v1/instances/${id}`);
      assert.equal(detail.status, 404);
      assert.equal(detail.body.code, 'INSTANCE_NOT_FOUND');
      assert.match(detail.body.detail, /is Pending: its start is queued/);

      const cli = await runCli(['instances', 'status', id, '-o', 'json', ...h.storeArgs]);
      assert.equal(cli.code, 0, cli.stderr);
      assert.deepEqual(cli.json, { instanceId: id, status: 'Pending', customStatusVersion: 0 });
    });

    test('a finished instance reads Completed with its output, and an unknown id is a 404', async (t) => {
      const h = await startManagementHarness(t, kind);
      const id = uid('status-echo');
      await h.client.startOrchestration(id, 'Echo', 'hi');
      await h.client.waitForOrchestration(id, 10_000);
      const status = await h.api('GET', `/api/v1/instances/${id}/status`);
      assert.equal(status.status, 200);
      assert.equal(status.body.status, 'Completed');
      assert.deepEqual(status.body.output, { input: 'hi', doubled: 42 });
      assert.deepEqual(status.body.customStatus, { phase: 'echoing' });

      const unknown = uid('status-none');
      const missing = await h.api('GET', `/api/v1/instances/${unknown}/status`);
      assert.equal(missing.status, 404);
      assert.equal(missing.body.code, 'INSTANCE_NOT_FOUND');
      const cli = await runCli(['instances', 'status', unknown, ...h.storeArgs]);
      assert.notEqual(cli.code, 0);
      assert.match(cli.stderr, /INSTANCE_NOT_FOUND/);
    });
  });
}
