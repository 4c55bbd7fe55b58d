import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ProviderError } from '../../src/core/errors/duroxide-error.js';
import { schemaIdentity } from '../../src/providers/postgres/connection-config.js';
import { migrationSql } from '../../src/providers/postgres/migrations/apply-migrations.js';
import { MIGRATIONS } from '../../src/providers/postgres/migrations/migrations.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import {
  FETCH,
  LONG_LOCK_MS,
  externalRaised,
  fetchFor,
  startItem,
  startedEvent,
} from '../../src/providers/validation/conformance-fixtures.js';
import { freshSchemas } from '../helpers/fresh-schemas.js';
import { adminQuery } from '../helpers/postgres-cluster.js';

const fresh = freshSchemas();
const freshSchema = (prefix: string): string => fresh.schema(prefix);

const AUDIT = {
  at: 1,
  actor: undefined,
  action: 'x',
  target: 't',
  reason: undefined,
  details: '{}',
};

/** Creates `schema` at schema version 2 exactly as a build without migration 3 left it. */
async function schemaAtVersion2(schema: string): Promise<void> {
  await adminQuery(fresh.url(), `CREATE SCHEMA "${schema}"`);
  await adminQuery(
    fresh.url(),
    `CREATE TABLE "${schema}".duroxide_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`,
  );
  for (const migration of MIGRATIONS.slice(0, 2)) {
    await adminQuery(fresh.url(), migrationSql(migration, schemaIdentity(schema)));
    await adminQuery(fresh.url(), `INSERT INTO "${schema}".duroxide_schema VALUES ($1, $2, 0)`, [
      migration.version,
      migration.name,
    ]);
  }
}

/** `[argument count, …]` of each overload of `name` in `schema`, ascending. */
async function overloads(schema: string, name: string): Promise<number[]> {
  const rows = await adminQuery<{ args: number }>(
    fresh.url(),
    `SELECT p.pronargs::int AS args FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = $1 AND p.proname = $2 ORDER BY 1`,
    [schema, name],
  );
  return rows.map((r) => r.args);
}

describe('PostgresProvider fleet schema (migration 3)', () => {
  test('a schema at version 2 is upgraded: nodes of the previous build keep fetching and acking', async (t) => {
    const schema = freshSchema('upgrade_v2');
    await schemaAtVersion2(schema);
    const now = Date.now();
    await adminQuery(
      fresh.url(),
      `INSERT INTO "${schema}".orchestrator_queue (instance_id, item_type, work_item, visible_at, attempt_count, created_at)
       VALUES ('v2-a', 'StartOrchestration', $1, $2, 0, $2)`,
      [JSON.stringify(startItem('v2-a')), now],
    );

    const provider = await PostgresProvider.connectWithSchema(fresh.url(), schema);
    t.after(() => provider.close());
    assert.deepEqual(await overloads(schema, 'fetch_orchestration_item'), [9, 10, 11]);
    assert.deepEqual(await overloads(schema, 'ack_orchestration_item'), [34, 39, 45]);

    // A node of the previous build fetches and commits through the 0001 / 0002 signatures.
    const fetched = await adminQuery<{ fetched_instance_id: string }>(
      fresh.url(),
      `SELECT fetched_instance_id FROM "${schema}".fetch_orchestration_item($1, $2, 'v2-token', '{}', $3, 20, 32, 60000, 1000)`,
      [Date.now(), Date.now() + LONG_LOCK_MS, `${schema}:`],
    );
    assert.deepEqual(
      fetched.map((r) => r.fetched_instance_id),
      ['v2-a'],
    );
    const e = '{}';
    const oldAck = await adminQuery<{ outcome: string }>(
      fresh.url(),
      `SELECT outcome FROM "${schema}".ack_orchestration_item('v2-token', $1, 1, 'Flow', '1.0.0', NULL, '0.1.0', NULL, NULL, FALSE, NULL,
         ARRAY[1]::BIGINT[], ARRAY['OrchestrationStarted'], ARRAY[$2],
         '${e}'::TEXT[], '${e}'::BIGINT[], '${e}'::BIGINT[], '${e}'::TEXT[], '${e}'::TEXT[], '${e}'::TEXT[], '${e}'::TEXT[], '${e}'::TEXT[], NULL,
         '${e}'::TEXT[], '${e}'::TEXT[], '${e}'::BIGINT[], '${e}'::BIGINT[],
         '${e}'::TEXT[], '${e}'::TEXT[], '${e}'::TEXT[], '${e}'::BIGINT[],
         '${e}'::TEXT[], '${e}'::TEXT[], '${e}'::TEXT[], '${e}'::BIGINT[], NULL, FALSE, 'unused_channel', '{"o":"old"}')`,
      [Date.now(), JSON.stringify(startedEvent('v2-a', 1))],
    );
    assert.deepEqual(
      oldAck.map((r) => r.outcome),
      ['ok'],
    );

    // What the old build wrote reads as format 1 without pin, and passes a format-1 filter.
    const record = await provider.getInstance('v2-a');
    assert.equal(record?.status, 'Running');
    assert.equal(record?.versionPin, undefined);
    await provider.enqueueForOrchestrator(externalRaised('v2-a'));
    const locked = await fetchFor(provider, 'v2-a', { ...FETCH, maxHistoryFormat: 1 });
    assert.equal(locked.item.historyFormat, undefined);
    assert.equal(await provider.setInstanceVersion('v2-a', { versionPin: '1.0.0' }, AUDIT), true);
  });

  test('a stored policy or node that is not valid JSON fails the read with a permanent error naming it', async (t) => {
    const provider = await PostgresProvider.connectWithSchema(fresh.url(), freshSchema('bad_json'));
    t.after(() => provider.close());
    await provider.setVersionPolicy('Flow', { kind: 'latest' }, AUDIT);
    const schema = provider.schema;
    await adminQuery(
      fresh.url(),
      `UPDATE "${schema}".version_policies SET policy = '{not json' WHERE orchestration_name = 'Flow'`,
    );
    await adminQuery(
      fresh.url(),
      `INSERT INTO "${schema}".nodes VALUES ('node-x', 'h', 1, '0.1.0', 1, 1000, 0, 0, '[{"name":1}]', '[]')`,
    );
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
