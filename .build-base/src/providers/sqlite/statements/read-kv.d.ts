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
export declare const MERGED_KV_SQL = "\n  SELECT d.key AS key, d.value AS value FROM kv_delta d\n  WHERE d.instance_id = @instanceId AND d.value IS NOT NULL\n  UNION ALL\n  SELECT s.key AS key, s.value AS value FROM kv_store s\n  WHERE s.instance_id = @instanceId\n    AND NOT EXISTS (SELECT 1 FROM kv_delta d WHERE d.instance_id = s.instance_id AND d.key = s.key)";
/** Each read is a single statement, so it sees one consistent snapshot of both tables. */
export declare function prepareKvReads(db: Database.Database): KvReads;
