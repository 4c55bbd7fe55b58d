import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import { Client } from '../../src/client/client.js';
import {
  InstanceAlreadyExistsError,
  InvalidInputError,
  ProviderError,
} from '../../src/core/errors/duroxide-error.js';
import type { WorkItemOfType } from '../../src/core/history/work-item.js';
import { schemaIdentity } from '../../src/providers/postgres/connection-config.js';
import { migrationSql } from '../../src/providers/postgres/migrations/apply-migrations.js';
import { MIGRATIONS } from '../../src/providers/postgres/migrations/migrations.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import type { ProviderSignal } from '../../src/providers/provider.js';
import {
  fetchFor,
  startInstance,
  startItem,
} from '../../src/providers/validation/conformance-fixtures.js';
import { eventually } from '../helpers/eventually.js';
import { freshSchemas } from '../helpers/fresh-schemas.js';
import { adminQuery, appliedMigrations } from '../helpers/postgres-cluster.js';

const schemas = freshSchemas();

type Closer = { after(fn: () => Promise<unknown>): void };

async function connect(t: Closer, schema: string): Promise<PostgresProvider> {
  const p = await PostgresProvider.connectWithSchema(schemas.url(), schema);
  t.after(() => p.close());
  return p;
}

const start = (id: string) => startItem(id) as WorkItemOfType<'StartOrchestration'>;

/** The transactions that queued the starts of these instances (`xmin`: one per commit). */
async function writers(schema: string, ids: readonly string[]): Promise<number> {
  const rows = await adminQuery<{ n: string }>(
    schemas.url(),
    `SELECT count(DISTINCT xmin::text) AS n FROM "${schema}".orchestrator_queue
     WHERE instance_id = ANY($1::text[]) AND item_type = 'StartOrchestration'`,
    [ids],
  );
  return Number(rows[0]?.n);
}

/** Queued starts per instance id. */
async function queuedStarts(schema: string, ids: readonly string[]): Promise<number[]> {
  const rows = await adminQuery<{ id: string; n: string }>(
    schemas.url(),
    `SELECT x.id, (SELECT count(*) FROM "${schema}".orchestrator_queue q
                   WHERE q.instance_id = x.id AND q.item_type = 'StartOrchestration') AS n
     FROM unnest($1::text[]) WITH ORDINALITY AS x(id, ord) ORDER BY x.ord`,
    [ids],
  );
  return rows.map((r) => Number(r.n));
}

