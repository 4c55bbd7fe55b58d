/**
 * Conformance: the operator store (`ManagementStore.operatorStore()`) — queue statistics with
 * the oldest ready item, an instance's work items with attempt and lock owner, durable bulk
 * jobs with leases, and stored API keys.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from '../node-test.js';
import type { BulkJobInput } from '../../provider-records.js';
import type { ProviderWith } from '../../provider.js';
import type { ConformanceHarness } from '../conformance-fixtures.js';
import {
  activityExecute,
  externalRaised,
  startInstance,
  timerFired,
} from '../conformance-fixtures.js';

function jobInput(jobId: string, state: BulkJobInput['state'] = 'queued'): BulkJobInput {
  return {
    jobId,
    action: 'cancel',
    request: JSON.stringify({ instanceIds: ['a'] }),
    actor: 'tester',
    state,
    progress: '{}',
  };
}

export function registerOperatorStoreCases(
  h: ConformanceHarness<ProviderWith<'management'>>,
): void {
  describe('operator store: queues and work items', () => {
    h.test('queue statistics of an empty store are zero with no oldest item', async (t) => {
      const p = await h.provider(t);
      const stats = await p.operatorStore().getQueueStats();
      const empty = { ready: 0, locked: 0, delayed: 0, oldestReadyAt: null, nextVisibleAt: null };
      assert.deepEqual(stats.orchestrator, empty);
      assert.deepEqual(stats.worker, empty);
      assert.deepEqual(stats.timers, { pending: 0, nextFireAt: null });
      assert.equal(typeof stats.at, 'number');
    });

    h.test(
      'queue statistics split ready, locked and delayed rows and date the oldest ready one',
      async (t) => {
        const p = await h.provider(t);
        const clock = h.clock(t);
        const before = clock.now();
        await startInstance(p, 'qs-1', {
          workerItems: [activityExecute('qs-1', 1, 2), activityExecute('qs-1', 1, 3)],
        });
        await p.enqueueForOrchestrator(externalRaised('qs-1', 'a'));
        const fireAt = clock.now() + 60_000;
        await p.enqueueForOrchestrator(timerFired('qs-1', 1, 4, fireAt));
        assert.notEqual(
          await p.fetchWorkItem({ lockTimeoutMs: 30_000, lockOwner: 'node-a' }),
          null,
        );

        const stats = await p.operatorStore().getQueueStats();
        assert.equal(stats.worker.ready, 1);
        assert.equal(stats.worker.locked, 1);
        assert.equal(stats.orchestrator.ready, 1);
        assert.equal(stats.orchestrator.delayed, 1);
        assert.ok(
          stats.orchestrator.nextVisibleAt !== null &&
            stats.orchestrator.nextVisibleAt >= fireAt - 1000,
        );
        assert.equal(stats.timers.pending, 1);
        assert.ok(stats.timers.nextFireAt !== null && stats.timers.nextFireAt >= fireAt - 1000);
        for (const oldest of [stats.orchestrator.oldestReadyAt, stats.worker.oldestReadyAt]) {
          assert.ok(
            oldest !== null && oldest >= before - 1000 && oldest <= stats.at,
            String(oldest),
          );
        }
      },
    );

    h.test('work items show their attempt count and the owner of a valid lock', async (t) => {
      const p = await h.provider(t);
      await startInstance(p, 'wi-1', {
        workerItems: [activityExecute('wi-1', 1, 2), activityExecute('wi-1', 1, 3)],
      });
      const store = p.operatorStore();
      const queued = await store.listWorkItems('wi-1');
      assert.deepEqual(
        queued.map((w) => [w.executionId, w.activityId, w.activityName, w.attemptCount, w.lock]),
        [
          [1, 2, 'act', 0, undefined],
          [1, 3, 'act', 0, undefined],
        ],
      );
      const first = await p.fetchWorkItem({ lockTimeoutMs: 30_000, lockOwner: 'node-a' });
      assert.notEqual(first, null);
      await p.abandonWorkItem(first?.lockToken ?? '');
      const again = await p.fetchWorkItem({ lockTimeoutMs: 30_000, lockOwner: 'node-b' });
      const second = await p.fetchWorkItem({ lockTimeoutMs: 30_000 });
      assert.notEqual(again, null);
      assert.notEqual(second, null);
      const [a, b] = await store.listWorkItems('wi-1');
      assert.equal(a?.attemptCount, 2);
      assert.equal(a?.lock?.owner, 'node-b');
      assert.ok((a?.lock?.lockedUntil ?? 0) > h.clock(t).now());
      assert.equal(b?.attemptCount, 1);
      assert.notEqual(b?.lock, undefined, 'locked without a named owner');
      assert.equal(b?.lock?.owner, undefined);
      assert.deepEqual(await store.listWorkItems('no-such-instance'), []);
    });

    h.test('a lock that expired no longer shows as held', async (t) => {
      const p = await h.provider(t);
      await startInstance(p, 'wi-exp', { workerItems: [activityExecute('wi-exp', 1, 2)] });
      assert.notEqual(await p.fetchWorkItem({ lockTimeoutMs: 50, lockOwner: 'node-a' }), null);
      await h.clock(t).advance(120);
      const [item] = await p.operatorStore().listWorkItems('wi-exp');
      assert.equal(item?.attemptCount, 1);
      assert.equal(item?.lock, undefined);
    });
  });

  describe('operator store: bulk jobs', () => {
    h.test(
      'a bulk job is stored, read back and listed newest first with keyset paging',
      async (t) => {
        const p = await h.provider(t);
        const store = p.operatorStore();
        const created = await store.createBulkJob(jobInput('job-1'));
        assert.equal(created.state, 'queued');
        assert.equal(created.actor, 'tester');
        assert.equal(created.isCancelRequested, false);
        assert.equal(created.leaseOwner, undefined);
        await h.clock(t).advance(5);
        await store.createBulkJob(jobInput('job-2'));
        await h.clock(t).advance(5);
        await store.createBulkJob(jobInput('job-3', 'completed'));
        assert.deepEqual(await store.getBulkJob('job-1'), created);
        assert.equal(await store.getBulkJob('job-none'), null);
        const page1 = await store.listBulkJobs({ limit: 2 });
        assert.deepEqual(
          page1.map((j) => j.jobId),
          ['job-3', 'job-2'],
        );
        const last = page1[1];
        const page2 = await store.listBulkJobs({
          limit: 2,
          after: { createdAt: last?.createdAt ?? 0, jobId: last?.jobId ?? '' },
        });
        assert.deepEqual(
          page2.map((j) => j.jobId),
          ['job-1'],
        );
        const queued = await store.listBulkJobs({ limit: 10, state: 'queued' });
        assert.deepEqual(
          queued.map((j) => j.jobId),
          ['job-2', 'job-1'],
        );
        await assert.rejects(store.createBulkJob(jobInput('job-1')));
        await assert.rejects(store.listBulkJobs({ limit: 0 }));
      },
    );

    h.test(
      'a claimed job is leased to one owner until the lease expires, then taken over',
      async (t) => {
        const p = await h.provider(t);
        const store = p.operatorStore();
        await store.createBulkJob(jobInput('lease-1'));
        const claimed = await store.claimBulkJob('server-a', 100);
        assert.equal(claimed?.jobId, 'lease-1');
        assert.equal(claimed?.state, 'running');
        assert.equal(claimed?.leaseOwner, 'server-a');
        assert.equal(await store.claimBulkJob('server-b', 100), null, 'held by server-a');

        const progressed = await store.updateBulkJob('lease-1', 'server-a', {
          progress: '{"processed":1}',
          leaseMs: 100,
        });
        assert.equal(progressed?.progress, '{"processed":1}');

        await h.clock(t).advance(250);
        const taken = await store.claimBulkJob('server-b', 10_000);
        assert.equal(taken?.leaseOwner, 'server-b');
        assert.equal(taken?.progress, '{"processed":1}', 'the progress survives the takeover');
        assert.equal(
          await store.updateBulkJob('lease-1', 'server-a', { progress: '{}', leaseMs: 100 }),
          null,
          'the old owner can no longer write',
        );
        const done = await store.updateBulkJob('lease-1', 'server-b', {
          progress: '{"processed":2}',
          state: 'completed',
          leaseMs: 100,
        });
        assert.equal(done?.state, 'completed');
        assert.equal(done?.leaseUntil, undefined);
        assert.equal(
          await store.claimBulkJob('server-c', 100),
          null,
          'a finished job is not claimed',
        );
      },
    );

    h.test('claiming a named job takes only that one', async (t) => {
      const p = await h.provider(t);
      const store = p.operatorStore();
      await store.createBulkJob(jobInput('named-1'));
      await h.clock(t).advance(5);
      await store.createBulkJob(jobInput('named-2'));
      assert.equal((await store.claimBulkJob('me', 1000, 'named-2'))?.jobId, 'named-2');
      assert.equal(await store.claimBulkJob('me', 1000, 'named-2'), null);
      assert.equal((await store.getBulkJob('named-1'))?.state, 'queued');
    });

    h.test(
      'cancelling ends a queued job, flags a running one and leaves a finished one',
      async (t) => {
        const p = await h.provider(t);
        const store = p.operatorStore();
        await store.createBulkJob(jobInput('c-queued'));
        assert.equal((await store.cancelBulkJob('c-queued'))?.state, 'cancelled');
        assert.equal(await store.claimBulkJob('x', 1000, 'c-queued'), null);

        await store.createBulkJob(jobInput('c-running'));
        await store.claimBulkJob('x', 1000, 'c-running');
        const flagged = await store.cancelBulkJob('c-running');
        assert.equal(flagged?.state, 'running');
        assert.equal(flagged?.isCancelRequested, true);

        await store.createBulkJob(jobInput('c-done', 'completed'));
        const done = await store.cancelBulkJob('c-done');
        assert.equal(done?.state, 'completed');
        assert.equal(done?.isCancelRequested, false);
        assert.equal(await store.cancelBulkJob('c-none'), null);
      },
    );
  });

  describe('operator store: API keys', () => {
    h.test(
      'API keys are stored without secrets, unique by active name, and revoked by name',
      async (t) => {
        const p = await h.provider(t);
        const store = p.operatorStore();
        const key = {
          prefix: 'aaaaaaaaaaaa',
          name: 'ci',
          role: 'operator',
          hash: 'scrypt:s:h',
          createdBy: 'admin',
          expiresAt: undefined,
        };
        assert.equal(await store.insertApiKey(key), true);
        assert.equal(
          await store.insertApiKey({ ...key, prefix: 'bbbbbbbbbbbb' }),
          false,
          'same name',
        );
        assert.equal(await store.insertApiKey({ ...key, name: 'other' }), false, 'same prefix');
        const [listed] = await store.listApiKeys();
        assert.equal(listed?.name, 'ci');
        assert.equal(listed?.role, 'operator');
        assert.equal(listed?.hash, 'scrypt:s:h');
        assert.equal(listed?.createdBy, 'admin');
        assert.equal(listed?.revokedAt, undefined);

        const revoked = await store.revokeApiKey('ci');
        assert.equal(revoked?.prefix, 'aaaaaaaaaaaa');
        assert.equal(typeof revoked?.revokedAt, 'number');
        assert.equal(await store.revokeApiKey('ci'), null, 'nothing left to revoke');
        assert.equal(
          await store.insertApiKey({
            ...key,
            prefix: 'cccccccccccc',
            expiresAt: 4_000_000_000_000,
          }),
          true,
          'the name is free again',
        );
        const all = await store.listApiKeys();
        assert.deepEqual(
          all.map((k) => [k.prefix, k.revokedAt === undefined, k.expiresAt]),
          [
            ['aaaaaaaaaaaa', false, undefined],
            ['cccccccccccc', true, 4_000_000_000_000],
          ],
        );
      },
    );
  });
}
