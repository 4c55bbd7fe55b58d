/**
 * The hot-path fetch against a fetch that committed after its snapshot was taken: the row that
 * fetch marked must not make it a candidate, or this fetch (holding the row) goes for the
 * instance lock while the turn's ack (holding the instance lock) waits to delete the row — a
 * deadlock until PostgreSQL's `deadlock_timeout` (1 s): the timer bench's one-second tail
 * (docs/performance.md, "Timers on time").
 *
 * The interleaving is made deterministic with a row-level security policy that only a
 * dedicated role is subject to: its predicate waits on an advisory lock the test holds, so the
 * role's fetch statement stops in its scan, after its snapshot was taken.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import pg from 'pg';
import { schemaIdentity } from '../../src/providers/postgres/connection-config.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import {
  firstCandidateSql,
  type FirstCandidateRow,
} from '../../src/providers/postgres/statements/fetch-first-candidate.js';
import {
  type CandidateRow,
  firstCandidatesSql,
} from '../../src/providers/postgres/statements/fetch-candidates.js';
import {
  LONG_LOCK_MS,
  ack,
  externalRaised,
  fetchFor,
  startInstance,
} from '../../src/providers/validation/conformance-fixtures.js';
import { freshSchemas } from '../helpers/fresh-schemas.js';
import { adminQuery } from '../helpers/postgres-cluster.js';

// Registered first, so its hook drops the schemas (and their policies) before the roles go.
const fresh = freshSchemas();
const roles: string[] = [];

after(async () => {
  for (const role of roles) await adminQuery(fresh.url(), `DROP ROLE IF EXISTS ${role}`);
});

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: fresh.url() });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Waits until `pid` waits on an advisory lock (the gate), by asking the server. */
async function gated(pid: number): Promise<void> {
  for (;;) {
    const rows = await adminQuery<{ n: string }>(
      fresh.url(),
      `SELECT count(*) AS n FROM pg_stat_activity
       WHERE pid = $1 AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
      [pid],
    );
    if (rows[0]?.n === '1') return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The slow fetch: runs its statement on `client` and says whether it found nothing. */
type SlowFetch = (client: pg.Client, schema: string, now: number) => Promise<boolean>;

const single: SlowFetch = async (client, schema, now) => {
  const sql = firstCandidateSql({ schema: schemaIdentity(schema), origin: 'test' });
  const { rows } = await client.query<FirstCandidateRow>(sql, [
    now,
    now + LONG_LOCK_MS,
    randomUUID(),
    [],
    `${schema}:`,
    null,
    null,
  ]);
  return rows[0]?.outcome === 'none';
};

/** The batched statement for two callers (ADR 0018): no candidate row at all means nothing. */
const batched: SlowFetch = async (client, schema, now) => {
  const sql = firstCandidatesSql({ schema: schemaIdentity(schema), origin: 'test' });
  const { rows } = await client.query<CandidateRow>(sql, [
    now,
    now + LONG_LOCK_MS,
    [randomUUID(), randomUUID()],
    [],
    `${schema}:`,
    null,
    null,
    2,
    8,
  ]);
  return rows.length === 0;
};

for (const [what, slowFetch] of [
  ['a fetch', single],
  ['a batched fetch', batched],
] as const) {
  test(`${what} whose snapshot predates another fetch does not go for the instance that fetch locked`, async (t) => {
    await snapshotRace(t, slowFetch);
  });
}

async function snapshotRace(
  t: { after(fn: () => Promise<unknown>): void },
  slowFetch: SlowFetch,
): Promise<void> {
  const schema = fresh.schema('fetch_deadlock');
  const provider = await PostgresProvider.connectWithSchema(fresh.url(), schema);
  t.after(() => provider.close());
  const id = `deadlock-${randomUUID()}`;
  await startInstance(provider, id);
  await provider.enqueueForOrchestrator(externalRaised(id));

  // The gate: the role's reads of the queue wait while the test holds the advisory lock.
  const role = `t_gate_${randomBytes(4).toString('hex')}`;
  roles.push(role);
  const key = randomBytes(4).readInt32BE();
  const q = `"${schema}"`;
  await adminQuery(fresh.url(), `CREATE ROLE ${role}`);
  await adminQuery(
    fresh.url(),
    `GRANT USAGE ON SCHEMA ${q} TO ${role};
     GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${q} TO ${role};
     CREATE FUNCTION ${q}.test_gate() RETURNS boolean LANGUAGE plpgsql AS $fn$
     BEGIN PERFORM pg_advisory_lock(${key}); PERFORM pg_advisory_unlock(${key}); RETURN TRUE; END
     $fn$;
     ALTER TABLE ${q}.orchestrator_queue ENABLE ROW LEVEL SECURITY;
     CREATE POLICY gate ON ${q}.orchestrator_queue TO ${role} USING (${q}.test_gate()) WITH CHECK (TRUE)`,
  );
  const holder = await connect();
  const fetcher = await connect();
  t.after(async () => {
    await holder.end();
    await fetcher.end();
  });
  await holder.query('SELECT pg_advisory_lock($1)', [key]);
  await fetcher.query(`SET ROLE ${role}`);
  await fetcher.query('BEGIN');
  const { rows } = await fetcher.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const slow = slowFetch(fetcher, schema, Date.now());
  await gated(rows[0]!.pid);

  // Meanwhile another fetch takes the instance and marks its row, and commits.
  const locked = await fetchFor(provider, id);
  await holder.query('SELECT pg_advisory_unlock($1)', [key]);
  const foundNothing = await slow;

  // Its transaction is still open: it must not have gone for the instance's lock (which the
  // turn's ack locks first, then deletes the row the slow fetch may hold: the deadlock).
  const lockFree = await adminQuery(
    fresh.url(),
    `SELECT 1 FROM ${q}.instance_locks WHERE instance_id = $1 FOR UPDATE NOWAIT`,
    [id],
  ).then(
    (r) => r.length,
    (error: unknown) => error as Error,
  );
  assert.equal(lockFree, 1, `the slow fetch locked the instance lock row: ${String(lockFree)}`);
  assert.equal(foundNothing, true);
  await fetcher.query('COMMIT');
  await provider.ackOrchestrationItem(locked.lockToken, ack(1));
  assert.equal(
    (
      await adminQuery(
        fresh.url(),
        `SELECT 1 FROM ${q}.orchestrator_queue WHERE instance_id = $1`,
        [id],
      )
    ).length,
    0,
  );
}