describe('PostgreSQL group commit of starts', () => {
  test('starts issued in the same event-loop turn are queued by one commit, each with its own result', async (t) => {
    const schema = schemas.schema('start_batch');
    const p = await connect(t, schema);
    await startInstance(p, 'sb-old');
    const ids = ['sb-a', 'sb-b', 'sb-old', 'sb-c'];
    const outcomes = await Promise.all(ids.map((id) => p.enqueueStartIfAbsent(start(id))));
    assert.deepEqual(outcomes, [true, true, false, true]);
    assert.equal(await writers(schema, ['sb-a', 'sb-b', 'sb-c']), 1, 'one commit queued all three');
    assert.deepEqual(await queuedStarts(schema, ids), [1, 1, 0, 1]);
    for (const id of ['sb-a', 'sb-b', 'sb-c']) {
      const locked = await fetchFor(p, id);
      assert.deepEqual(locked.item.messages, [start(id)], 'the item is stored as given');
    }
  });

  test('a batch of starts sends one NOTIFY, which wakes the dispatchers of other processes', async (t) => {
    const schema = schemas.schema('start_batch_notify');
    const starter = await connect(t, schema);
    const listener = await connect(t, schema);
    const heard: ProviderSignal[] = [];
    t.after(listener.subscribe((signal) => heard.push(signal)));
    await eventually('the LISTEN connection to open', () => listener.isListening);
    const before = Date.now();
    const outcomes = await Promise.all(
      ['sn-a', 'sn-b', 'sn-c'].map((id) => starter.enqueueStartIfAbsent(start(id))),
    );
    assert.deepEqual(outcomes, [true, true, true]);
    // A marker sent after the batch committed: notifications arrive in commit order.
    await adminQuery(schemas.url(), `SELECT pg_notify($1, '{"o":"marker","w":1}')`, [
      schemaIdentity(schema).channel,
    ]);
    await eventually('the marker to arrive', () => heard.some((s) => s.kind === 'worker'));
    const woken = heard.filter((s) => s.kind === 'orchestrator');
    assert.equal(woken.length, 1, JSON.stringify(heard));
    const [signal] = woken;
    assert.ok(signal?.kind === 'orchestrator' && signal.visibleAt >= before);
    assert.ok(signal.visibleAt <= Date.now(), 'the starts are due at once');
  });

  test('the same instance id twice in one batch: the first start wins and the later ones are refused', async (t) => {
    const schema = schemas.schema('start_batch_dup');
    const p = await connect(t, schema);
    const outcomes = await Promise.all(
      ['sd-a', 'sd-a', 'sd-b', 'sd-a'].map((id) => p.enqueueStartIfAbsent(start(id))),
    );
    assert.deepEqual(outcomes, [true, false, true, false]);
    assert.deepEqual(await queuedStarts(schema, ['sd-a', 'sd-b']), [1, 1]);
    assert.equal(await writers(schema, ['sd-a', 'sd-b']), 1, 'one commit');
  });

  test('batches and a single start of the same ids in other processes, all waiting on one lock: exactly one start of each id wins, the locks taken in key order', async (t) => {
    const schema = schemas.schema('start_batch_race');
    const [first, second, third] = await Promise.all([
      connect(t, schema),
      connect(t, schema),
      connect(t, schema),
    ]);
    const url = schemas.url();
    // The ids by their lock keys' order (the keys hash the schema name, a random one).
    const ordered = await adminQuery<{ id: string; key: string }>(
      url,
      `SELECT x.id, hashtextextended($1 || ':start:' || x.id, 0)::text AS key
       FROM unnest($2::text[]) AS x(id) ORDER BY hashtextextended($1 || ':start:' || x.id, 0)`,
      [schema, ['sr-a', 'sr-b', 'sr-c']],
    );
    const [low, mid, high] = ordered.map((r) => r.id) as [string, string, string];
    const keyOf = new Map(ordered.map((r) => [r.key, r.id]));
    // Another session holds the lock of the highest key: every start below queues behind it
    // (or behind a batch holding a lower key), so each decides after a previous holder committed.
    const holder = new pg.Client({ connectionString: url });
    holder.on('error', () => undefined);
    await holder.connect();
    t.after(() => holder.end());
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `${schema}:start:${high}`,
    ]);

    // In the order given, the two batches would each hold a lock the other wants next.
    const firstIds = [low, high, mid];
    const secondIds = [mid, high, low];
    const racing = Promise.all([
      Promise.all(firstIds.map((id) => first.enqueueStartIfAbsent(start(id)))),
      Promise.all(secondIds.map((id) => second.enqueueStartIfAbsent(start(id)))),
      third.enqueueStartIfAbsent(start(high)),
    ]);
    let waiting: string[] | undefined;
    try {
      waiting = await eventually('all three callers to wait for a start lock', async () => {
        const rows = await adminQuery<{ key: string }>(
          url,
          `SELECT ((l.classid::bigint << 32) | l.objid::bigint)::text AS key FROM pg_locks l
         WHERE l.locktype = 'advisory' AND NOT l.granted
           AND ((l.classid::bigint << 32) | l.objid::bigint) = ANY($1::bigint[])`,
          [[...keyOf.keys()]],
        );
        return rows.length === 3 ? rows.map((r) => keyOf.get(r.key) ?? r.key).sort() : undefined;
      });
    } finally {
      await holder.query('COMMIT');
    }
    const [one, two, alone] = await racing;
    assert.deepEqual(
      waiting,
      [high, high, low].sort(),
      'one batch holds the two lower keys and waits for the highest; the other waits for the lowest',
    );
    for (const id of [low, mid, high]) {
      const wins = [one[firstIds.indexOf(id)], two[secondIds.indexOf(id)]];
      if (id === high) wins.push(alone);
      assert.equal(wins.filter(Boolean).length, 1, `${id}: ${JSON.stringify(wins)}`);
    }
    assert.deepEqual(await queuedStarts(schema, [low, mid, high]), [1, 1, 1]);
    assert.equal(await writers(schema, [low, mid]), 1, 'one batch queued both');
  });

  test('a start the server refuses fails alone: the other starts of its batch are queued one by one', async (t) => {
    const schema = schemas.schema('start_batch_fail');
    const p = await connect(t, schema);
    assert.deepEqual(
      await Promise.all(['sf-a', 'sf-b'].map((id) => p.enqueueStartIfAbsent(start(id)))),
      [true, true],
    );
    assert.equal(await writers(schema, ['sf-a', 'sf-b']), 1, 'a batch without it is one commit');

    // PostgreSQL text cannot hold a NUL character: the batch statement fails as a whole.
    const [before, refused, after] = await Promise.allSettled(
      ['sf-c', 'sf-\u0000', 'sf-d'].map((id) => p.enqueueStartIfAbsent(start(id))),
    );
    assert.deepEqual(before, { status: 'fulfilled', value: true });
    assert.deepEqual(after, { status: 'fulfilled', value: true });
    assert.ok(refused?.status === 'rejected' && refused.reason instanceof ProviderError);
    assert.equal(refused.reason.retryable, false);
    assert.deepEqual(await queuedStarts(schema, ['sf-c', 'sf-d']), [1, 1]);
    assert.equal(await writers(schema, ['sf-c', 'sf-d']), 2, 'each ran again alone');
  });
  test('client starts of one turn are reported per start: a bad id, an oversized input and an existing id fail alone, the others are queued by one commit', async (t) => {
    const schema = schemas.schema('start_batch_client');
    const client = new Client(await connect(t, schema), { maxPayloadBytes: 1_000 });
    const results = await Promise.allSettled([
      client.startOrchestration('sc-a', 'Flow', 1),
      client.startOrchestration('sc-\u0007', 'Flow', 1),
      client.startOrchestration('sc-big', 'Flow', 'x'.repeat(2_000)),
      client.startOrchestration('sc-b', 'Flow', 2),
      client.startOrchestration('sc-a', 'Flow', 3, { ifExists: 'error' }),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'rejected', 'fulfilled', 'rejected'],
    );
    const reason = (i: number): unknown => (results[i] as PromiseRejectedResult).reason;
    assert.ok(
      reason(1) instanceof InvalidInputError && /control characters/.test(String(reason(1))),
    );
    assert.ok(
      reason(2) instanceof InvalidInputError && /the limit is 1000/.test(String(reason(2))),
    );
    assert.ok(reason(4) instanceof InstanceAlreadyExistsError, String(reason(4)));
    assert.deepEqual(await queuedStarts(schema, ['sc-a', 'sc-b', 'sc-big']), [1, 1, 0]);
    assert.equal(await writers(schema, ['sc-a', 'sc-b']), 1, 'one commit');
  });
});

