import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import {
  InvalidInputError,
  ProviderError,
  SchemaTooNewError,
} from '../../src/core/errors/duroxide-error.js';
import type { WorkItem } from '../../src/core/history/work-item.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/providers/sqlite/migrations/migrations.js';
import { SqliteProvider } from '../../src/providers/sqlite/sqlite-provider.js';
import { toProviderError } from '../../src/providers/sqlite/to-provider-error.js';
import {
  ack,
  activityExecute,
  externalRaised,
  FETCH,
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

runProviderConformance({ name: 'sqlite (in-memory)', create: () => SqliteProvider.inMemory() });
runProviderConformance({ name: 'sqlite (file)', create: () => SqliteProvider.openFile(tempFile()) });

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

    for (const url of ['', 'file.db', 'postgres://localhost/db', 'sqlite:', 'sqlite:x.db?cache=shared']) {
      test(`open rejects the malformed url '${url}' naming it`, async () => {
        await assert.rejects(SqliteProvider.open(url), (error: unknown) => {
          assert.ok(error instanceof InvalidInputError);
          assert.ok(error.message.includes(`'${url}'`), error.message);
          return true;
        });
      });
    }

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
        assert.equal(db.prepare<[], number>('SELECT COUNT(*) FROM duroxide_schema').pluck().get(), MIGRATIONS.length);
      } finally {
        db.close();
      }
    });

    test('a database with a newer schema version is refused with SchemaTooNewError', async () => {
      const file = tempFile();
      await (await SqliteProvider.openFile(file)).close();
      const db = raw(file);
      db.prepare("INSERT INTO duroxide_schema (version, name, applied_at) VALUES (9999, 'from-the-future', 0)").run();
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
        if (locked !== null) seen.set(locked.item.instanceId, (seen.get(locked.item.instanceId) ?? 0) + 1);
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
        if (locked?.item.type === 'ActivityExecute') seen.set(locked.item.id, (seen.get(locked.item.id) ?? 0) + 1);
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
          .prepare<[], number>("SELECT COUNT(*) FROM orchestrator_queue WHERE instance_id = 'ghost-old'")
          .pluck();
        assert.equal(count.get(), 1, 'a young orphan is kept for a racing start');
        db.prepare('UPDATE orchestrator_queue SET created_at = created_at - 61000, visible_at = 0').run();
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
