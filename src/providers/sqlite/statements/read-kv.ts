/**
 * KV reads: the prior-execution snapshot for a fetch (`kv_store` only) and the merged view for
 * clients (store overlaid with the current execution's delta).
 * @module
 */
import type Database from 'better-sqlite3';
import type { KvEntryRecord } from '../../provider.js';

export interface KvReads {
  /** The instance's `kv_store` rows (never the delta), for the fetch snapshot. */
  readSnapshot(instanceId: string): Map<string, KvEntryRecord>;
  /** Merged view: a delta row wins (a tombstone means absent), else the store row. */
  getValue(instanceId: string, key: string): string | null;
  /** Merged view of every key, ordered by key; empty for an unknown instance. */
  getAllValues(instanceId: string): Map<string, string>;
}

/**
 * The merged view of one instance (`@instanceId`) as `(key, value)` rows: live delta values,
 * plus store values whose key the delta does not mention. Shared with the stats query.
 */
export const MERGED_KV_SQL = `
  SELECT d.key AS key, d.value AS value FROM kv_delta d
  WHERE d.instance_id = @instanceId AND d.value IS NOT NULL
  UNION ALL
  SELECT s.key AS key, s.value AS value FROM kv_store s
  WHERE s.instance_id = @instanceId
    AND NOT EXISTS (SELECT 1 FROM kv_delta d WHERE d.instance_id = s.instance_id AND d.key = s.key)`;

/** Each read is a single statement, so it sees one consistent snapshot of both tables. */
export function prepareKvReads(db: Database.Database): KvReads {
  const selectStore = db.prepare<
    { instanceId: string },
    { key: string; value: string; last_updated_at: number }
  >(
    'SELECT key, value, last_updated_at FROM kv_store WHERE instance_id = @instanceId ORDER BY key',
  );
  // At most one row; its value is null for a tombstone.
  const selectOne = db.prepare<{ instanceId: string; key: string }, { value: string | null }>(
    `SELECT value FROM kv_delta WHERE instance_id = @instanceId AND key = @key
     UNION ALL
     SELECT value FROM kv_store
     WHERE instance_id = @instanceId AND key = @key
       AND NOT EXISTS (SELECT 1 FROM kv_delta WHERE instance_id = @instanceId AND key = @key)`,
  );
  const selectMerged = db.prepare<{ instanceId: string }, { key: string; value: string }>(
    `${MERGED_KV_SQL} ORDER BY key`,
  );

  return {
    readSnapshot(instanceId) {
      return new Map(
        selectStore
          .all({ instanceId })
          .map((r) => [r.key, { value: r.value, lastUpdatedAt: r.last_updated_at }]),
      );
    },
    getValue(instanceId, key) {
      return selectOne.get({ instanceId, key })?.value ?? null;
    },
    getAllValues(instanceId) {
      return new Map(selectMerged.all({ instanceId }).map((r) => [r.key, r.value]));
    },
  };
}
