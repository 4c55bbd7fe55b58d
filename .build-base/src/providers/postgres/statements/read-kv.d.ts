/**
 * KV reads for clients and `getValueFromInstance`: `getKvValue`, `getKvAllValues`;
 * and the prior-execution snapshot for the replay check: `readKvSnapshot`.
 * @module
 */
import type { KvEntryRecord } from '../../provider.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
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
export declare function prepareKvReads(ctx: StatementContext): KvReads;
