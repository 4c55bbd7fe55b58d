/**
 * The CLI's durable bulk jobs, stored API keys and queue depths as child processes on SQLite and
 * PostgreSQL, `-o json` parsed; and a bulk job surviving a `duroxide serve` process killed
 * mid-job (its lease expires and another server finishes it).
 */
/* eslint-disable @typescript-eslint/no-unsafe-call -- JSON bodies under test are navigated freely */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, test } from 'node:test';
import { Client } from '../../src/index.js';
import { createManagementServer } from '../../src/server/create-management-server.js';
import { eventually } from '../helpers/eventually.js';
import { startManagementHarness } from '../helpers/management-harness.js';
import { CLEAN_CLI_ENV, CLI, runCli } from '../helpers/cli-run.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS } from '../helpers/test-store.js';

const cli = runCli;

for (const kind of STORE_KINDS) {
  describe(`duroxide CLI bulk jobs, keys and queues on a ${kind} store`, () => {
    test(`runs a bulk job to its end on a ${kind} store and lists it`, async (t) => {
      const h = await startManagementHarness(t, kind, { bulkJobs: { isEnabled: false } });
      const prefix = `${uid('clijob')}-`;
      for (const i of [1, 2, 3]) await h.client.startOrchestration(`${prefix}${i}`, 'Waiter');
      await eventually('the waiters to run', async () => {
        const [c] = await h.client.countInstances(
          { idPrefix: prefix, status: 'Running' },
          'status',
        );
        return c?.count === 3;
      });
      const args = ['--id-prefix', prefix, '--event', 'go', '--data', '"cli"', ...h.storeArgs];

      const refused = await cli(['bulk', 'raise', '--job', ...args]);
      assert.equal(refused.code, 2, 'no terminal and no --yes');
      const dry = await cli(['bulk', 'raise', '--job', '--dry-run', ...args, '-o', 'json']);
      assert.equal(dry.code, 0, dry.stderr);
      assert.equal(dry.json.matched, 3);
      assert.equal(dry.json.state, 'completed');

      const run = await cli(['bulk', 'raise', '--job', '--yes', ...args, '-o', 'json']);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(
        [run.json.state, run.json.processed, run.json.succeeded],
        ['completed', 3, 3],
        'the CLI ran the job itself (no server runs jobs here)',
      );
      for (const i of [1, 2, 3])
        assert.equal((await h.client.waitForOrchestration(`${prefix}${i}`, 10_000)).output, 'cli');

      const list = await cli([
        'bulk-jobs',
        'list',
        '--state',
        'completed',
        ...h.storeArgs,
        '-o',
        'json',
      ]);
      const listed: string[] = list.json.items.map((j: { jobId: string }) => j.jobId);
      assert.equal(listed[0], run.json.jobId, 'newest first');
      assert.ok(listed.includes(dry.json.jobId), 'dry runs are kept as completed jobs');
      const show = await cli(['bulk-jobs', 'show', run.json.jobId, ...h.storeArgs, '-o', 'json']);
      assert.equal(show.json.processed, 3);
      const table = await cli(['bulk-jobs', 'show', run.json.jobId, ...h.storeArgs, '-o', 'table']);
      assert.match(table.stdout, /processed\s+3/);
      const cancelDone = await cli([
        'bulk-jobs',
        'cancel',
        run.json.jobId,
        '--yes',
        ...h.storeArgs,
      ]);
      assert.equal(cancelDone.code, 4, 'a finished job cannot be cancelled');
      const missing = await cli(['bulk-jobs', 'show', 'bulk-none', ...h.storeArgs]);
      assert.equal(missing.code, 3);
      assert.match(missing.stderr, /RESOURCE_NOT_FOUND/);

      const queues = await cli(['queues', ...h.storeArgs, '-o', 'json']);
      assert.equal(queues.code, 0, queues.stderr);
      assert.equal(typeof queues.json.orchestrator.ready, 'number');
      assert.ok('oldestAgeMs' in queues.json.worker);
      const queueTable = await cli(['queues', ...h.storeArgs, '-o', 'table']);
      assert.match(queueTable.stdout, /oldestAgeMs/);
    });

    test(`creates, lists and revokes stored API keys on a ${kind} store`, async (t) => {
      const h = await startManagementHarness(t, kind, { bulkJobs: { isEnabled: false } });
      const created = await cli([
        'keys',
        'create',
        '--name',
        'robot',
        '--role',
        'viewer',
        ...h.storeArgs,
        '-o',
        'json',
      ]);
      assert.equal(created.code, 0, created.stderr);
      assert.match(created.json.key, /^dxk_/);
      assert.equal(created.json.item.source, 'store');
      const secret = (created.json.key as string).slice(17);
      assert.ok(!created.stderr.includes(secret), 'the secret is only on stdout');

      const settings = await fetch(`${h.server.url}/api/v1/settings`, {
        headers: { authorization: `Bearer ${created.json.key}` },
      });
      assert.equal(settings.status, 200, 'the running server accepts the stored key');
      assert.equal(((await settings.json()) as { role: string }).role, 'viewer');
      assert.equal(
        (await fetch(`${h.server.url}/api/v1/settings`)).status,
        401,
        'and now needs keys',
      );

      const listed = await cli(['keys', 'list', ...h.storeArgs, '-o', 'json']);
      assert.deepEqual(
        listed.json.items.map((k: { name: string; state: string }) => [k.name, k.state]),
        [['robot', 'active']],
      );
      const dup = await cli([
        'keys',
        'create',
        '--name',
        'robot',
        '--role',
        'admin',
        ...h.storeArgs,
      ]);
      assert.equal(dup.code, 4);
      const revoked = await cli(['keys', 'revoke', 'robot', '--yes', ...h.storeArgs, '-o', 'json']);
      assert.equal(revoked.code, 0, revoked.stderr);
      assert.equal(revoked.json.item.state, 'revoked');
      await eventually('the server to refuse the revoked key', async () => {
        const r = await fetch(`${h.server.url}/api/v1/settings`, {
          headers: { authorization: `Bearer ${created.json.key}` },
        });
        return r.status === 401;
      });
      assert.equal((await cli(['keys', 'revoke', 'robot', '--yes', ...h.storeArgs])).code, 3);
    });

    test(`a bulk job outlives a killed duroxide serve process: another server takes it over when its lease expires on ${kind}`, async (t) => {
      const h = await startManagementHarness(t, kind, { bulkJobs: { isEnabled: false } });
      const prefix = `${uid('killed')}-`;
      const ids = Array.from({ length: 20 }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);
      for (const id of ids) await h.client.startOrchestration(id, 'Waiter');
      await eventually('the waiters to run', async () => {
        const [c] = await h.client.countInstances(
          { idPrefix: prefix, status: 'Running' },
          'status',
        );
        return c?.count === 20;
      });
      const child = spawn(
        process.execPath,
        [
          CLI,
          'serve',
          ...h.storeArgs,
          '--port',
          '0',
          '--bulk-items-per-second',
          '10',
          '--bulk-lease-ms',
          '500',
        ],
        { env: { ...process.env, ...CLEAN_CLI_ENV }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      t.after(() => child.kill('SIGKILL'));
      const url = await new Promise<string>((resolve, reject) => {
        let buffer = '';
        child.stdout.on('data', (d: Buffer) => {
          buffer += d.toString();
          const end = buffer.indexOf('\n');
          if (end >= 0) resolve((JSON.parse(buffer.slice(0, end)) as { url: string }).url);
        });
        child.on('close', (code) => reject(new Error(`serve exited early with ${String(code)}`)));
      });
      const created = await fetch(`${url}/api/v1/bulk/jobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          action: 'raise',
          eventName: 'go',
          data: 'took-over',
          filter: { idPrefix: prefix },
        }),
      });
      assert.equal(created.status, 202);
      const { jobId } = (await created.json()) as { jobId: string };
      const store = h.client.operatorStore();
      await eventually('the serve process to work on the job', async () => {
        const job = await store.getBulkJob(jobId);
        return job !== null && (JSON.parse(job.progress) as { processed: number }).processed >= 3;
      });
      const exited = new Promise((resolve) => child.on('close', resolve));
      child.kill('SIGKILL');
      await exited;
      const orphan = (await store.getBulkJob(jobId)) ?? assert.fail('job');
      assert.equal(orphan.state, 'running');
      assert.ok(orphan.leaseOwner !== undefined, 'still leased to the dead server');

      const next = await createManagementServer({
        client: new Client(h.provider),
        bulkJobs: { pollIntervalMs: 50 },
        onInternalError: () => undefined,
      }).listen();
      t.after(() => next.close());
      const done = await eventually('another server to finish the job', async () => {
        const job = await store.getBulkJob(jobId);
        return job?.state === 'completed' ? job : undefined;
      });
      assert.notEqual(done.leaseOwner, orphan.leaseOwner, 'taken over by the new server');
      const progress = JSON.parse(done.progress) as { processed: number; succeeded: number };
      assert.equal(progress.processed, 20);
      for (const id of ids)
        assert.equal((await h.client.waitForOrchestration(id, 10_000)).output, 'took-over');
    });
  });
}
