/**
 * Execution read model queries: `getExecution`, `listExecutions`.
 * @module
 */
import type Database from 'better-sqlite3';
import type { ExecutionRecord } from '../../provider.js';
export interface ExecutionReads {
    getExecution(instanceId: string, executionId: number): ExecutionRecord | null;
    listExecutions(instanceId: string): number[];
}
/** Reads execution rows; `eventCount` is counted over the execution's history (PK range scan). */
export declare function prepareExecutionReads(db: Database.Database): ExecutionReads;
