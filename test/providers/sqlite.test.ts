import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import {
  InvalidInputError,
  ProviderError,
  SchemaTooNewError,
} from '../../src/core/errors/duroxide-error.js';
import type { EventKind } from '../../src/core/history/history-event.js';
import type { WorkItem } from '../../src/core/history/work-item.js';
import {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
} from '../../src/providers/sqlite/migrations/migrations.js';
import { SqliteProvider } from '../../src/providers/sqlite/sqlite-provider.js';
import { toProviderError } from '../../src/providers/sqlite/to-provider-error.js';
import {
  ack,
  activityExecute,
  externalRaised,
  FETCH,
  fetchFor,
  historyEvent,
  startInstance,
  startItem,
  startMetadata,
  startedEvent,
} from '../../src/providers/validation/conformance-fixtures.js';
import { runProviderConformance } from '../../src/providers/validation/run-provider-conformance.js';

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duroxide-sqlite-'));
after(() => fs.rmSync(tempDir, { recursive: true, force: true }));

let fileCounter = 0;
function tempFile(): string {
  fileCounter += 1;
  return path.join(tempDir, `db-${fileCounter}.db`);
}

/** A raw connection for inspecting or tampering with a provider's file. */
function raw(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  return db;
}

runProviderConformance({
  name: 'sqlite (in-memory)',
  create: ({ now }) => SqliteProvider.inMemory({ now }),
  honoursClock: true,
});
// On real time (the cases sleep), so the suite also runs against real timers.
runProviderConformance({
  name: 'sqlite (file)',
  create: () => SqliteProvider.openFile(tempFile()),
});

