/**
 * `deleteInstances` and `deleteInstanceBulk`: removing instances with everything they own.
 * @module
 */
import type Database from 'better-sqlite3';
import type { DeleteInstancesResult, InstanceSelectionFilter } from '../../provider.js';
import type { InstanceTreeReads } from './read-instance-tree.js';
export interface InstanceDeletion {
    /** Runs in its own `BEGIN IMMEDIATE` transaction. */
    deleteInstances(instanceIds: readonly string[], force: boolean): DeleteInstancesResult;
    /** Runs in its own `BEGIN IMMEDIATE` transaction; returns the deleted ids for signals. */
    deleteInstanceBulk(filter: InstanceSelectionFilter): DeleteInstancesResult & {
        readonly deletedIds: string[];
    };
}
/**
 * Every statement keys on `instance_id` (a primary key or index prefix in each table), so the
 * cost is proportional to what is deleted. Counts come from each DELETE's `changes`.
 */
export declare function prepareInstanceDeletion(db: Database.Database, trees: InstanceTreeReads): InstanceDeletion;
