import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ProviderError } from '../../src/core/errors/duroxide-error.js';
import type { OrchestrationAck } from '../../src/providers/provider.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import {
  LONG_LOCK_MS,
  ack,
  activityExecute,
  externalRaised,
  fetchFor,
  scheduledEvent,
  startInstance,
} from '../../src/providers/validation/conformance-fixtures.js';
import { adminQuery } from '../helpers/postgres-cluster.js';
import { freshSchemas } from '../helpers/fresh-schemas.js';

const schemas = freshSchemas();

async function provider(t: { after(fn: () => Promise<unknown>): void }): Promise<PostgresProvider> {
  const schema = schemas.schema('group_commit');
  const url = schemas.url();
  const p = await PostgresProvider.connectWithSchema(url, schema);
  t.after(() => p.close());
  return p;
}

/** Started instances, each locked by a fetched batch: the lock tokens, in order. */
async function lockedInstances(p: PostgresProvider, ids: readonly string[]): Promise<string[]> {
  const tokens: string[] = [];
  for (const id of ids) {
    await startInstance(p, id);
    await p.enqueueForOrchestrator(externalRaised(id));
    tokens.push((await fetchFor(p, id)).lockToken);
  }
  return tokens;
}

/** A held step: one new event, one activity claimed by the caller, the lock kept. */
function step(id: string, eventId = 2): OrchestrationAck {
  return ack(1, {
    historyDelta: [scheduledEvent(id, 1, eventId)],
    workerItems: [activityExecute(id, 1, eventId)],
  });
}
const HELD = {
  claimWorkItems: { indexes: [0], lockTimeoutMs: LONG_LOCK_MS },
  keepLock: { lockTimeoutMs: LONG_LOCK_MS },
};

/** The transactions that wrote event `eventId` of these instances (`xmin`: one per commit). */
async function writers(p: PostgresProvider, ids: readonly string[], eventId = 2): Promise<number> {
  const rows = await adminQuery<{ n: string }>(
    schemas.url(),
    `SELECT count(DISTINCT xmin::text) AS n FROM "${p.schema}".history
     WHERE instance_id = ANY($1::text[]) AND event_id = $2`,
    [ids, eventId],
  );
  return Number(rows[0]?.n);
}

async function eventCount(p: PostgresProvider, id: string): Promise<number> {
  return (await p.readHistory(id)).length;
}

describe('PostgreSQL group commit of held steps', () => {
  test('held steps of several instances acked in the same event-loop turn commit in one transaction, each with its own result', async (t) => {
    const p = await provider(t);
    const ids = ['gc-a', 'gc-b', 'gc-c'];
    const tokens = await lockedInstances(p, ids);
    const results = await Promise.all(
      ids.map((id, i) => p.ackOrchestrationItem(tokens[i]!, step(id), HELD)),
    );
    assert.equal(await writers(p, ids), 1, 'one commit wrote all three');
    for (const [i, r] of results.entries()) {
      assert.equal(r.lockKept, true);
      assert.equal(r.claimedWorkItems.length, 1);
      assert.equal(r.claimedWorkItems[0]?.item.type, 'ActivityExecute');
      assert.equal(await eventCount(p, ids[i]!), 2);
    }
    // The kept locks are still the callers': the next held step of each commits too.
    await Promise.all(ids.map((id, i) => p.ackOrchestrationItem(tokens[i]!, step(id, 3), HELD)));
    for (const id of ids) assert.equal(await eventCount(p, id), 3);
  });

  test('an unknown lock token in a batch fails only its own ack', async (t) => {
    const p = await provider(t);
    const ids = ['gc-d', 'gc-e'];
    const tokens = await lockedInstances(p, ids);
    const [first, lost, second] = await Promise.allSettled([
      p.ackOrchestrationItem(tokens[0]!, step('gc-d'), HELD),
      p.ackOrchestrationItem('no-such-token', step('gc-x'), HELD),
      p.ackOrchestrationItem(tokens[1]!, step('gc-e'), HELD),
    ]);
    assert.equal(first.status, 'fulfilled');
    assert.equal(second.status, 'fulfilled');
    assert.ok(lost.status === 'rejected' && lost.reason instanceof ProviderError);
    assert.equal(await writers(p, ids), 1);
  });

  test('a lost completed work item lock in a batch fails only its own ack, writing nothing for it', async (t) => {
    const p = await provider(t);
    const ids = ['gc-f', 'gc-g'];
    const tokens = await lockedInstances(p, ids);
    const [lost, kept] = await Promise.allSettled([
      p.ackOrchestrationItem(
        tokens[0]!,
        { ...step('gc-f'), completedWorkItems: ['expired-work-token'] },
        HELD,
      ),
      p.ackOrchestrationItem(tokens[1]!, step('gc-g'), HELD),
    ]);
    assert.ok(lost.status === 'rejected' && lost.reason instanceof ProviderError);
    assert.match((lost.reason as Error).message, /expired-work-token/);
    assert.equal(kept.status, 'fulfilled');
    assert.equal(await eventCount(p, 'gc-f'), 1, 'nothing written for the failed ack');
    assert.equal(await eventCount(p, 'gc-g'), 2);
  });

  test('a duplicate history event in a batch fails only its own ack: the others are committed again alone', async (t) => {
    const p = await provider(t);
    const ids = ['gc-h', 'gc-i'];
    const tokens = await lockedInstances(p, ids);
    const [duplicate, other] = await Promise.allSettled([
      // Event 1 exists already (OrchestrationStarted): the batch statement rolls back.
      p.ackOrchestrationItem(tokens[0]!, step('gc-h', 1), HELD),
      p.ackOrchestrationItem(tokens[1]!, step('gc-i'), HELD),
    ]);
    assert.ok(duplicate.status === 'rejected' && duplicate.reason instanceof ProviderError);
    assert.match((duplicate.reason as Error).message, /already has event 1/);
    assert.equal(other.status, 'fulfilled');
    assert.equal(await eventCount(p, 'gc-h'), 1);
    assert.equal(await eventCount(p, 'gc-i'), 2);
  });
});