describe('SqliteProvider', () => {
  describe('opening', () => {
    test('open accepts a sqlite: url and creates the file', async () => {
      const file = tempFile();
      const provider = await SqliteProvider.open(`sqlite:${file}`);
      await provider.close();
      assert.ok(fs.existsSync(file));
    });

    test('file databases use the WAL journal', async () => {
      const file = tempFile();
      await (await SqliteProvider.openFile(file)).close();
      const db = raw(file);
      try {
        assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      } finally {
        db.close();
      }
    });

    test('open accepts sqlite::memory:', async () => {
      const provider = await SqliteProvider.open('sqlite::memory:');
      assert.deepEqual(await provider.listInstances(), []);
      await provider.close();
    });

    test('open accepts sqlite:/// absolute urls and the sqlx ?mode=rwc suffix', async () => {
      const file = tempFile();
      const provider = await SqliteProvider.open(`sqlite://${file}?mode=rwc`);
      await provider.close();
      assert.ok(fs.existsSync(file));
    });

    for (const url of [
      '',
      'file.db',
      'postgres://localhost/db',
      'sqlite:',
      'sqlite:x.db?cache=shared',
    ]) {
      test(`open rejects the malformed url '${url}' naming it`, async () => {
        await assert.rejects(SqliteProvider.open(url), (error: unknown) => {
          assert.ok(error instanceof InvalidInputError);
          assert.ok(error.message.includes(`'${url}'`), error.message);
          return true;
        });
      });
    }

    test('open rejects a now option that is not a function, naming it', async () => {
      await assert.rejects(
        SqliteProvider.inMemory({ now: 'soon' } as unknown as { now: () => number }),
        (error: unknown) =>
          error instanceof InvalidInputError && /option now must be a function/.test(error.message),
      );
    });

    test('the injected clock stamps stored times', async (t) => {
      const provider = await SqliteProvider.inMemory({ now: () => 1_000_000 });
      t.after(() => provider.close());
      await startInstance(provider, 'clocked-1');
      const instance = await provider.getInstance('clocked-1');
      assert.equal(instance?.createdAt, 1_000_000);
      assert.equal(instance?.updatedAt, 1_000_000);
    });

    test('opening a file in a missing directory fails with a ProviderError', async () => {
      await assert.rejects(
        SqliteProvider.openFile(path.join(tempDir, 'missing-dir', 'x.db')),
        (error: unknown) => error instanceof ProviderError && error.operation === 'open',
      );
    });
  });

  describe('migrations', () => {
    test('migrations are recorded in duroxide_schema on first open', async () => {
      const file = tempFile();
      const before = Date.now();
      await (await SqliteProvider.openFile(file)).close();
      const db = raw(file);
      try {
        const rows = db
          .prepare<[], { version: number; name: string; applied_at: number }>(
            'SELECT version, name, applied_at FROM duroxide_schema ORDER BY version',
          )
          .all();
        assert.deepEqual(
          rows.map((r) => [r.version, r.name]),
          [
            [1, 'initial'],
            [2, 'worker-activity-name'],
            [3, 'management-indexes'],
            [4, 'kv-and-sessions'],
            [5, 'fleet'],
            [6, 'operator-store'],
            [7, 'poisoned-items'],
            [8, 'poisoned-items-pruning'],
          ],
        );
        assert.equal(rows.at(-1)?.version, LATEST_SCHEMA_VERSION);
        assert.ok(rows.every((r) => r.applied_at >= before));
      } finally {
        db.close();
      }
    });

    test('reopening an existing file keeps its data and applies nothing again', async () => {
      const file = tempFile();
      const first = await SqliteProvider.openFile(file);
      await startInstance(first, 'keep-1', { extraEvents: 1 });
      await first.enqueueForOrchestrator(externalRaised('keep-1'));
      await first.close();

      const second = await SqliteProvider.openFile(file);
      try {
        assert.equal((await second.getInstance('keep-1'))?.orchestrationName, 'Flow');
        assert.equal((await second.readHistory('keep-1')).length, 2);
        const locked = await second.fetchOrchestrationItem(FETCH);
        assert.equal(locked?.item.instanceId, 'keep-1');
      } finally {
        await second.close();
      }
      const db = raw(file);
      try {
        assert.equal(
          db.prepare<[], number>('SELECT COUNT(*) FROM duroxide_schema').pluck().get(),
          MIGRATIONS.length,
        );
      } finally {
        db.close();
      }
    });

    test('a database with a newer schema version is refused with SchemaTooNewError', async () => {
      const file = tempFile();
      await (await SqliteProvider.openFile(file)).close();
      const db = raw(file);
      db.prepare(
        "INSERT INTO duroxide_schema (version, name, applied_at) VALUES (9999, 'from-the-future', 0)",
      ).run();
      db.close();

      await assert.rejects(SqliteProvider.openFile(file), (error: unknown) => {
        assert.ok(error instanceof SchemaTooNewError, String(error));
        assert.ok(error.message.includes('9999'), error.message);
        assert.ok(error.message.includes(String(LATEST_SCHEMA_VERSION)), error.message);
        assert.match(error.message, /upgrade duroxide-ts/i);
        return true;
      });
    });
  });

  describe('kv and sessions schema (migration 4)', () => {
    test('a database at schema 3 is upgraded to 4 keeping its queued session work', async (t) => {
      const file = tempFile();
      const db = raw(file);
      db.exec(
        'CREATE TABLE duroxide_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
      );
      for (const migration of MIGRATIONS.slice(0, 3)) {
        db.exec(migration.sql);
        db.prepare('INSERT INTO duroxide_schema VALUES (?, ?, 0)').run(
          migration.version,
          migration.name,
        );
      }
      const item = activityExecute('old-1', 1, 2, { sessionId: 's-old' });
      db.prepare(
        `INSERT INTO worker_queue (instance_id, execution_id, activity_id, activity_name, work_item, visible_at,
           session_id, created_at) VALUES ('old-1', 1, 2, 'act', ?, 0, 's-old', 0)`,
      ).run(JSON.stringify(item));
      db.close();

      const provider = await SqliteProvider.openFile(file);
      t.after(() => provider.close());
      const locked = await provider.fetchWorkItem({
        lockTimeoutMs: 30_000,
        session: { ownerId: 'w1', lockTimeoutMs: 30_000 },
      });
      assert.deepEqual(locked?.item, item);
      assert.equal(await provider.renewSessionLocks(['w1'], 1_000, 30_000), 1);
      assert.deepEqual(await provider.getKvAllValues('old-1'), new Map());
    });

    test('ending an execution moves the delta into the store and leaves no delta rows', async (t) => {
      const file = tempFile();
      const provider = await SqliteProvider.openFile(file);
      t.after(() => provider.close());
      await startInstance(provider, 'kv-rows');
      const turn = async (kinds: EventKind[], status?: 'Completed'): Promise<void> => {
        await provider.enqueueForOrchestrator(externalRaised('kv-rows'));
        const locked = await fetchFor(provider, 'kv-rows');
        const first = locked.item.history.length + 1;
        await provider.ackOrchestrationItem(
          locked.lockToken,
          ack(1, {
            historyDelta: kinds.map((k, i) => historyEvent('kv-rows', 1, first + i, k)),
            metadata: status === undefined ? {} : { status, output: '1' },
          }),
        );
      };
      const db = raw(file);
      t.after(() => db.close());
      const rows = (table: string): unknown[] =>
        db.prepare(`SELECT key, value, last_updated_at FROM ${table} ORDER BY key`).raw().all();

      await turn([
        { type: 'KeyValueSet', key: 'a', value: '1', lastUpdatedAt: 5 },
        { type: 'KeyValueSet', key: 'b', value: '2', lastUpdatedAt: 6 },
        { type: 'KeyValueCleared', key: 'b' },
      ]);
      assert.deepEqual(rows('kv_store'), []);
      const delta = rows('kv_delta') as [string, string | null, number][];
      assert.deepEqual(
        delta.map(([k, v]) => [k, v]),
        [
          ['a', '1'],
          ['b', null],
        ],
        'b is a tombstone',
      );
      await turn([], 'Completed');
      assert.deepEqual(rows('kv_store'), [['a', '1', 5]]);
      assert.deepEqual(rows('kv_delta'), []);
    });

    test('two providers in parallel threads racing to claim sessions never share one', async (t) => {
      const file = tempFile();
      const setup = await SqliteProvider.openFile(file);
      const items: WorkItem[] = [];
      for (let id = 2; id < 62; id++)
        items.push(activityExecute('race-1', 1, id, { sessionId: `s${id % 20}` }));
      await startInstance(setup, 'race-1', { workerItems: items });
      await setup.close();

      // Each thread opens its own provider (its own connection) on the file, waits for a common
      // start instant, then fetches as its own session owner, yielding between fetches so the
      // two interleave on the write lock and contend for the same next unclaimed session.
      const providerUrl = new URL('../../src/providers/sqlite/sqlite-provider.js', import.meta.url)
        .href;
      const source = `
        const { parentPort, workerData } = require('node:worker_threads');
        (async () => {
          const { SqliteProvider } = await import(workerData.providerUrl);
          const p = await SqliteProvider.openFile(workerData.file);
          const options = {
            lockTimeoutMs: 30000, tagFilter: 'any', session: { ownerId: workerData.owner, lockTimeoutMs: 30000 },
          };
          parentPort.once('message', async (startAt) => {
            while (Date.now() < startAt) {}
            const got = [];
            for (let l = await p.fetchWorkItem(options); l !== null; l = await p.fetchWorkItem(options)) {
              got.push([l.item.sessionId, l.item.id]);
              await new Promise((resolve) => setTimeout(resolve, 1));
            }
            await p.close();
            parentPort.postMessage(got);
          });
          parentPort.postMessage('ready');
        })();`;
      const workers = ['w1', 'w2'].map(
        (owner) => new Worker(source, { eval: true, workerData: { providerUrl, file, owner } }),
      );
      t.after(async () => {
        await Promise.all(workers.map((w) => w.terminate()));
      });
      const next = (w: Worker): Promise<unknown> =>
        new Promise((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
        });
      await Promise.all(workers.map(next));
      const startAt = Date.now() + 20;
      const results = workers.map(next);
      for (const w of workers) w.postMessage(startAt);
      const claimed = (await Promise.all(results)) as [string, number][][];

      const ownerOf = new Map<string, Set<number>>();
      const fetched: number[] = [];
      claimed.forEach((got, worker) => {
        for (const [session, id] of got) {
          fetched.push(id);
          ownerOf.set(session, (ownerOf.get(session) ?? new Set()).add(worker));
        }
      });
      assert.deepEqual(
        [...fetched].sort((a, b) => a - b),
        items.map((item) => (item.type === 'ActivityExecute' ? item.id : 0)),
        'every item fetched exactly once',
      );
      assert.equal(ownerOf.size, 20);
      for (const [session, owners] of ownerOf)
        assert.equal(owners.size, 1, `${session} served by one owner`);
    });
  });

  describe('two providers on one file', () => {
    test('never lock the same instance twice', async (t) => {
      const file = tempFile();
      const a = await SqliteProvider.openFile(file);
      const b = await SqliteProvider.openFile(file);
      t.after(async () => {
        await a.close();
        await b.close();
      });
      for (let i = 0; i < 50; i++) await a.enqueueForOrchestrator(startItem(`shared-${i}`));

      const seen = new Map<string, number>();
      for (let i = 0; i < 60; i++) {
        const locked = await (i % 2 === 0 ? a : b).fetchOrchestrationItem(FETCH);
        if (locked !== null)
          seen.set(locked.item.instanceId, (seen.get(locked.item.instanceId) ?? 0) + 1);
      }
      assert.equal(seen.size, 50);
      assert.ok([...seen.values()].every((n) => n === 1));
    });

    test('never fetch the same worker row twice', async (t) => {
      const file = tempFile();
      const a = await SqliteProvider.openFile(file);
      const b = await SqliteProvider.openFile(file);
      t.after(async () => {
        await a.close();
        await b.close();
      });
      const items: WorkItem[] = [];
      for (let id = 2; id < 52; id++) items.push(activityExecute('shared-worker', 1, id));
      await startInstance(a, 'shared-worker', { workerItems: items });

      const seen = new Map<number, number>();
      for (let i = 0; i < 60; i++) {
        const locked = await (i % 2 === 0 ? b : a).fetchWorkItem({ lockTimeoutMs: 30_000 });
        if (locked?.item.type === 'ActivityExecute')
          seen.set(locked.item.id, (seen.get(locked.item.id) ?? 0) + 1);
      }
      assert.equal(seen.size, 50);
      assert.ok([...seen.values()].every((n) => n === 1));
    });

    test('see each other’s commits', async (t) => {
      const file = tempFile();
      const a = await SqliteProvider.openFile(file);
      const b = await SqliteProvider.openFile(file);
      t.after(async () => {
        await a.close();
        await b.close();
      });
      await a.enqueueForOrchestrator(startItem('cross-1'));
      const locked = await b.fetchOrchestrationItem(FETCH);
      assert.ok(locked);
      await b.ackOrchestrationItem(
        locked.lockToken,
        ack(1, { historyDelta: [startedEvent('cross-1')], metadata: startMetadata() }),
      );
      assert.equal((await a.getInstance('cross-1'))?.status, 'Running');
      await assert.rejects(a.ackOrchestrationItem(locked.lockToken, ack(1)), ProviderError);
    });
  });

  describe('orphans', () => {
    test('non-queue messages for an instance never started are deleted once older than a minute', async (t) => {
      const file = tempFile();
      const provider = await SqliteProvider.openFile(file);
      t.after(() => provider.close());
      await provider.enqueueForOrchestrator(externalRaised('ghost-old'));
      assert.equal(await provider.fetchOrchestrationItem(FETCH), null);

      const db = raw(file);
      try {
        const count = db
          .prepare<[], number>(
            "SELECT COUNT(*) FROM orchestrator_queue WHERE instance_id = 'ghost-old'",
          )
          .pluck();
        assert.equal(count.get(), 1, 'a young orphan is kept for a racing start');
        db.prepare(
          'UPDATE orchestrator_queue SET created_at = created_at - 61000, visible_at = 0',
        ).run();
        assert.equal(await provider.fetchOrchestrationItem(FETCH), null);
        assert.equal(count.get(), 0);
      } finally {
        db.close();
      }
    });
  });

  describe('errors and lifecycle', () => {
    test('busy and locked errors are retryable; constraint errors are permanent', () => {
      const error = (code: string): Error => Object.assign(new Error(code), { code });
      assert.equal(toProviderError('op', error('SQLITE_BUSY')).retryable, true);
      assert.equal(toProviderError('op', error('SQLITE_LOCKED_SHAREDCACHE')).retryable, true);
      assert.equal(toProviderError('op', error('SQLITE_IOERR_WRITE')).retryable, true);
      assert.equal(toProviderError('op', error('SQLITE_CONSTRAINT_PRIMARYKEY')).retryable, false);
      assert.equal(toProviderError('op', error('SQLITE_CORRUPT')).retryable, false);
      assert.equal(toProviderError('op', new TypeError('bug')).retryable, false);
    });

    test('a write waits for another process holding the write lock instead of failing', async (t) => {
      const file = tempFile();
      const provider = await SqliteProvider.openFile(file);
      t.after(() => provider.close());
      // A second OS process holds BEGIN IMMEDIATE for 300 ms; the provider's busy timeout must
      // make our write wait for it rather than fail with SQLITE_BUSY.
      const holder = spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import Database from 'better-sqlite3';
           const db = new Database(${JSON.stringify(file)});
           db.exec('BEGIN IMMEDIATE');
           process.stdout.write('locked\\n');
           Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
           db.exec('COMMIT');
           db.close();`,
        ],
        { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const exited = once(holder, 'exit');
      await once(holder.stdout, 'data');
      await provider.enqueueForOrchestrator(startItem('busy-1'));
      assert.equal(await provider.instanceExists('busy-1'), true);
      const [code] = await exited;
      assert.equal(code, 0);
    });

    test('close is idempotent and later calls fail naming the operation', async () => {
      const provider = await SqliteProvider.inMemory();
      await provider.close();
      await provider.close();
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