describe('PostgreSQL start batch schema (migration 7)', () => {
  /** Argument counts of the overloads of `name` in `schema`. */
  async function overloads(schema: string, name: string): Promise<number[]> {
    const rows = await adminQuery<{ args: number }>(
      schemas.url(),
      `SELECT p.pronargs::int AS args FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = $1 AND p.proname = $2 ORDER BY 1`,
      [schema, name],
    );
    return rows.map((r) => r.args);
  }

  test('a fresh schema gets the batch start function beside the single one', async (t) => {
    const schema = schemas.schema('start_batch_fresh');
    await connect(t, schema);
    assert.deepEqual(await overloads(schema, 'enqueue_starts_if_absent'), [6]);
    assert.deepEqual(await overloads(schema, 'enqueue_start_if_absent'), [6]);
  });

  test('a schema at version 6 is upgraded: its instances and queued starts are seen by batched starts', async (t) => {
    const schema = schemas.schema('start_batch_v6');
    const url = schemas.url();
    await adminQuery(url, `CREATE SCHEMA "${schema}"`);
    await adminQuery(
      url,
      `CREATE TABLE "${schema}".duroxide_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`,
    );
    for (const migration of MIGRATIONS.filter((m) => m.version <= 6)) {
      await adminQuery(url, migrationSql(migration, schemaIdentity(schema)));
      await adminQuery(url, `INSERT INTO "${schema}".duroxide_schema VALUES ($1, $2, 0)`, [
        migration.version,
        migration.name,
      ]);
    }
    // A start queued by a node of the previous build, through the 0002 function.
    await adminQuery(
      url,
      `SELECT "${schema}".enqueue_start_if_absent('sv-queued', $1, $2, $3, 'unused_channel', '{"o":"old"}')`,
      [JSON.stringify(start('sv-queued')), Date.now(), `${schema}:start:sv-queued`],
    );
    assert.deepEqual(await overloads(schema, 'enqueue_starts_if_absent'), []);

    const p = await connect(t, schema);
    assert.deepEqual(
      await appliedMigrations(url, schema),
      MIGRATIONS.map((m) => m.version),
    );
    const outcomes = await Promise.all(
      ['sv-queued', 'sv-a', 'sv-b'].map((id) => p.enqueueStartIfAbsent(start(id))),
    );
    assert.deepEqual(outcomes, [false, true, true]);
    assert.equal(await writers(schema, ['sv-a', 'sv-b']), 1);
  });
});
