import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SqliteProvider } from '../../src/providers/sqlite/sqlite-provider.js';
import {
  ack,
  activityExecute,
  FETCH,
  fetchFor,
  rejectsPermanently,
  startedEvent,
  startItem,
  startMetadata,
} from '../../src/providers/validation/conformance-fixtures.js';

/**
 * The SQLite group commit runs the writes of one event-loop turn in one transaction without a
 * savepoint per operation, and falls back to one savepoint each when an operation fails.
 */

/** A first-turn ack that fails midway: its second event repeats the first one's id. */
function brokenFirstTurn(instanceId: string) {
  return ack(1, {
    historyDelta: [startedEvent(instanceId), startedEvent(instanceId)],
    workerItems: [activityExecute(instanceId, 1, 2)],
    metadata: startMetadata(),
  });
}

test('a write failing midway in a group commit rolls back only itself; the others of the same turn commit', async () => {
  const p = await SqliteProvider.inMemory();
  try {
    await p.enqueueForOrchestrator(startItem('gc-broken'));
    const locked = await fetchFor(p, 'gc-broken');
    // Issued in one turn: one batch, the failing ack between two good writes.
    const [before, broken, after] = await Promise.allSettled([
      p.enqueueForOrchestrator(startItem('gc-before')),
      p.ackOrchestrationItem(locked.lockToken, brokenFirstTurn('gc-broken')),
      p.enqueueForOrchestrator(startItem('gc-after')),
    ]);
    assert.equal(before.status, 'fulfilled');
    assert.equal(after.status, 'fulfilled');
    await rejectsPermanently(
      broken.status === 'rejected' ? Promise.reject(broken.reason as Error) : Promise.resolve(),
      'already has event 1',
    );
    // Nothing of the broken ack stayed: no instance, no history, no activity queued.
    assert.equal(await p.getInstance('gc-broken'), null);
    assert.deepEqual(await p.readHistory('gc-broken'), []);
    assert.equal(await p.fetchWorkItem({ lockTimeoutMs: 30_000 }), null);
    // The other two starts committed, and the broken instance still holds its lock and batch.
    const fetched = new Set<string>();
    for (let i = 0; i < 2; i++)
      fetched.add((await p.fetchOrchestrationItem(FETCH))!.item.instanceId);
    assert.deepEqual([...fetched].sort(), ['gc-after', 'gc-before']);
    assert.equal(await p.fetchOrchestrationItem(FETCH), null);
    await p.ackOrchestrationItem(
      locked.lockToken,
      ack(1, { historyDelta: [startedEvent('gc-broken')], metadata: startMetadata() }),
    );
    assert.equal((await p.getInstance('gc-broken'))?.status, 'Running');
  } finally {
    await p.close();
  }
});

test('a write failing midway alone in its group commit leaves nothing behind', async () => {
  const p = await SqliteProvider.inMemory();
  try {
    await p.enqueueForOrchestrator(startItem('gc-alone'));
    const locked = await fetchFor(p, 'gc-alone');
    await rejectsPermanently(
      p.ackOrchestrationItem(locked.lockToken, brokenFirstTurn('gc-alone')),
      'already has event 1',
    );
    assert.equal(await p.getInstance('gc-alone'), null);
    assert.deepEqual(await p.readHistory('gc-alone'), []);
    assert.equal(await p.fetchWorkItem({ lockTimeoutMs: 30_000 }), null);
    await p.ackOrchestrationItem(
      locked.lockToken,
      ack(1, { historyDelta: [startedEvent('gc-alone')], metadata: startMetadata() }),
    );
    assert.deepEqual(
      (await p.readHistory('gc-alone')).map((e) => e.type),
      ['OrchestrationStarted'],
    );
  } finally {
    await p.close();
  }
});
