/**
 * The execution read model row both providers select, and its mapping to {@link ExecutionRecord}.
 * @module
 */
import type { ExecutionRecord, ExecutionStatus } from '../provider.js';
/** One execution with `event_count`, the number of its history rows. */
export interface ExecutionRow {
    execution_id: number;
    orchestration_name: string | null;
    orchestration_version: string | null;
    status: ExecutionStatus;
    output: string | null;
    started_at: number;
    completed_at: number | null;
    event_count: number;
}
export declare function toExecutionRecord(row: ExecutionRow): ExecutionRecord;
