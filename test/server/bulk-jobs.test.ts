/**
 * Durable bulk jobs over HTTP on SQLite and PostgreSQL: a job created with `POST /bulk/jobs`
 * runs in the background with progress, can be listed, read, cancelled, and survives its
 * server: a second server over the same store resumes it from the last checkpoint.
 */
/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- JSON bodies under test are navigated freely */
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { Client, Runtime } from '../../src/index.js';
import {
  createManagementServer,
  type ListeningManagementServer,
} from '../../src/server/create-management-server.js';
import { eventually } from '../helpers/eventually.js';
import {
  registerSamples,
  startManagementHarness,
  type Json,
} from '../helpers/management-harness.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS, testStore, type TestStore } from '../helpers/test-store.js';

async function call(
  server: ListeningManagementServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    ...(body !== undefined
      ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
      : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

async function startWaiters(client: Client, prefix: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);
  for (const id of ids) await client.startOrchestration(id, 'Waiter');
  await eventually(`${count} waiters to run`, async () => {
    const counts = await client.countInstances({ idPrefix: prefix, status: 'Running' }, 'status');
    return counts[0]?.count === count;
  });
  return ids;
}

/** A runtime and a Client on `store`, stopped at the end of the test. */
async function runtimeOn(t: TestContext, store: TestStore): Promise<Client> {
  const runtime = new Runtime(await store.open(), { logLevel: 'off' });
  registerSamples(runtime);
  await runtime.start();
  t.after(() => runtime.shutdown(2000));
  return new Client(await store.open());
}

for (const kind of STORE_KINDS) {
  describe(`bulk jobs on ${kind}`, () => {
    test(`a job raises an event on every matching instance in the background and reports its progress on ${kind}`, async (t) => {
      const h = await startManagementHarness(t, kind, { bulkJobs: { pollIntervalMs: 50 } });
      const prefix = `${uid('job')}-`;
      const ids = await startWaiters(h.client, prefix, 12);
      const filter = { name: 'Waiter', idPrefix: prefix, status: 'Running' };

      const dry = await h.api('POST', '/api/v1/bulk/jobs', {
        body: { action: 'raise', eventName: 'go', filter, dryRun: true },
      });
      assert.equal(dry.status, 200, JSON.stringify(dry.body));
      assert.equal(dry.body.state, 'completed');
      assert.equal(dry.body.dryRun, true);
      assert.equal(dry.body.matched, 12);
      assert.equal(dry.body.processed, 0);
      assert.deepEqual([...dry.body.sampleInstanceIds].sort(), ids);

      const created = await h.api('POST', '/api/v1/bulk/jobs', {
        body: { action: 'raise', eventName: 'go', data: 'from-job', filter, reason: 'release' },
      });
      assert.equal(created.status, 202, JSON.stringify(created.body));
      assert.equal(created.body.matched, 12);
      assert.ok(['queued', 'running'].includes(created.body.state), created.body.state);
      assert.equal(created.body.actor, 'local');
      const jobId: string = created.body.jobId;

      const done = await eventually('the job to complete', async () => {
        const job = await h.api('GET', `/api/v1/bulk/jobs/${jobId}`);
        return job.body.state === 'completed' ? job.body : undefined;
      });
      assert.deepEqual(
        [done.processed, done.succeeded, done.failed, done.failures, done.runner],
        [12, 12, 0, [], null],
      );
      for (const id of ids)
        assert.equal((await h.client.waitForOrchestration(id, 10_000)).output, 'from-job');

      const page1 = await h.api('GET', '/api/v1/bulk/jobs?limit=1');
      assert.deepEqual(
        page1.body.items.map((j: { jobId: string }) => j.jobId),
        [jobId],
      );
      assert.notEqual(page1.body.nextCursor, null);
      const page2 = await h.api(
        'GET',
        `/api/v1/bulk/jobs?limit=1&cursor=${encodeURIComponent(page1.body.nextCursor)}`,
      );
      assert.deepEqual(
        page2.body.items.map((j: { jobId: string }) => j.jobId),
        [dry.body.jobId],
      );
      assert.equal(page2.body.nextCursor, null);
      const completed = await h.api('GET', '/api/v1/bulk/jobs?state=completed');
      assert.equal(completed.body.items.length, 2);

      const audit = await h.api(
        'GET',
        `/api/v1/audit?target=${encodeURIComponent(`bulk-job:${jobId}`)}`,
      );
      assert.deepEqual(
        audit.body.items.map((e: { action: string }) => e.action),
        ['bulk-job.completed', 'bulk-job.create'],
      );
      assert.equal(audit.body.items[0].details.succeeded, 12);
    });

    test(`a job by ids reports the instances it could not process and keeps going on ${kind}`, async (t) => {
      const h = await startManagementHarness(t, kind, { bulkJobs: { pollIntervalMs: 50 } });
      const prefix = `${uid('jobids')}-`;
      const [running] = await startWaiters(h.client, prefix, 1);
      const job = await h.api('POST', '/api/v1/bulk/jobs', {
        body: { action: 'delete', instanceIds: [running, 'no-such-instance', running] },
      });
      assert.equal(job.status, 202);
      assert.equal(job.body.matched, 2, 'ids are counted once');
      const done = await eventually('the job to complete', async () => {
        const r = await h.api('GET', `/api/v1/bulk/jobs/${job.body.jobId}`);
        return r.body.state === 'completed' ? r.body : undefined;
      });
      assert.equal(done.processed, 2);
      assert.equal(done.succeeded, 0);
      assert.deepEqual(done.failures.map((f: { code: string }) => f.code).sort(), [
        'INSTANCE_NOT_FOUND',
        'INSTANCE_STILL_RUNNING',
      ]);
      assert.equal((await h.client.getStatus(running as string)).status, 'Running');
    });

    test(`a queued job is cancelled at once and a finished one cannot be cancelled on ${kind}`, async (t) => {
      const h = await startManagementHarness(t, kind, { bulkJobs: { isEnabled: false } });
      const job = await h.api('POST', '/api/v1/bulk/jobs', {
        body: { action: 'cancel', filter: { idPrefix: 'nothing-' } },
      });
      assert.equal(job.body.state, 'queued', 'no runner on this server');
      const cancelled = await h.api('POST', `/api/v1/bulk/jobs/${job.body.jobId}/cancel`);
      assert.equal(cancelled.status, 200);
      assert.equal(cancelled.body.state, 'cancelled');
      assert.equal(cancelled.body.isCancelRequested, true);
      const again = await h.api('POST', `/api/v1/bulk/jobs/${job.body.jobId}/cancel`);
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'INVALID_STATE');
      const missing = await h.api('GET', '/api/v1/bulk/jobs/bulk-none');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.code, 'RESOURCE_NOT_FOUND');
      assert.match(missing.contentType, /application\/problem\+json/);
      assert.equal((await h.api('POST', '/api/v1/bulk/jobs/bulk-none/cancel')).status, 404);
    });

    test(`bad job requests are 400 problem+json and create nothing on ${kind}`, async (t) => {
      const h = await startManagementHarness(t, kind, { bulkJobs: { isEnabled: false } });
      const bad: unknown[] = [
        { action: 'explode', filter: {} },
        { action: 'cancel' },
        { action: 'cancel', filter: {}, instanceIds: ['a'] },
        { action: 'raise', filter: {} },
        { action: 'cancel', filter: { status: 'Sleeping' } },
        { action: 'cancel', filter: {}, limit: 0 },
        { action: 'cancel', filter: {}, surprise: true },
        { action: 'cancel', instanceIds: 'a' },
      ];
      for (const body of bad) {
        const r = await h.api('POST', '/api/v1/bulk/jobs', { body });
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.equal(r.body.code, 'INVALID_INPUT');
      }
      const raw = await h.api('POST', '/api/v1/bulk/jobs', { rawBody: '{"action":' });
      assert.equal(raw.status, 400);
      for (const q of ['limit=0', 'limit=x', 'state=sleeping', 'cursor=not-a-cursor', 'other=1']) {
        const r = await h.api('GET', `/api/v1/bulk/jobs?${q}`);
        assert.equal(r.status, 400, q);
        assert.equal(r.body.code, 'INVALID_INPUT', q);
      }
      assert.deepEqual((await h.api('GET', '/api/v1/bulk/jobs')).body.items, []);
    });

    test(`a job survives its server: a second server over the same store resumes it where it stopped on ${kind}`, async (t) => {
      const store = await testStore(t, kind);
      const client = await runtimeOn(t, store);
      const prefix = `${uid('survive')}-`;
      const ids = await startWaiters(client, prefix, 24);
      const first = await createManagementServer({
        client: new Client(await store.open()),
        bulkJobs: { maxItemsPerSecond: 40, pollIntervalMs: 50 },
        onInternalError: () => undefined,
      }).listen();
      let isFirstOpen = true;
      t.after(() => (isFirstOpen ? first.close() : undefined));
      const created = await call(first, 'POST', '/api/v1/bulk/jobs', {
        action: 'raise',
        eventName: 'go',
        data: 'resumed',
        filter: { idPrefix: prefix },
      });
      assert.equal(created.status, 202);
      const jobId: string = created.body.jobId;
      await eventually('the first server to process a few instances', async () => {
        const job = await call(first, 'GET', `/api/v1/bulk/jobs/${jobId}`);
        return job.body.processed >= 4;
      });
      await first.close();
      isFirstOpen = false;

      const stopped = (await client.operatorStore().getBulkJob(jobId)) ?? assert.fail('job');
      assert.equal(stopped.state, 'running', 'the job outlives its server');
      const progress = JSON.parse(stopped.progress);
      assert.ok(progress.processed >= 4 && progress.processed < 24, String(progress.processed));

      const second = await createManagementServer({
        client: new Client(await store.open()),
        bulkJobs: { pollIntervalMs: 50 },
        onInternalError: () => undefined,
      }).listen();
      t.after(() => second.close());
      const done = await eventually('the second server to finish the job', async () => {
        const job = await call(second, 'GET', `/api/v1/bulk/jobs/${jobId}`);
        return job.body.state === 'completed' ? job.body : undefined;
      });
      assert.deepEqual(
        [done.matched, done.processed, done.succeeded, done.failed],
        [24, 24, 24, 0],
      );
      for (const id of ids)
        assert.equal((await client.waitForOrchestration(id, 10_000)).output, 'resumed');
      for (const id of ids) {
        const history = await client.readExecutionHistory(id, 1);
        assert.equal(
          history.filter((e) => e.kind === 'ExternalEvent').length,
          1,
          `${id} got the event once`,
        );
      }
    });

    test(`a running job stops at the next instance when cancelled on ${kind}`, async (t) => {
      const h = await startManagementHarness(t, kind, {
        bulkJobs: { pollIntervalMs: 50, maxItemsPerSecond: 20 },
      });
      const prefix = `${uid('stopjob')}-`;
      await startWaiters(h.client, prefix, 20);
      const job = await h.api('POST', '/api/v1/bulk/jobs', {
        body: { action: 'raise', eventName: 'go', filter: { idPrefix: prefix } },
      });
      await eventually('the job to start', async () => {
        const r = await h.api('GET', `/api/v1/bulk/jobs/${job.body.jobId}`);
        return r.body.processed >= 1;
      });
      const asked = await h.api('POST', `/api/v1/bulk/jobs/${job.body.jobId}/cancel`);
      assert.equal(asked.status, 200);
      const ended = await eventually('the job to end', async () => {
        const r = await h.api('GET', `/api/v1/bulk/jobs/${job.body.jobId}`);
        return r.body.state === 'cancelled' ? r.body : undefined;
      });
      assert.ok(ended.processed < 20, `stopped early (${ended.processed})`);
    });
  });
}
