import type { InstanceSelectionFilter, PruneExecutionsOptions, PruneExecutionsResult } from '../../provider.js';
import type { Transactional } from '../database.js';
import type { StatementContext } from './statement-context.js';
export interface ExecutionPruning {
    /** One transaction. */
    pruneExecutions(db: Transactional, instanceId: string, options: PruneExecutionsOptions): Promise<PruneExecutionsResult>;
    /** One transaction per instance, so no lock is held for the whole batch. */
    pruneExecutionsBulk(db: Transactional, filter: InstanceSelectionFilter, options: PruneExecutionsOptions): Promise<PruneExecutionsResult>;
}
/**
 * The current execution is always kept — it is the one the runtime appends to — and so is
 * any `Running` one; KV state is never touched. The instance row is locked first so a
 * concurrent ack moving the current execution cannot interleave.
 */
export declare function prepareExecutionPruning(ctx: StatementContext): ExecutionPruning;
