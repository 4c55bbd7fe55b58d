import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { InvalidInputError, ProviderError, SchemaTooNewError } from '../../src/core/errors/duroxide-error.js';
import type { ProviderSignal } from '../../src/providers/provider.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/providers/postgres/migrations/migrations.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import { toProviderError } from '../../src/providers/postgres/to-provider-error.js';
import {
  FETCH,
  activityCompleted,
  externalRaised,
  startInstance,
  startItem,
  activityExecute,
} from '../../src/providers/validation/conformance-fixtures.js';
import { runProviderConformance } from '../../src/providers/validation/run-provider-conformance.js';
import { SchemaPool, adminQuery, dropSchema, postgresServer, uniqueSchemaName } from '../helpers/postgres-cluster.js';

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
  create: () => PostgresProvider.connectWithSchema(url, schemas.take()),
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
function record(p: PostgresProvider): ProviderSignal[] {
  const signals: ProviderSignal[] = [];
  p.subscribe((s) => signals.push(s));
  return signals;
}

async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
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
        const rows = await adminQuery(dbUrl.href, "SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'duroxide_schema'");
        assert.equal(rows.length, 1);
      } finally {
        await adminQuery(url, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      }
    });

    test('connectWithSchema creates the schema when it is missing', async (t) => {
      const schema = freshSchema('create');
      const provider = await PostgresProvider.connectWithSchema(url, schema);
      t.after(() => provider.close());
      const rows = await adminQuery<{ tablename: string }>(url, 'SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY 1', [
        schema,
      ]);
      assert.deepEqual(
        rows.map((r) => r.tablename),
        [
          'duroxide_schema',
          'executions',
          'history',
          'instance_locks',
          'instances',
          'kv_delta',
          'kv_store',
          'orchestrator_queue',
          'sessions',
          'worker_queue',
        ],
      );
    });

    for (const bad of ['', 'mysql://localhost/db', 'localhost:5432', 'postgres://', 'sqlite::memory:']) {
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
      await assert.rejects(PostgresProvider.connect('mysql://app:s3cret@db/app'), (error: unknown) => {
        assert.ok(error instanceof InvalidInputError);
        assert.ok(!error.message.includes('s3cret'), error.message);
        assert.ok(error.message.includes('app:***@db'), error.message);
        return true;
      });
    });

    for (const bad of ['', 'Tenant', 'my-schema', '1abc', 'pg_catalog', 'information_schema', 'a"; DROP TABLE x; --', 'x'.repeat(64)]) {
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

    test('an unreachable server fails with a retryable ProviderError', async () => {
      // Port 1 on loopback: nothing listens there, the connection is refused at once.
      await assert.rejects(PostgresProvider.connect('postgres://postgres@127.0.0.1:1/postgres'), (error: unknown) => {
        assert.ok(error instanceof ProviderError, String(error));
        assert.equal(error.operation, 'connect');
        assert.equal(error.retryable, true);
        return true;
      });
    });

    test('the pool never opens more connections than poolSize, plus one for LISTEN', async (t) => {
      const schema = freshSchema('pool');
      const provider = await PostgresProvider.connectWithSchema(url, schema, { poolSize: 2 });
      t.after(() => provider.close());
      await Promise.all(Array.from({ length: 30 }, (_, i) => provider.getInstance(`pool-${i}`)));
      const rows = await adminQuery<{ n: number }>(
        url,
        'SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
        [`duroxide-ts ${schema}`],
      );
      assert.equal(rows[0]?.n, 3);
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
      assert.ok(rows.every((r) => Number(r.applied_at) >= before && Number(r.applied_at) <= Date.now()));
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
      const rows = await adminQuery<{ n: number }>(url, `SELECT COUNT(*)::int AS n FROM "${schema}".duroxide_schema`);
      assert.equal(rows[0]?.n, MIGRATIONS.length);
    });

    test('a schema with a newer schema version is refused with SchemaTooNewError', async () => {
      const schema = freshSchema('too_new');
      await (await PostgresProvider.connectWithSchema(url, schema)).close();
      await adminQuery(url, `INSERT INTO "${schema}".duroxide_schema (version, name, applied_at) VALUES (9999, 'from-the-future', 0)`);

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
      const providers = await Promise.all(Array.from({ length: 6 }, () => PostgresProvider.connectWithSchema(url, schema)));
      t.after(() => Promise.all(providers.map((p) => p.close())));
      const rows = await adminQuery<{ version: number }>(url, `SELECT version FROM "${schema}".duroxide_schema ORDER BY version`);
      assert.deepEqual(
        rows.map((r) => r.version),
        MIGRATIONS.map((m) => m.version),
      );
      // And they all work on the one schema.
      await providers[0]!.enqueueForOrchestrator(startItem('race-1'));
      assert.equal(await providers[5]!.instanceExists('race-1'), true);
    });
  });

  describe('schemas', () => {
    test('two schemas in one database are isolated from each other', async (t) => {
      const a = await PostgresProvider.connectWithSchema(url, freshSchema('iso_a'));
      const b = await PostgresProvider.connectWithSchema(url, freshSchema('iso_b'));
      t.after(() => Promise.all([a.close(), b.close()]));
      const signalsOfB = record(b);

      await startInstance(a, 'iso-1');
      await a.enqueueForOrchestrator(startItem('iso-2'));

      assert.deepEqual(await a.listInstances(), ['iso-1']);
      assert.deepEqual(await b.listInstances(), []);
      assert.equal(await b.instanceExists('iso-2'), false);
      assert.equal(await b.fetchOrchestrationItem(FETCH), null);
      assert.equal((await a.fetchOrchestrationItem(FETCH))?.item.instanceId, 'iso-2');
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(signalsOfB, [], "NOTIFYs of one schema do not reach another schema's subscribers");
    });
  });

  describe('LISTEN/NOTIFY', () => {
    test('an enqueue through one provider wakes a subscriber of another provider on the same schema', async (t) => {
      const schema = freshSchema('notify');
      const listener = await PostgresProvider.connectWithSchema(url, schema);
      const sender = await PostgresProvider.connectWithSchema(url, schema);
      t.after(() => Promise.all([listener.close(), sender.close()]));
      const heard = record(listener);
      const own = record(sender);

      const before = Date.now();
      await sender.enqueueForOrchestrator(startItem('notify-1'), 500);
      await waitUntil('the other provider to hear the enqueue', () => heard.length > 0);
      const [signal] = heard;
      assert.ok(signal?.kind === 'orchestrator', JSON.stringify(signal));
      assert.ok(signal.visibleAt >= before + 500 && signal.visibleAt <= Date.now() + 500, `visibleAt ${signal.visibleAt}`);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(heard.length, 1);
      assert.equal(own.length, 1, 'the sender signals its own subscribers once, not again through NOTIFY');
    });

    test('acks through one provider wake worker, orchestrator and instance subscribers of another', async (t) => {
      const schema = freshSchema('notify_ack');
      const listener = await PostgresProvider.connectWithSchema(url, schema);
      const worker = await PostgresProvider.connectWithSchema(url, schema);
      t.after(() => Promise.all([listener.close(), worker.close()]));
      const heard = record(listener);

      await startInstance(worker, 'notify-2', { workerItems: [activityExecute('notify-2', 1, 2)] });
      await waitUntil('the worker signal', () => heard.some((s) => s.kind === 'worker'));
      await waitUntil('the instance signal', () => heard.some((s) => s.kind === 'instance' && s.instanceId === 'notify-2'));
      const instanceSignal = heard.find((s) => s.kind === 'instance');
      assert.deepEqual(instanceSignal, { kind: 'instance', instanceId: 'notify-2', executionStatus: 'Running' }, 'the status crosses processes too');

      heard.length = 0;
      const work = await worker.fetchWorkItem({ lockTimeoutMs: 30_000 });
      assert.ok(work);
      const before = Date.now();
      await worker.ackWorkItem(work.lockToken, activityCompleted('notify-2', 1, 2));
      await waitUntil('the completion signal', () => heard.some((s) => s.kind === 'orchestrator'));
      const signal = heard.find((s) => s.kind === 'orchestrator');
      assert.ok(signal?.kind === 'orchestrator' && signal.visibleAt >= before - 1 && signal.visibleAt <= Date.now());
    });

    test('an activity cancelled through one provider is signalled to the subscribers of another', async (t) => {
      const schema = freshSchema('notify_cancel');
      const listener = await PostgresProvider.connectWithSchema(url, schema);
      const orchestrator = await PostgresProvider.connectWithSchema(url, schema);
      t.after(() => Promise.all([listener.close(), orchestrator.close()]));
      await startInstance(orchestrator, 'notify-3', { workerItems: [activityExecute('notify-3', 1, 2)] });
      const running = await listener.fetchWorkItem({ lockTimeoutMs: 30_000 });
      assert.ok(running);
      const heard = record(listener);

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
      await waitUntil('the cancellation signal', () => heard.some((s) => s.kind === 'activityCancelled'));
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
      const heard = record(listener);
      assert.equal(listener.isListening, true);

      // Both providers LISTEN on the channel; kill every such session (the sender's too).
      const killed = await adminQuery<{ ok: boolean }>(
        url,
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
         WHERE application_name = $1 AND query LIKE 'LISTEN %'`,
        [`duroxide-ts ${schema}`],
      );
      assert.equal(killed.length, 2);
      await waitUntil('the LISTEN connection to come back', () => listener.isListening && sender.isListening);
      // Notifications sent while it was down are lost, so reconnecting wakes everyone once.
      assert.ok(heard.some((s) => s.kind === 'worker'));
      assert.ok(heard.some((s) => s.kind === 'orchestrator'));

      heard.length = 0;
      await sender.enqueueForOrchestrator(startItem('relisten-1'));
      await waitUntil('the enqueue to be heard after reconnecting', () => heard.some((s) => s.kind === 'orchestrator'));
    });
  });

  describe('errors and lifecycle', () => {
    test('connection loss, restarts, deadlocks and serialization failures are retryable; statement errors are permanent', () => {
      const error = (code: string, message = code): Error => Object.assign(new Error(message), { code });
      for (const code of ['57P01', '57P03', '40P01', '40001', '08006', '08001', '53300', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']) {
        assert.equal(toProviderError('op', error(code)).retryable, true, code);
      }
      for (const code of ['23505', '23503', '42601', '42P01', '22P02', '28P01']) {
        assert.equal(toProviderError('op', error(code)).retryable, false, code);
      }
      assert.equal(toProviderError('op', new Error('Connection terminated unexpectedly')).retryable, true);
      assert.equal(toProviderError('op', new Error('timeout exceeded when trying to connect')).retryable, true);
      assert.equal(toProviderError('op', new TypeError('bug')).retryable, false);
    });

    test('operations running across a server restart succeed through the internal retries', async (t) => {
      const server = await postgresServer();
      if (!server.isOwned) {
        t.skip('DUROXIDE_PG_URL points at a server these tests did not start, so they cannot restart it');
        return;
      }
      const provider = await PostgresProvider.connectWithSchema(url, freshSchema('restart'));
      t.after(() => provider.close());
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
      assert.equal((await provider.fetchOrchestrationItem(FETCH))?.item.instanceId, 'after-restart');
      await waitUntil('the LISTEN connection to come back', () => provider.isListening);
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
