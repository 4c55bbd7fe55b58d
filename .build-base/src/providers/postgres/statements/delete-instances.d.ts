/**
 * `deleteInstances` and `deleteInstanceBulk`: removing instances with everything they own.
 * @module
 */
import type { DeleteInstancesResult, InstanceSelectionFilter } from '../../provider.js';
import type { Transactional } from '../database.js';
import type { InstanceTreeReads } from './read-instance-tree.js';
import type { StatementContext } from './statement-context.js';
export interface InstanceDeletion {
    deleteInstances(db: Transactional, instanceIds: readonly string[], force: boolean): Promise<DeleteInstancesResult>;
    /** Also returns the deleted ids, for signals. */
    deleteInstanceBulk(db: Transactional, filter: InstanceSelectionFilter): Promise<DeleteInstancesResult & {
        readonly deletedIds: string[];
    }>;
}
/**
 * One transaction per call, covering history, executions, both queues, instance locks, KV
 * store and delta, and instance rows. The instance rows are locked first (`FOR UPDATE`, in id order so
 * two deletions cannot deadlock), then checked, then every table is cleared with one
 * statement keyed on `instance_id = ANY($1)` (a primary key or index prefix in each table).
 */
export declare function prepareInstanceDeletion(ctx: StatementContext, trees: InstanceTreeReads): InstanceDeletion;
