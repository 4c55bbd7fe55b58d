import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  InvalidInputError,
  ProviderError,
  SchemaTooNewError,
} from '../../src/core/errors/duroxide-error.js';
import type { ProviderSignal } from '../../src/providers/provider.js';
import { schemaIdentity } from '../../src/providers/postgres/connection-config.js';
import { migrationSql } from '../../src/providers/postgres/migrations/apply-migrations.js';
import {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
} from '../../src/providers/postgres/migrations/migrations.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import { toProviderError } from '../../src/providers/postgres/to-provider-error.js';
import {
  FETCH,
  LONG_LOCK_MS,
  ack,
  activityCompleted,
  externalRaised,
  fetchFor,
  historyEvent,
  startInstance,
  startItem,
  startMetadata,
  startedEvent,
  activityExecute,
} from '../../src/providers/validation/conformance-fixtures.js';
import { runProviderConformance } from '../../src/providers/validation/run-provider-conformance.js';
import {
  SchemaPool,
  adminQuery,
  appliedMigrations,
  dropSchema,
  postgresServer,
  uniqueSchemaName,
} from '../helpers/postgres-cluster.js';
import { eventually } from '../helpers/eventually.js';

let url = '';
let schemas: SchemaPool;
const created: string[] = [];

before(async () => {
  url = (await postgresServer()).url;
  schemas = new SchemaPool(url, 'conformance');
});
after(async () => {
  await schemas.close();
  for (const schema of created) await dropSchema(url, schema);
});

// Each case gets an empty, migrated schema of its own; schemas are wiped and reused between
// cases so the suite pays for migrations once.
runProviderConformance({
  name: 'postgres',
  create: ({ now }) => PostgresProvider.connectWithSchema(url, schemas.take(), { now }),
  honoursClock: true,
  destroy: async (p) => {
    await p.close();
    await schemas.give((p as PostgresProvider).schema);
  },
});

/** A fresh schema name, dropped when the file is done. */
function freshSchema(prefix: string): string {
  const schema = uniqueSchemaName(prefix);
  created.push(schema);
  return schema;
}

/** Records the signals a provider's subscribers receive. */
async function record(p: PostgresProvider): Promise<ProviderSignal[]> {
  const signals: ProviderSignal[] = [];
  p.subscribe((s) => signals.push(s));
  // The LISTEN connection opens with the first subscriber; once it is up, it has woken the
  // subscribers once (notifications may have been missed before): start from a clean slate.
  await eventually('the LISTEN connection', () => p.isListening);
  signals.length = 0;
  return signals;
}

