/**
 * The batched fetch on PostgreSQL (ADR 0018): fetches issued in the same event-loop turn take
 * their instances with one statement, each caller a distinct instance.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type {
  FetchOrchestrationOptions,
  LockedOrchestrationItem,
} from '../../src/providers/provider.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import {
  FETCH,
  ack,
  externalRaised,
  startInstance,
  startItem,
} from '../../src/providers/validation/conformance-fixtures.js';
import { adminQuery } from '../helpers/postgres-cluster.js';
import { freshSchemas } from '../helpers/fresh-schemas.js';

const schemas = freshSchemas();

async function provider(t: { after(fn: () => Promise<unknown>): void }): Promise<PostgresProvider> {
  const p = await PostgresProvider.connectWithSchema(schemas.url(), schemas.schema('fetch_batch'));
  t.after(() => p.close());
  return p;
}

/** Started instances, each with one event waiting for its next turn. */
async function waiting(p: PostgresProvider, ids: readonly string[]): Promise<void> {
  for (const id of ids) await startInstance(p, id);
  for (const id of ids) await p.enqueueForOrchestrator(externalRaised(id));
}

/** `n` fetches issued in the same event-loop turn. */
function fetchAll(
  p: PostgresProvider,
  n: number,
  options: FetchOrchestrationOptions = FETCH,
): Promise<(LockedOrchestrationItem | null)[]> {
  return Promise.all(Array.from({ length: n }, () => p.fetchOrchestrationItem(options)));
}

/** The transactions that wrote the instance locks of these instances (`xmin`: one per commit). */
async function lockWriters(p: PostgresProvider, ids: readonly string[]): Promise<number> {
  const rows = await adminQuery<{ n: string }>(
    schemas.url(),
    `SELECT count(DISTINCT xmin::text) AS n FROM "${p.schema}".instance_locks
     WHERE instance_id = ANY($1::text[])`,
    [ids],
  );
  return Number(rows[0]?.n);
}

function fetchedIds(items: readonly (LockedOrchestrationItem | null)[]): string[] {
  return items.flatMap((x) => (x === null ? [] : [x.item.instanceId])).sort();
}

describe('PostgreSQL batched fetch', () => {
  test('fetches issued in the same event-loop turn lock distinct instances with one statement, each with its own batch and history', async (t) => {
    const p = await provider(t);
    const ids = ['fb-a', 'fb-b', 'fb-c'];
    await waiting(p, ids);
    const items = await fetchAll(p, 3);
    assert.deepEqual(fetchedIds(items), ids);
    assert.equal(await lockWriters(p, ids), 1, 'one statement locked all three');
    const tokens = new Set(items.map((x) => x?.lockToken));
    assert.equal(tokens.size, 3, 'each caller holds its own lock token');
    for (const x of items) {
      assert.ok(x !== null);
      assert.equal(x.attemptCount, 1);
      assert.deepEqual(
        x.item.messages.map((m) => m.type),
        ['ExternalRaised'],
      );
      assert.equal(x.item.history.length, 1, 'history read for the fetched instance');
    }
    // Each lock is its caller's: every batch acks with its own token.
    for (const x of items) await p.ackOrchestrationItem(x!.lockToken, ack(1));
    assert.equal(await p.fetchOrchestrationItem(FETCH), null);
  });

  test('new instances fetched in one turn each get their start item, with one statement', async (t) => {
    const p = await provider(t);
    const ids = ['fb-new-a', 'fb-new-b'];
    for (const id of ids) await p.enqueueForOrchestrator(startItem(id));
    const items = await fetchAll(p, 2);
    assert.deepEqual(fetchedIds(items), ids);
    assert.equal(await lockWriters(p, ids), 1);
    for (const x of items) assert.equal(x?.item.messages[0]?.type, 'StartOrchestration');
  });

  test('with fewer free instances than callers, the others get nothing, and one statement still serves them all', async (t) => {
    const p = await provider(t);
    const ids = ['fb-d', 'fb-e'];
    await waiting(p, ids);
    const items = await fetchAll(p, 4);
    assert.deepEqual(fetchedIds(items), ids);
    assert.equal(items.filter((x) => x === null).length, 2);
    assert.equal(await lockWriters(p, ids), 1);
  });

  test("a batch honours its callers' exclusion list; callers with different lists are never given an excluded instance", async (t) => {
    const p = await provider(t);
    const ids = ['fb-f', 'fb-g', 'fb-h', 'fb-i'];
    await waiting(p, ids);
    const excluding = { ...FETCH, excludeInstances: ['fb-f'] };
    const [a, b, c] = await Promise.all([
      p.fetchOrchestrationItem(excluding),
      p.fetchOrchestrationItem(excluding),
      p.fetchOrchestrationItem({ ...FETCH, excludeInstances: ['fb-g', 'fb-h', 'fb-i'] }),
    ]);
    assert.ok(a !== null && b !== null && c !== null);
    assert.notEqual(a.item.instanceId, 'fb-f');
    assert.notEqual(b.item.instanceId, 'fb-f');
    assert.equal(c.item.instanceId, 'fb-f');
    assert.equal(new Set([a, b, c].map((x) => x.item.instanceId)).size, 3);
    const same = [a.item.instanceId, b.item.instanceId];
    assert.equal(await lockWriters(p, same), 1, 'the two callers with one list shared a statement');
  });

  test('a caller left without an instance because the scan stopped at its row limit still gets one (from the function)', async (t) => {
    const p = await provider(t);
    // Nine waiting rows of one instance fill the scan of two callers (4 rows each).
    await startInstance(p, 'fb-other');
    await waiting(p, ['fb-many']);
    for (let i = 0; i < 8; i++) await p.enqueueForOrchestrator(externalRaised('fb-many'));
    await p.enqueueForOrchestrator(externalRaised('fb-other'));
    const items = await fetchAll(p, 2);
    assert.deepEqual(fetchedIds(items), ['fb-many', 'fb-other']);
    const many = items.find((x) => x?.item.instanceId === 'fb-many');
    assert.equal(many?.item.messages.length, 9);
  });
});
