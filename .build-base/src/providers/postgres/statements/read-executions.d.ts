/**
 * Execution read model queries: `getExecution`, `listExecutions`.
 * @module
 */
import type { ExecutionRecord } from '../../provider.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
export interface ExecutionReads {
    getExecution(db: Queryable, instanceId: string, executionId: number): Promise<ExecutionRecord | null>;
    listExecutions(db: Queryable, instanceId: string): Promise<number[]>;
}
/** Reads execution rows; `eventCount` is counted over the execution's history (PK range scan). */
export declare function prepareExecutionReads(ctx: StatementContext): ExecutionReads;
