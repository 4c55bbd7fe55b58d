import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { ProviderError } from '../../src/core/errors/duroxide-error.js';
import { MIGRATIONS } from '../../src/providers/sqlite/migrations/migrations.js';
import { SqliteProvider } from '../../src/providers/sqlite/sqlite-provider.js';
import {
  FETCH,
  externalRaised,
  fetchFor,
  startInstance,
} from '../../src/providers/validation/conformance-fixtures.js';

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duroxide-sqlite-fleet-'));
after(() => fs.rmSync(tempDir, { recursive: true, force: true }));

let fileCounter = 0;
function tempFile(): string {
  fileCounter += 1;
  return path.join(tempDir, `db-${fileCounter}.db`);
}

const AUDIT = {
  at: 1,
  actor: undefined,
  action: 'x',
  target: 't',
  reason: undefined,
  details: '{}',
};

describe('SqliteProvider fleet schema (migration 5)', () => {
  test('a database at schema 4 is upgraded to 5 and its instances fetch as format 1', async (t) => {
    const file = tempFile();
    const v4 = await SqliteProvider.openFile(file);
    await startInstance(v4, 'old-1');
    await v4.close();
    // Rewind the file to schema 4 as a build without migrations 5 and later left it.
    const db = new Database(file);
    db.exec(`CREATE TABLE instances_v4 AS SELECT instance_id, orchestration_name, orchestration_version,
               current_execution_id, created_at, updated_at, parent_instance_id, custom_status,
               custom_status_version FROM instances;
             DROP TABLE instances; DROP TABLE version_policies; DROP TABLE audit_log; DROP TABLE nodes;
             DROP TABLE bulk_jobs; DROP TABLE api_keys; DROP TABLE poisoned_items;
             DELETE FROM duroxide_schema WHERE version >= 5;`);
    db.exec(
      MIGRATIONS[0]!.sql.slice(
        MIGRATIONS[0]!.sql.indexOf('CREATE TABLE instances'),
        MIGRATIONS[0]!.sql.indexOf('CREATE TABLE executions'),
      ),
    );
    db.exec('INSERT INTO instances SELECT * FROM instances_v4; DROP TABLE instances_v4;');
    db.close();

    const provider = await SqliteProvider.openFile(file);
    t.after(() => provider.close());
    await provider.enqueueForOrchestrator(externalRaised('old-1'));
    const locked = await fetchFor(provider, 'old-1', { ...FETCH, maxHistoryFormat: 1 });
    assert.equal(locked.item.historyFormat, undefined);
    assert.equal((await provider.getInstance('old-1'))?.versionPin, undefined);
    assert.equal(await provider.setInstanceVersion('old-1', { versionPin: '1.0.0' }, AUDIT), true);
  });

  test('a stored policy or node that is not valid JSON fails the read with a permanent error naming it', async (t) => {
    const file = tempFile();
    const provider = await SqliteProvider.openFile(file);
    t.after(() => provider.close());
    await provider.setVersionPolicy('Flow', { kind: 'latest' }, AUDIT);
    const db = new Database(file);
    db.exec(`UPDATE version_policies SET policy = '{not json' WHERE orchestration_name = 'Flow';
             INSERT INTO nodes VALUES ('node-x', 'h', 1, '0.1.0', 1, 1000, 0, 0, '[{"name":1}]', '[]');`);
    db.close();
    for (const [read, name] of [
      [() => provider.listVersionPolicies(), "'Flow'"],
      [() => provider.getVersionPolicy('Flow'), "'Flow'"],
      [() => provider.listNodes(), "'node-x'"],
    ] as const) {
      await assert.rejects(read(), (error: unknown) => {
        assert.ok(error instanceof ProviderError, String(error));
        assert.equal(error.retryable, false);
        assert.ok(error.message.includes(name), error.message);
        return true;
      });
    }
  });
});
