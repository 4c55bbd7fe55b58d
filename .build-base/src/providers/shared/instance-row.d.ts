/**
 * The instance read model row both providers select (instance columns plus the current
 * execution's status and output), and its mapping to {@link InstanceRecord}.
 * @module
 */
import type { ExecutionStatus, InstanceRecord } from '../provider.js';
/**
 * One instance joined with its current execution, as both providers' SQL names the columns
 * (`status` is `COALESCE(e.status, 'Running')`).
 */
export interface InstanceRow {
    instance_id: string;
    orchestration_name: string;
    orchestration_version: string | null;
    current_execution_id: number;
    status: ExecutionStatus;
    output: string | null;
    created_at: number;
    updated_at: number;
    parent_instance_id: string | null;
    custom_status: string | null;
    custom_status_version: number;
    /** Absent when the query does not select it. */
    version_pin?: string | null;
    next_version?: string | null;
}
export declare function toInstanceRecord(row: InstanceRow): InstanceRecord;
