/**
 * Conformance: a queue row too large to load is quarantined (never loaded), the queue moves on,
 * and operators read the quarantine newest first, paged.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from '../node-test.js';
import { InvalidInputError } from '../../../core/errors/duroxide-error.js';
import type { WorkItem } from '../../../core/history/work-item.js';
import type { PoisonedItemReport, ProviderWith } from '../../provider.js';
import type { ConformanceHarness } from '../conformance-fixtures.js';
import {
  activityExecute,
  FETCH,
  fetchFor,
  LONG_LOCK_MS,
  rejectsWith,
  startInstance,
  startItem,
} from '../conformance-fixtures.js';

const LIMIT = 1_000;

/** A start whose input is a JSON string of `chars` characters. */
function bigStart(instance: string, chars: number): WorkItem {
  return {
    type: 'StartOrchestration',
    instance,
    orchestration: 'Flow',
    input: JSON.stringify('x'.repeat(chars)),
  };
}

export function registerPoisonedItemCases(h: ConformanceHarness<ProviderWith<'management'>>): void {
  describe('poisoned queue rows', () => {
    h.test(
      'an orchestrator row over maxItemBytes is quarantined and the next instance is fetched',
      async (t) => {
        const p = await h.provider(t);
        await p.enqueueForOrchestrator(bigStart('big-orch', 3_000));
        await p.enqueueForOrchestrator(startItem('small-orch'));
        const reports: PoisonedItemReport[] = [];
        await fetchFor(p, 'small-orch', {
          ...FETCH,
          maxItemBytes: LIMIT,
          onPoisoned: (r) => reports.push(r),
        });
        assert.equal(reports.length, 1);
        assert.equal(reports[0]?.queue, 'orchestrator');
        assert.equal(reports[0]?.instanceId, 'big-orch');
        assert.equal(reports[0]?.itemType, 'StartOrchestration');
        assert.ok((reports[0]?.sizeBytes ?? 0) > LIMIT);
        assert.match(reports[0]?.reason ?? '', /fetch limit/);
        const page = await p.listPoisonedItems({});
        assert.equal(page.items.length, 1);
        assert.equal(page.items[0]?.poisonId, reports[0]?.poisonId);
        assert.equal(page.items[0]?.attemptCount, 1);
        assert.equal(page.items[0]?.preview.length, 200);
        assert.equal(page.nextCursor, undefined);
        assert.equal(await p.instanceExists('big-orch'), false, 'the row left the queue');
      },
    );

    h.test(
      'a batch row over maxItemBytes is quarantined while the rest of the batch is delivered',
      async (t) => {
        const p = await h.provider(t);
        await startInstance(p, 'mixed-batch');
        await p.enqueueForOrchestrator({
          type: 'ExternalRaised',
          instance: 'mixed-batch',
          name: 'big',
          data: JSON.stringify('y'.repeat(3_000)),
        });
        await p.enqueueForOrchestrator({
          type: 'ExternalRaised',
          instance: 'mixed-batch',
          name: 'small',
          data: '1',
        });
        const locked = await fetchFor(p, 'mixed-batch', { ...FETCH, maxItemBytes: LIMIT });
        assert.deepEqual(
          locked.item.messages.map((m) => (m.type === 'ExternalRaised' ? m.name : m.type)),
          ['small'],
        );
        assert.equal((await p.listPoisonedItems({})).items[0]?.itemType, 'ExternalRaised');
      },
    );

    h.test(
      'a worker row over maxItemBytes is quarantined and the next activity is fetched',
      async (t) => {
        const p = await h.provider(t);
        const big = {
          ...activityExecute('work-big', 1, 2),
          input: JSON.stringify('z'.repeat(3_000)),
        };
        await startInstance(p, 'work-big', {
          workerItems: [big, activityExecute('work-big', 1, 3)],
        });
        const reports: PoisonedItemReport[] = [];
        const locked = await p.fetchWorkItem({
          lockTimeoutMs: LONG_LOCK_MS,
          maxItemBytes: LIMIT,
          onPoisoned: (r) => reports.push(r),
        });
        assert.equal(locked?.item.type === 'ActivityExecute' ? locked.item.id : undefined, 3);
        assert.equal(reports.length, 1);
        assert.equal(reports[0]?.queue, 'worker');
        assert.equal(reports[0]?.itemType, 'ActivityExecute');
        assert.equal(reports[0]?.instanceId, 'work-big');
        assert.equal(
          await p.fetchWorkItem({ lockTimeoutMs: LONG_LOCK_MS, maxItemBytes: LIMIT }),
          null,
        );
      },
    );

    h.test('rows within maxItemBytes, or fetched without it, are never quarantined', async (t) => {
      const p = await h.provider(t);
      await p.enqueueForOrchestrator(bigStart('fits', 3_000));
      await fetchFor(p, 'fits', FETCH);
      assert.deepEqual((await p.listPoisonedItems({})).items, []);
    });

    h.test('poisoned items are listed newest first in pages joined by nextCursor', async (t) => {
      const p = await h.provider(t);
      for (const id of ['pg-1', 'pg-2', 'pg-3']) {
        await p.enqueueForOrchestrator(bigStart(id, 2_000));
      }
      assert.equal(await p.fetchOrchestrationItem({ ...FETCH, maxItemBytes: LIMIT }), null);
      const first = await p.listPoisonedItems({ limit: 2 });
      assert.deepEqual(
        first.items.map((i) => i.instanceId),
        ['pg-3', 'pg-2'],
      );
      assert.ok(first.nextCursor !== undefined);
      const second = await p.listPoisonedItems({ limit: 2, cursor: first.nextCursor });
      assert.deepEqual(
        second.items.map((i) => i.instanceId),
        ['pg-1'],
      );
      assert.equal(second.nextCursor, undefined);
    });

    h.test(
      'prunePoisonedItems deletes the rows poisoned before the time given, only those',
      async (t) => {
        const p = await h.provider(t);
        const clock = h.clock(t);
        await p.enqueueForOrchestrator(bigStart('prune-old', 2_000));
        assert.equal(await p.fetchOrchestrationItem({ ...FETCH, maxItemBytes: LIMIT }), null);
        await clock.advance(50);
        const cut = clock.now();
        await p.enqueueForOrchestrator(bigStart('prune-new', 2_000));
        assert.equal(await p.fetchOrchestrationItem({ ...FETCH, maxItemBytes: LIMIT }), null);
        assert.equal(await p.prunePoisonedItems(cut), 1);
        assert.deepEqual(
          (await p.listPoisonedItems({})).items.map((i) => i.instanceId),
          ['prune-new'],
        );
        assert.equal(await p.prunePoisonedItems(cut), 0, 'nothing older is left');
      },
    );

    h.test('deleting an instance deletes its quarantined rows and no others', async (t) => {
      const p = await h.provider(t);
      await startInstance(p, 'del-poisoned');
      await p.enqueueForOrchestrator({
        type: 'ExternalRaised',
        instance: 'del-poisoned',
        name: 'big',
        data: JSON.stringify('y'.repeat(3_000)),
      });
      await p.enqueueForOrchestrator(bigStart('kept-poisoned', 2_000));
      assert.equal(await p.fetchOrchestrationItem({ ...FETCH, maxItemBytes: LIMIT }), null);
      assert.equal((await p.listPoisonedItems({})).items.length, 2);
      await p.deleteInstances(['del-poisoned'], true);
      assert.deepEqual(
        (await p.listPoisonedItems({})).items.map((i) => i.instanceId),
        ['kept-poisoned'],
      );
    });

    h.test(
      'a poisoned-items limit outside 1-1000 or a foreign cursor is InvalidInputError',
      async (t) => {
        const p = await h.provider(t);
        await rejectsWith(p.listPoisonedItems({ limit: 0 }), InvalidInputError, 'limit');
        await rejectsWith(p.listPoisonedItems({ limit: 1001 }), InvalidInputError, 'limit');
        await rejectsWith(p.listPoisonedItems({ cursor: 'abc' }), InvalidInputError, 'cursor');
      },
    );
  });
}
