/**
 * Queue depths with the oldest item's age (`/queues` and the stream's `metrics` event), and
 * "waiting on" with each open activity's attempt count and lock owner, over HTTP on SQLite and
 * PostgreSQL.
 */
/* eslint-disable @typescript-eslint/no-unsafe-return -- JSON bodies under test are navigated freely */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client } from '../../src/index.js';
import { createManagementServer } from '../../src/server/create-management-server.js';
import { eventually } from '../helpers/eventually.js';
import {
  registerSamples,
  startManagementHarness,
  type Json,
} from '../helpers/management-harness.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS, testStore } from '../helpers/test-store.js';

for (const kind of STORE_KINDS) {
  describe(`queues and waiting-on on ${kind}`, () => {
    test(`queue depths date the oldest waiting item, over /queues and the stream on ${kind}`, async (t) => {
      const store = await testStore(t, kind);
      const client = new Client(await store.open());
      const server = await createManagementServer({
        client,
        bulkJobs: { isEnabled: false },
        onInternalError: () => undefined,
      }).listen();
      t.after(() => server.close());
      const before = Date.now();
      for (const i of [1, 2, 3]) await client.startOrchestration(uid(`q${i}`), 'Nobody');

      const res = await fetch(`${server.url}/api/v1/queues`);
      const q = (await res.json()) as Json;
      assert.equal(res.status, 200);
      assert.deepEqual(
        [q.orchestratorQueue, q.orchestrator.ready, q.orchestrator.locked, q.workerQueue],
        [3, 3, 0, 0],
      );
      assert.ok(q.orchestrator.oldestReadyAt >= before - 1000, 'dated when enqueued');
      assert.ok(q.orchestrator.oldestReadyAt <= q.at);
      assert.equal(q.orchestrator.oldestAgeMs, q.at - q.orchestrator.oldestReadyAt);
      assert.equal(q.worker.oldestReadyAt, null);
      assert.deepEqual(q.timers, { pending: 0, nextFireAt: null });

      const stream = await fetch(`${server.url}/api/v1/stream?intervalMs=100`);
      const reader = stream.body!.getReader();
      t.after(() => reader.cancel().catch(() => undefined));
      let text = '';
      while (!/event: metrics\ndata: .*\n/.test(text)) {
        const { value, done } = await reader.read();
        if (done) assert.fail(`stream ended: ${text}`);
        text += new TextDecoder().decode(value);
      }
      const data = /event: metrics\ndata: (.*)\n/.exec(text)?.[1] ?? '';
      const metrics = JSON.parse(data);
      assert.equal(metrics.queues.orchestrator.ready, 3);
      assert.equal(metrics.queues.orchestrator.oldestReadyAt, q.orchestrator.oldestReadyAt);
    });

    test(`an open activity shows its attempt count and the node holding it on ${kind}`, async (t) => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      t.after(() => release());
      const h = await startManagementHarness(t, kind, {}, (runtime) => {
        registerSamples(runtime);
        runtime.registerActivity('Hold', async () => {
          await gate;
          return 'released';
        });
        runtime.registerOrchestration('Holder', async (ctx) => ctx.scheduleActivity('Hold', null));
      });
      const id = uid('holder');
      await h.client.startOrchestration(id, 'Holder');
      const waiting = await eventually('the activity to be held by a worker', async () => {
        const detail = await h.api('GET', `/api/v1/instances/${id}`);
        if (detail.status !== 200) return undefined; // not started yet
        const [activity] = detail.body.waitingOn.activities;
        return activity?.isLocked === true ? activity : undefined;
      });
      assert.equal(waiting.name, 'Hold');
      assert.equal(waiting.attemptCount, 1);
      assert.equal(waiting.lockOwner, h.runtime.nodeId);
      assert.ok(waiting.lockedUntil > Date.now() - 1000);
      release();
      assert.equal((await h.client.waitForOrchestration(id, 10_000)).output, 'released');
      const after = await h.api('GET', `/api/v1/instances/${id}`);
      assert.deepEqual(after.body.waitingOn.activities, []);
    });
  });
}
