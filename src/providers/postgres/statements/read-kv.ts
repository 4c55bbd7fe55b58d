/**
 * KV reads for clients and `getValueFromInstance`: `getKvValue`, `getKvAllValues`;
 * and the prior-execution snapshot for the replay check: `readKvSnapshot`.
 * @module
 */
import type { KvEntryRecord } from '../../provider.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
import { table } from './statement-context.js';

export interface KvReads {
  getKvValue(db: Queryable, instanceId: string, key: string): Promise<string | null>;
  getKvAllValues(db: Queryable, instanceId: string): Promise<Map<string, string>>;
  /** The instance's `kv_store` rows (never the delta): what a fetch returns as its snapshot. */
  readKvSnapshot(db: Queryable, instanceId: string): Promise<Map<string, KvEntryRecord>>;
}

/**
 * The merged view: a current-execution `kv_delta` row wins (a NULL tombstone means "cleared"),
 * else the `kv_store` row. Each read is one statement, so it sees one snapshot.
 */
export function prepareKvReads(ctx: StatementContext): KvReads {
  const store = table(ctx, 'kv_store');
  const delta = table(ctx, 'kv_delta');
  const valueSql = `
    SELECT d.key IS NOT NULL AS in_delta, d.value AS delta_value, s.value AS store_value
    FROM (SELECT 1) one
    LEFT JOIN ${delta} d ON d.instance_id = $1 AND d.key = $2
    LEFT JOIN ${store} s ON s.instance_id = $1 AND s.key = $2`;
  const allSql = `
    SELECT s.key, s.value FROM ${store} s
    WHERE s.instance_id = $1 AND NOT EXISTS (SELECT 1 FROM ${delta} d WHERE d.instance_id = $1 AND d.key = s.key)
    UNION ALL
    SELECT d.key, d.value FROM ${delta} d WHERE d.instance_id = $1 AND d.value IS NOT NULL
    ORDER BY 1`;
  const snapshotSql = `SELECT key, value, last_updated_at_ms FROM ${store} WHERE instance_id = $1 ORDER BY key`;
  return {
    async getKvValue(db, instanceId, key) {
      const row = (
        await db.query<{
          in_delta: boolean;
          delta_value: string | null;
          store_value: string | null;
        }>(valueSql, [instanceId, key])
      ).rows[0];
      if (row === undefined) return null;
      return row.in_delta ? row.delta_value : row.store_value;
    },
    async getKvAllValues(db, instanceId) {
      const { rows } = await db.query<{ key: string; value: string }>(allSql, [instanceId]);
      return new Map(rows.map((r) => [r.key, r.value]));
    },
    async readKvSnapshot(db, instanceId) {
      const { rows } = await db.query<{
        key: string;
        value: string;
        last_updated_at_ms: string | number;
      }>(snapshotSql, [instanceId]);
      return new Map(
        rows.map((r) => [r.key, { value: r.value, lastUpdatedAt: Number(r.last_updated_at_ms) }]),
      );
    },
  };
}
