/**
 * `pruneExecutions` and `pruneExecutionsBulk`: deleting old executions of continue-as-new
 * chains.
 * @module
 */
import type Database from 'better-sqlite3';
import type { InstanceSelectionFilter, PruneExecutionsOptions, PruneExecutionsResult } from '../../provider.js';
export interface ExecutionPruning {
    /** Runs in its own `BEGIN IMMEDIATE` transaction. */
    pruneExecutions(instanceId: string, options: PruneExecutionsOptions): PruneExecutionsResult;
    /** One transaction per instance, so the write lock is never held for the whole batch. */
    pruneExecutionsBulk(filter: InstanceSelectionFilter, options: PruneExecutionsOptions): PruneExecutionsResult;
}
/**
 * The current execution is always kept — it is the one the runtime appends to — and so is
 * any `Running` one; KV state is never touched (values written by a pruned execution live on
 * in the instance's store).
 */
export declare function prepareExecutionPruning(db: Database.Database): ExecutionPruning;
