/**
 * Instance read model queries: `getInstance`, `instanceExists`, `listInstances`,
 * `listInstancesByStatus`, `getCustomStatus`.
 * @module
 */
import type Database from 'better-sqlite3';
import type { ExecutionStatus, InstanceRecord } from '../../provider.js';
export interface InstanceReads {
    getInstance(instanceId: string): InstanceRecord | null;
    instanceExists(instanceId: string): boolean;
    listInstances(): string[];
    listInstancesByStatus(status: ExecutionStatus): string[];
    getCustomStatus(instanceId: string, lastSeenVersion: number): {
        value: string | null;
        version: number;
    } | null;
}
/** The columns of an {@link InstanceRow}: instance columns plus the current execution's status and output (alias `i`, `e`). */
export declare const INSTANCE_COLUMNS = "i.instance_id, i.orchestration_name, i.orchestration_version, i.current_execution_id,\n  COALESCE(e.status, 'Running') AS status, e.output, i.created_at, i.updated_at,\n  i.parent_instance_id, i.custom_status, i.custom_status_version, i.version_pin, i.next_version";
/** Instances joined with their current execution. */
export declare const INSTANCE_FROM = "FROM instances i\n  LEFT JOIN executions e ON e.instance_id = i.instance_id AND e.execution_id = i.current_execution_id";
/** An instance exists once its row does, or while a start for it is queued (`found` 1 or 0). */
export declare const INSTANCE_EXISTS_SQL = "\n  SELECT EXISTS (SELECT 1 FROM instances WHERE instance_id = @instanceId)\n      OR EXISTS (SELECT 1 FROM orchestrator_queue\n                 WHERE instance_id = @instanceId AND item_type = 'StartOrchestration') AS found";
/**
 * `status`/`output` come from the instance's *current* execution; newest-first ordering is by
 * creation time with the id as a deterministic tie-break.
 */
export declare function prepareInstanceReads(db: Database.Database): InstanceReads;
