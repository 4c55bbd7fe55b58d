/**
 * Tree read: `getInstanceTree`.
 * @module
 */
import type Database from 'better-sqlite3';
export interface InstanceTreeReads {
    getInstanceTree(instanceId: string): string[];
}
/**
 * The tree is one recursive query over `idx_instances_parent`. `UNION` (not `UNION ALL`)
 * queues each id at most once, so even corrupt data with a parent cycle cannot loop; without
 * an ORDER BY SQLite extracts the queue FIFO, which yields breadth-first order, root first.
 */
export declare function prepareInstanceTreeReads(db: Database.Database): InstanceTreeReads;