describe('PostgresProvider', () => {
  describe('connecting', () => {
    test('connect uses the public schema of the database named in the url', async () => {
      // A database of its own, so the test never writes into a shared server's public schema.
      const database = uniqueSchemaName('db');
      await adminQuery(url, `CREATE DATABASE ${database}`);
      const dbUrl = new URL(url);
      dbUrl.pathname = `/${database}`;
      try {
        const provider = await PostgresProvider.connect(dbUrl.href);
        assert.equal(provider.schema, 'public');
        assert.equal(provider.name, 'postgres');
        await provider.close();
        const rows = await adminQuery(
          dbUrl.href,
          "SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'duroxide_schema'",
        );
        assert.equal(rows.length, 1);
      } finally {
        await adminQuery(url, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      }
    });

    test('connectWithSchema creates the schema when it is missing', async (t) => {
      const schema = freshSchema('create');
      const provider = await PostgresProvider.connectWithSchema(url, schema);
      t.after(() => provider.close());
      const rows = await adminQuery<{ tablename: string }>(
        url,
        'SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY 1',
        [schema],
      );
      assert.deepEqual(
        rows.map((r) => r.tablename),
        [
          'api_keys',
          'audit_log',
          'bulk_jobs',
          'duroxide_schema',
          'executions',
          'history',
          'instance_locks',
          'instances',
          'kv_delta',
          'kv_store',
          'nodes',
          'orchestrator_queue',
          'poisoned_items',
          'sessions',
          'version_policies',
          'worker_queue',
        ],
      );
    });

    for (const bad of [
      '',
      'mysql://localhost/db',
      'localhost:5432',
      'postgres://',
      'sqlite::memory:',
    ]) {
      test(`connect rejects the malformed url '${bad}' naming it`, async () => {
        await assert.rejects(PostgresProvider.connect(bad), (error: unknown) => {
          assert.ok(error instanceof InvalidInputError, String(error));
          assert.ok(error.message.includes(`'${bad}'`), error.message);
          assert.match(error.message, /postgres:\/\/user:password@host:5432\/database/);
          return true;
        });
      });
    }

    test('a rejected url never shows its password', async () => {
      await assert.rejects(
        PostgresProvider.connect('mysql://app:s3cret@db/app'),
        (error: unknown) => {
          assert.ok(error instanceof InvalidInputError);
          assert.ok(!error.message.includes('s3cret'), error.message);
          assert.ok(error.message.includes('app:***@db'), error.message);
          return true;
        },
      );
    });

    for (const bad of [
      '',
      'Tenant',
      'my-schema',
      '1abc',
      'pg_catalog',
      'information_schema',
      'a"; DROP TABLE x; --',
      'x'.repeat(64),
    ]) {
      test(`connectWithSchema rejects the schema name ${JSON.stringify(bad.slice(0, 20))} with a clear error`, async () => {
        await assert.rejects(PostgresProvider.connectWithSchema(url, bad), (error: unknown) => {
          assert.ok(error instanceof InvalidInputError, String(error));
          assert.match(error.message, /invalid PostgreSQL schema name/);
          assert.match(error.message, /lower-case letters, digits and '_'/);
          return true;
        });
      });
    }

    for (const poolSize of [0, -1, 1.5]) {
      test(`connect rejects poolSize ${poolSize}`, async () => {
        await assert.rejects(PostgresProvider.connect(url, { poolSize }), InvalidInputError);
      });
    }

    for (const preparedStatements of ['yes', 1, null]) {
      test(`connect rejects preparedStatements ${JSON.stringify(preparedStatements)}`, async () => {
        await assert.rejects(
          PostgresProvider.connect(url, { preparedStatements } as unknown as {
            preparedStatements: boolean;
          }),
          (error: unknown) =>
            error instanceof InvalidInputError &&
            /preparedStatements must be a boolean/.test(error.message),
        );
      });
    }

    test('connect rejects a now option that is not a function, naming it', async () => {
      await assert.rejects(
        PostgresProvider.connect(url, { now: 5 } as unknown as { now: () => number }),
        (error: unknown) =>
          error instanceof InvalidInputError && /option now must be a function/.test(error.message),
      );
    });

    test('turns and activities run on one pooled connection with prepared statements on and off', async (t) => {
      for (const preparedStatements of [true, false]) {
        const schema = freshSchema(`prep_${String(preparedStatements)}`);
        const provider = await PostgresProvider.connectWithSchema(url, schema, {
          poolSize: 1,
          preparedStatements,
        });
        t.after(() => provider.close());
        // The same statements run twice on the one pooled connection (reusing what it prepared).
        for (const id of ['prep-1', 'prep-2']) {
          await startInstance(provider, id, { workerItems: [activityExecute(id, 1, 2)] });
          const work = await provider.fetchWorkItem({ lockTimeoutMs: LONG_LOCK_MS });
          assert.ok(work);
          await provider.ackWorkItem(work.lockToken, {
            type: 'ActivityCompleted',
            instance: id,
            executionId: 1,
            id: 2,
            result: '1',
          });
          const next = await fetchFor(provider, id);
          await provider.ackOrchestrationItem(
            next.lockToken,
            ack(1, { metadata: { status: 'Completed', output: '1' } }),
          );
          assert.equal((await provider.getInstance(id))?.status, 'Completed');
        }
      }
    });

    test('an unreachable server fails with a retryable ProviderError', async () => {
      // Port 1 on loopback: nothing listens there, the connection is refused at once.
      await assert.rejects(
        PostgresProvider.connect('postgres://postgres@127.0.0.1:1/postgres'),
        (error: unknown) => {
          assert.ok(error instanceof ProviderError, String(error));
          assert.equal(error.operation, 'connect');
          assert.equal(error.retryable, true);
          return true;
        },
      );
    });

    test('the pool never opens more connections than poolSize, plus one for LISTEN while subscribed', async (t) => {
      const schema = freshSchema('pool');
      const provider = await PostgresProvider.connectWithSchema(url, schema, { poolSize: 2 });
      t.after(() => provider.close());
      t.after(provider.subscribe(() => undefined));
      await eventually('the LISTEN connection', () => provider.isListening);
      await Promise.all(Array.from({ length: 30 }, (_, i) => provider.getInstance(`pool-${i}`)));
      const rows = await adminQuery<{ n: number }>(
        url,
        'SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
        [`duroxide-ts ${schema}`],
      );
      assert.equal(rows[0]?.n, 3);
    });

    test('the LISTEN connection is open only while someone subscribes (and briefly after)', async (t) => {
      const schema = freshSchema('lazy_listen');
      const provider = await PostgresProvider.connectWithSchema(url, schema);
      t.after(() => provider.close());
      const listening = async (): Promise<number> =>
        (
          await adminQuery<{ n: number }>(
            url,
            `SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN %'`,
            [`duroxide-ts ${schema}`],
          )
        )[0]?.n ?? 0;
      assert.equal(provider.isListening, false);
      assert.equal(await listening(), 0);
      const first = provider.subscribe(() => undefined);
      const second = provider.subscribe(() => undefined);
      await eventually('the LISTEN connection', () => provider.isListening);
      assert.equal(await listening(), 1, 'one LISTEN connection for all subscribers');
      first();
      first();
      assert.equal(provider.isListening, true, 'still one subscriber');
      second();
      const again = provider.subscribe(() => undefined);
      assert.equal(provider.isListening, true, 'a listener arriving right after reuses it');
      again();
      await eventually('the LISTEN connection to close', () => !provider.isListening);
      await eventually('the LISTEN session to end', async () => (await listening()) === 0);
    });
  });

  describe('migrations', () => {
    test('migrations are recorded in the schema on first connect', async (t) => {
      const schema = freshSchema('migrate');
      const before = Date.now();
      const provider = await PostgresProvider.connectWithSchema(url, schema);
      t.after(() => provider.close());
      const rows = await adminQuery<{ version: number; name: string; applied_at: string }>(
        url,
        `SELECT version, name, applied_at FROM "${schema}".duroxide_schema ORDER BY version`,
      );
      assert.deepEqual(
        rows.map((r) => [r.version, r.name]),
        MIGRATIONS.map((m) => [m.version, m.name]),
      );
      assert.equal(rows.at(-1)?.version, LATEST_SCHEMA_VERSION);
      assert.ok(
        rows.every((r) => Number(r.applied_at) >= before && Number(r.applied_at) <= Date.now()),
      );
    });

    test('reconnecting to an existing schema keeps its data and applies nothing again', async () => {
      const schema = freshSchema('reopen');
      const first = await PostgresProvider.connectWithSchema(url, schema);
      await startInstance(first, 'keep-1', { extraEvents: 1 });
      await first.enqueueForOrchestrator(externalRaised('keep-1'));
      await first.close();

      const second = await PostgresProvider.connectWithSchema(url, schema);
      try {
        assert.equal((await second.getInstance('keep-1'))?.orchestrationName, 'Flow');
        assert.equal((await second.readHistory('keep-1')).length, 2);
        assert.equal((await second.fetchOrchestrationItem(FETCH))?.item.instanceId, 'keep-1');
      } finally {
        await second.close();
      }
      const rows = await adminQuery<{ n: number }>(
        url,
        `SELECT COUNT(*)::int AS n FROM "${schema}".duroxide_schema`,
      );
      assert.equal(rows[0]?.n, MIGRATIONS.length);
    });

    test('a schema with a newer schema version is refused with SchemaTooNewError', async () => {
      const schema = freshSchema('too_new');
      await (await PostgresProvider.connectWithSchema(url, schema)).close();
      await adminQuery(
        url,
        `INSERT INTO "${schema}".duroxide_schema (version, name, applied_at) VALUES (9999, 'from-the-future', 0)`,
      );

      await assert.rejects(PostgresProvider.connectWithSchema(url, schema), (error: unknown) => {
        assert.ok(error instanceof SchemaTooNewError, String(error));
        assert.ok(error.message.includes('9999'), error.message);
        assert.ok(error.message.includes(String(LATEST_SCHEMA_VERSION)), error.message);
        assert.ok(error.message.includes(schema), error.message);
        assert.match(error.message, /upgrade duroxide-ts/i);
        return true;
      });
    });

    test('several providers connecting to a fresh schema at once migrate it exactly once', async (t) => {
      const schema = freshSchema('race');
      const providers = await Promise.all(
        Array.from({ length: 6 }, () => PostgresProvider.connectWithSchema(url, schema)),
      );
      t.after(() => Promise.all(providers.map((p) => p.close())));
      assert.deepEqual(
        await appliedMigrations(url, schema),
        MIGRATIONS.map((m) => m.version),
      );
      // And they all work on the one schema.
      await providers[0]!.enqueueForOrchestrator(startItem('race-1'));
      assert.equal(await providers[5]!.instanceExists('race-1'), true);
    });
  });

  describe('ack hand-off schema (migration 2)', () => {
    /** Creates `schema` at schema version 1 exactly as a build without migration 2 left it. */
    async function schemaAtVersion1(schema: string): Promise<void> {
      const [initial] = MIGRATIONS;
      assert.ok(initial?.version === 1);
      await adminQuery(url, `CREATE SCHEMA "${schema}"`);
      await adminQuery(
        url,
        `CREATE TABLE "${schema}".duroxide_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`,
      );
      await adminQuery(url, migrationSql(initial, schemaIdentity(schema)));
      await adminQuery(url, `INSERT INTO "${schema}".duroxide_schema VALUES (1, 'initial', 0)`);
    }

    /** `[argument count, result columns]` of each `ack_orchestration_item` in `schema`. */
    async function ackFunctions(schema: string): Promise<[number, string][]> {
      const rows = await adminQuery<{ args: number; result: string }>(
        url,
        `SELECT p.pronargs::int AS args, pg_get_function_result(p.oid) AS result
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = $1 AND p.proname = 'ack_orchestration_item'`,
        [schema],
      );
      return rows.map((r) => [r.args, r.result]);
    }

    test('a schema at version 1 is upgraded: old nodes keep acking, in-flight work survives, the new ack works', async (t) => {
      const schema = freshSchema('upgrade_v1');
      await schemaAtVersion1(schema);
      assert.deepEqual(
        (await ackFunctions(schema)).map(([args]) => args),
        [34],
      );
      // State a version-1 node left behind: an instance lock it holds on a start (mid-turn),
      // a queued activity of another instance, and a start nobody fetched yet.
      const now = Date.now();
      await adminQuery(
        url,
        `INSERT INTO "${schema}".instance_locks VALUES ('v1-held', 'v1-token', $1, $2)`,
        [now + LONG_LOCK_MS, now],
      );
      await adminQuery(
        url,
        `INSERT INTO "${schema}".orchestrator_queue (instance_id, item_type, work_item, visible_at, lock_token, locked_until, attempt_count, created_at)
         VALUES ('v1-held', 'StartOrchestration', $1, $2, 'v1-token', $3, 1, $2),
                ('v1-queued', 'StartOrchestration', $4, $2, NULL, NULL, 0, $2)`,
        [
          JSON.stringify(startItem('v1-held')),
          now,
          now + LONG_LOCK_MS,
          JSON.stringify(startItem('v1-queued')),
        ],
      );
      await adminQuery(
        url,
        `INSERT INTO "${schema}".worker_queue (instance_id, execution_id, activity_id, activity_name, work_item, visible_at, attempt_count, created_at)
         VALUES ('v1-other', 1, 2, 'act', $1, 0, 0, 0)`,
        [JSON.stringify(activityExecute('v1-other', 1, 2))],
      );

      const provider = await PostgresProvider.connectWithSchema(url, schema);
      t.after(() => provider.close());
      assert.deepEqual(
        await appliedMigrations(url, schema),
        MIGRATIONS.map((m) => m.version),
      );
      const functions = (await ackFunctions(schema)).sort((a, b) => a[0] - b[0]);
      assert.deepEqual(
        functions.map(([args]) => args),
        [34, 39, 45],
        'the older overloads stay for nodes still running them',
      );
      assert.match(functions[1]![1], /lock_kept boolean, instance_created_at bigint/);
      assert.match(functions[2]![1], /reopen_last_event text/);

      // A node of the old build, mid-turn during the upgrade, commits through the 0001 signature.
      const e = '{}';
      const oldAck = await adminQuery<{ outcome: string }>(
        url,
        `SELECT outcome FROM "${schema}".ack_orchestration_item($1, $2, 1, 'Flow', '1.0.0', NULL, NULL, NULL, NULL, FALSE, NULL,
           ARRAY[1]::BIGINT[], ARRAY['OrchestrationStarted'], ARRAY[$3],
           '${e}'::TEXT[], '${e}'::BIGINT[], '${e}'::BIGINT[], '${e}'::TEXT[], '${e}'::TEXT[], '${e}'::TEXT[], '${e}'::TEXT[],
           '${e}'::TEXT[], '${e}'::BIGINT[], '${e}'::BIGINT[],
           '${e}'::TEXT[], '${e}'::TEXT[], '${e}'::TEXT[], '${e}'::BIGINT[],
           '${e}'::TEXT[], '${e}'::TEXT[], '${e}'::TEXT[], '${e}'::BIGINT[], 'unused_channel', '{"o":"old"}')`,
        ['v1-token', Date.now(), JSON.stringify(startedEvent('v1-held', 1))],
      );
      assert.deepEqual(
        oldAck.map((r) => r.outcome),
        ['ok'],
      );
      assert.equal((await provider.getInstance('v1-held'))?.status, 'Running');
      assert.deepEqual(
        (await provider.readHistory('v1-held')).map((ev) => ev.type),
        ['OrchestrationStarted'],
      );

      // A full hand-off on the upgraded schema: claim, keep the lock, complete, release.
      const locked = await fetchFor(provider, 'v1-queued');
      const first = await provider.ackOrchestrationItem(
        locked.lockToken,
        ack(1, {
          historyDelta: [
            startedEvent('v1-queued', 1),
            historyEvent('v1-queued', 1, 2, { type: 'ActivityScheduled', name: 'act', input: '1' }),
          ],
          workerItems: [activityExecute('v1-queued', 1, 2)],
          metadata: startMetadata(),
        }),
        {
          claimWorkItems: { indexes: [0], lockTimeoutMs: LONG_LOCK_MS },
          keepLock: { lockTimeoutMs: LONG_LOCK_MS },
        },
      );
      assert.equal(first.lockKept, true);
      assert.equal(first.claimedWorkItems.length, 1);
      const claimed = first.claimedWorkItems[0]!;
      const rows = await adminQuery<{ attempt_count: number; locked_until: string }>(
        url,
        `SELECT attempt_count, locked_until FROM "${schema}".worker_queue WHERE lock_token = $1`,
        [claimed.lockToken],
      );
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.attempt_count, 1);
      assert.ok(Number(rows[0]!.locked_until) >= now + LONG_LOCK_MS);
      const second = await provider.ackOrchestrationItem(
        locked.lockToken,
        ack(1, {
          historyDelta: [
            {
              ...historyEvent('v1-queued', 1, 3, { type: 'ActivityCompleted', result: '"ok"' }),
              sourceEventId: 2,
            },
          ],
          completedWorkItems: [claimed.lockToken],
          metadata: { status: 'Completed', output: '"ok"' },
        }),
        { keepLock: { lockTimeoutMs: LONG_LOCK_MS } },
      );
      assert.equal(second.lockKept, false);
      assert.equal((await provider.getInstance('v1-queued'))?.status, 'Completed');

      // The activity queued before the upgrade is the only worker row left.
      const work = await provider.fetchWorkItem({ lockTimeoutMs: LONG_LOCK_MS });
      assert.ok(work?.item.type === 'ActivityExecute' && work.item.instance === 'v1-other');
      assert.equal(await provider.fetchWorkItem({ lockTimeoutMs: LONG_LOCK_MS }), null);
    });

    test('a lost completed work item lock writes nothing: the instance lock, queue and history are untouched', async (t) => {
      const provider = await PostgresProvider.connectWithSchema(url, freshSchema('lost_work'));
      t.after(() => provider.close());
      await provider.enqueueForOrchestrator(startItem('lost-1'));
      const locked = await fetchFor(provider, 'lost-1');
      const first = await provider.ackOrchestrationItem(
        locked.lockToken,
        ack(1, {
          historyDelta: [startedEvent('lost-1', 1)],
          workerItems: [activityExecute('lost-1', 1, 2), activityExecute('lost-1', 1, 3)],
          metadata: startMetadata(),
        }),
        {
          claimWorkItems: { indexes: [0, 1], lockTimeoutMs: LONG_LOCK_MS },
          keepLock: { lockTimeoutMs: LONG_LOCK_MS },
        },
      );
      const [valid, cancelled] = first.claimedWorkItems;
      assert.ok(valid && cancelled);
      // The second claimed row disappears (as if cancelled) while the first stays valid.
      await adminQuery(url, `DELETE FROM "${provider.schema}".worker_queue WHERE lock_token = $1`, [
        cancelled.lockToken,
      ]);
      await assert.rejects(
        provider.ackOrchestrationItem(
          locked.lockToken,
          ack(1, {
            historyDelta: [
              {
                ...historyEvent('lost-1', 1, 2, { type: 'ActivityCompleted', result: '"ok"' }),
                sourceEventId: 2,
              },
            ],
            completedWorkItems: [valid.lockToken, cancelled.lockToken],
            orchestratorItems: [externalRaised('lost-1')],
          }),
        ),
        (error: unknown) => {
          assert.ok(error instanceof ProviderError, String(error));
          assert.equal(error.retryable, false);
          assert.ok(error.message.includes(cancelled.lockToken), error.message);
          assert.ok(!error.message.includes(valid.lockToken), error.message);
          return true;
        },
      );
      assert.equal((await provider.readHistory('lost-1')).length, 1);
      const rows = await adminQuery<{ n: number }>(
        url,
        `SELECT (SELECT COUNT(*)::int FROM "${provider.schema}".worker_queue WHERE lock_token = $1)
              + (SELECT COUNT(*)::int FROM "${provider.schema}".orchestrator_queue)
              + (SELECT COUNT(*)::int FROM "${provider.schema}".instance_locks WHERE lock_token = $2) AS n`,
        [valid.lockToken, locked.lockToken],
      );
      assert.equal(
        rows[0]?.n,
        2,
        'the valid claimed row and the instance lock remain; no message was queued',
      );
      await provider.ackOrchestrationItem(
        locked.lockToken,
        ack(1, { completedWorkItems: [valid.lockToken] }),
      );
      assert.equal(await provider.fetchWorkItem({ lockTimeoutMs: LONG_LOCK_MS }), null);
    });

    test('a completed work item of a session marks the session active, like ackWorkItem', async (t) => {
      const provider = await PostgresProvider.connectWithSchema(url, freshSchema('done_session'));
      t.after(() => provider.close());
      await startInstance(provider, 'sess-1', {
        workerItems: [activityExecute('sess-1', 1, 2, { sessionId: 's-1' })],
      });
      const work = await provider.fetchWorkItem({
        lockTimeoutMs: LONG_LOCK_MS,
        session: { ownerId: 'w1', lockTimeoutMs: LONG_LOCK_MS },
      });
      assert.ok(work);
      await adminQuery(url, `UPDATE "${provider.schema}".sessions SET last_activity_at = 0`);
      await provider.enqueueForOrchestrator(externalRaised('sess-1'));
      const locked = await fetchFor(provider, 'sess-1');
      const before = Date.now();
      await provider.ackOrchestrationItem(
        locked.lockToken,
        ack(1, { completedWorkItems: [work.lockToken] }),
      );
      const rows = await adminQuery<{ last_activity_at: string }>(
        url,
        `SELECT last_activity_at FROM "${provider.schema}".sessions`,
      );
      assert.equal(rows.length, 1);
      assert.ok(
        Number(rows[0]!.last_activity_at) >= before,
        `last_activity_at ${rows[0]!.last_activity_at}`,
      );
      assert.equal(
        await provider.fetchWorkItem({ lockTimeoutMs: LONG_LOCK_MS }),
        null,
        'the completed row is gone',
      );
    });
  });

  describe('schemas', () => {
    test('two schemas in one database are isolated from each other', async (t) => {
      const a = await PostgresProvider.connectWithSchema(url, freshSchema('iso_a'));
      const b = await PostgresProvider.connectWithSchema(url, freshSchema('iso_b'));
      t.after(() => Promise.all([a.close(), b.close()]));
      const signalsOfB = await record(b);

      await startInstance(a, 'iso-1');
      await a.enqueueForOrchestrator(startItem('iso-2'));

      assert.deepEqual(await a.listInstances(), ['iso-1']);
      assert.deepEqual(await b.listInstances(), []);
      assert.equal(await b.instanceExists('iso-2'), false);
      assert.equal(await b.fetchOrchestrationItem(FETCH), null);
      assert.equal((await a.fetchOrchestrationItem(FETCH))?.item.instanceId, 'iso-2');
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(
        signalsOfB,
        [],
        "NOTIFYs of one schema do not reach another schema's subscribers",
      );
    });
  });

  describe('LISTEN/NOTIFY', () => {
    test('an enqueue through one provider wakes a subscriber of another provider on the same schema', async (t) => {
      const schema = freshSchema('notify');
      const listener = await PostgresProvider.connectWithSchema(url, schema);
      const sender = await PostgresProvider.connectWithSchema(url, schema);
      t.after(() => Promise.all([listener.close(), sender.close()]));
      const heard = await record(listener);
      const own = await record(sender);

      const before = Date.now();
      await sender.enqueueForOrchestrator(startItem('notify-1'), 500);
      await eventually('the other provider to hear the enqueue', () => heard.length > 0);
      const [signal] = heard;
      assert.ok(signal?.kind === 'orchestrator', JSON.stringify(signal));
      assert.ok(
        signal.visibleAt >= before + 500 && signal.visibleAt <= Date.now() + 500,
        `visibleAt ${signal.visibleAt}`,
      );
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(heard.length, 1);
      assert.equal(
        own.length,
        1,
        'the sender signals its own subscribers once, not again through NOTIFY',
      );
    });

    test('acks through one provider wake worker, orchestrator and instance subscribers of another', async (t) => {
      const schema = freshSchema('notify_ack');
      const listener = await PostgresProvider.connectWithSchema(url, schema);
      const worker = await PostgresProvider.connectWithSchema(url, schema);
      t.after(() => Promise.all([listener.close(), worker.close()]));
      const heard = await record(listener);

      await startInstance(worker, 'notify-2', { workerItems: [activityExecute('notify-2', 1, 2)] });
      await eventually('the worker signal', () => heard.some((s) => s.kind === 'worker'));
      await eventually('the instance signal', () =>
        heard.some((s) => s.kind === 'instance' && s.instanceId === 'notify-2'),
      );
      const instanceSignal = heard.find((s) => s.kind === 'instance');
      assert.deepEqual(
        instanceSignal,
        { kind: 'instance', instanceId: 'notify-2', executionStatus: 'Running' },
        'the status crosses processes too',
      );

      heard.length = 0;
      const work = await worker.fetchWorkItem({ lockTimeoutMs: 30_000 });
      assert.ok(work);
      const before = Date.now();
      await worker.ackWorkItem(work.lockToken, activityCompleted('notify-2', 1, 2));
      await eventually('the completion signal', () => heard.some((s) => s.kind === 'orchestrator'));
      const signal = heard.find((s) => s.kind === 'orchestrator');
      assert.ok(
        signal?.kind === 'orchestrator' &&
          signal.visibleAt >= before - 1 &&
          signal.visibleAt <= Date.now(),
      );
    });

    test('an ack whose worker items are all claimed does not wake the workers of another provider', async (t) => {
      const schema = freshSchema('notify_claim');
      const listener = await PostgresProvider.connectWithSchema(url, schema);
      const orchestrator = await PostgresProvider.connectWithSchema(url, schema);
      t.after(() => Promise.all([listener.close(), orchestrator.close()]));
      const heard = await record(listener);
      const claim = (indexes: number[]) => ({
        claimWorkItems: { indexes, lockTimeoutMs: LONG_LOCK_MS },
      });
      const turn = async (instanceId: string, indexes: number[]): Promise<void> => {
        await orchestrator.enqueueForOrchestrator(startItem(instanceId));
        const locked = await fetchFor(orchestrator, instanceId);
        await orchestrator.ackOrchestrationItem(
          locked.lockToken,
          ack(1, {
            historyDelta: [startedEvent(instanceId, 1)],
            workerItems: [activityExecute(instanceId, 1, 2), activityExecute(instanceId, 1, 3)],
            metadata: startMetadata(),
          }),
          claim(indexes),
        );
        await eventually(`the instance signal of ${instanceId}`, () =>
          heard.some((s) => s.kind === 'instance' && s.instanceId === instanceId),
        );
      };

      await turn('claim-all', [0, 1]);
      assert.ok(!heard.some((s) => s.kind === 'worker'), JSON.stringify(heard));
      await turn('claim-some', [1]);
      assert.ok(
        heard.some((s) => s.kind === 'worker'),
        'one unclaimed row is announced',
      );
    });

    test('an activity cancelled through one provider is signalled to the subscribers of another', async (t) => {
      const schema = freshSchema('notify_cancel');
      const listener = await PostgresProvider.connectWithSchema(url, schema);
      const orchestrator = await PostgresProvider.connectWithSchema(url, schema);
      t.after(() => Promise.all([listener.close(), orchestrator.close()]));
      await startInstance(orchestrator, 'notify-3', {
        workerItems: [activityExecute('notify-3', 1, 2)],
      });
      const running = await listener.fetchWorkItem({ lockTimeoutMs: 30_000 });
      assert.ok(running);
      const heard = await record(listener);

      await orchestrator.enqueueForOrchestrator(externalRaised('notify-3'));
      const locked = await orchestrator.fetchOrchestrationItem(FETCH);
      assert.ok(locked);
      await orchestrator.ackOrchestrationItem(locked.lockToken, {
        executionId: 1,
        historyDelta: [],
        workerItems: [activityExecute('notify-3', 1, 3)],
        orchestratorItems: [],
        metadata: {},
        cancelledActivities: [
          { instanceId: 'notify-3', executionId: 1, activityId: 2 },
          { instanceId: 'notify-3', executionId: 1, activityId: 3 },
        ],
      });
      await eventually('the cancellation signal', () =>
        heard.some((s) => s.kind === 'activityCancelled'),
      );
      assert.deepEqual(
        heard.filter((s) => s.kind === 'activityCancelled'),
        [{ kind: 'activityCancelled', instanceId: 'notify-3', executionId: 1, activityId: 2 }],
        'only the row that existed before the ack (not one scheduled and cancelled in it)',
      );
    });

    test('the LISTEN connection reconnects after it is killed and wakes subscribers once it is back', async (t) => {
      const schema = freshSchema('relisten');
      const listener = await PostgresProvider.connectWithSchema(url, schema);
      const sender = await PostgresProvider.connectWithSchema(url, schema);
      t.after(() => Promise.all([listener.close(), sender.close()]));
      const heard = await record(listener);
      const stopSender = sender.subscribe(() => undefined);
      t.after(stopSender);
      await eventually('both LISTEN connections', () => listener.isListening && sender.isListening);

      // Both providers LISTEN on the channel; kill every such session (the sender's too).
      const killed = await adminQuery<{ ok: boolean }>(
        url,
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
         WHERE application_name = $1 AND query LIKE 'LISTEN %'`,
        [`duroxide-ts ${schema}`],
      );
      assert.equal(killed.length, 2);
      await eventually(
        'the LISTEN connection to come back',
        () => listener.isListening && sender.isListening,
      );
      // Notifications sent while it was down are lost, so reconnecting wakes everyone once.
      assert.ok(heard.some((s) => s.kind === 'worker'));
      assert.ok(heard.some((s) => s.kind === 'orchestrator'));

      heard.length = 0;
      await sender.enqueueForOrchestrator(startItem('relisten-1'));
      await eventually('the enqueue to be heard after reconnecting', () =>
        heard.some((s) => s.kind === 'orchestrator'),
      );
    });
  });

  describe('errors and lifecycle', () => {
    test('connection loss, restarts, deadlocks and serialization failures are retryable; statement errors are permanent', () => {
      const error = (code: string, message = code): Error =>
        Object.assign(new Error(message), { code });
      for (const code of [
        '57P01',
        '57P03',
        '40P01',
        '40001',
        '08006',
        '08001',
        '53300',
        'ECONNREFUSED',
        'ECONNRESET',
        'EPIPE',
      ]) {
        assert.equal(toProviderError('op', error(code)).retryable, true, code);
      }
      for (const code of ['23505', '23503', '42601', '42P01', '22P02', '28P01']) {
        assert.equal(toProviderError('op', error(code)).retryable, false, code);
      }
      assert.equal(
        toProviderError('op', new Error('Connection terminated unexpectedly')).retryable,
        true,
      );
      assert.equal(
        toProviderError('op', new Error('timeout exceeded when trying to connect')).retryable,
        true,
      );
      assert.equal(toProviderError('op', new TypeError('bug')).retryable, false);
    });

    test('operations running across a server restart succeed through the internal retries', async (t) => {
      const server = await postgresServer();
      if (!server.isOwned) {
        t.skip(
          'DUROXIDE_PG_URL points at a server these tests did not start, so they cannot restart it',
        );
        return;
      }
      const provider = await PostgresProvider.connectWithSchema(url, freshSchema('restart'));
      t.after(() => provider.close());
      const unsubscribe = provider.subscribe(() => undefined);
      t.after(unsubscribe);
      let isRestarting = true;
      const restarted = server.restart().finally(() => {
        isRestarting = false;
      });
      // Reads and fetches keep going while the server goes down and comes back.
      let operations = 0;
      while (isRestarting || operations < 20) {
        assert.deepEqual(await provider.listInstances(), []);
        assert.equal(await provider.fetchOrchestrationItem(FETCH), null);
        operations++;
      }
      await restarted;
      await provider.enqueueForOrchestrator(startItem('after-restart'));
      assert.equal(
        (await provider.fetchOrchestrationItem(FETCH))?.item.instanceId,
        'after-restart',
      );
      await eventually('the LISTEN connection to come back', () => provider.isListening);
    });

    test('close is idempotent and later calls fail naming the operation', async () => {
      const provider = await PostgresProvider.connectWithSchema(url, freshSchema('closed'));
      await provider.close();
      await provider.close();
      assert.equal(provider.isListening, false);
      await assert.rejects(provider.listInstances(), (error: unknown) => {
        assert.ok(error instanceof ProviderError);
        assert.equal(error.operation, 'listInstances');
        assert.match(error.message, /closed/);
        assert.equal(error.retryable, false);
        return true;
      });
    });
  });
});
