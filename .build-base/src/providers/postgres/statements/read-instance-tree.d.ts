/**
 * Tree read: `getInstanceTree`.
 * @module
 */
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
export interface InstanceTreeReads {
    getInstanceTree(db: Queryable, instanceId: string): Promise<string[]>;
}
/**
 * The tree is one recursive query over `idx_instances_parent`. `UNION` (not `UNION ALL`) keeps
 * each id once, so even corrupt data with a parent cycle cannot loop; the recursion depth is
 * carried along and ordered on, which yields breadth-first order, root first.
 */
export declare function prepareInstanceTreeReads(ctx: StatementContext): InstanceTreeReads;
