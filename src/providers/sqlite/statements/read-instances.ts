/**
 * Instance read model queries: `getInstance`, `instanceExists`, `listInstances`,
 * `listInstancesByStatus`, `getCustomStatus`.
 * @module
 */
import type Database from 'better-sqlite3';
import type { ExecutionStatus, InstanceRecord, QueuedStartRecord } from '../../provider.js';
import { type InstanceRow, toInstanceRecord } from '../../shared/instance-row.js';

export interface InstanceReads {
  getInstance(instanceId: string): InstanceRecord | null;
  instanceExists(instanceId: string): boolean;
  getQueuedStart(instanceId: string, now: number): QueuedStartRecord | null;
  listInstances(): string[];
  listInstancesByStatus(status: ExecutionStatus): string[];
  getCustomStatus(
    instanceId: string,
    lastSeenVersion: number,
  ): { value: string | null; version: number } | null;
}

/** The columns of an {@link InstanceRow}: instance columns plus the current execution's status and output (alias `i`, `e`). */
export const INSTANCE_COLUMNS = `i.instance_id, i.orchestration_name, i.orchestration_version, i.current_execution_id,
  COALESCE(e.status, 'Running') AS status, e.output, i.created_at, i.updated_at,
  i.parent_instance_id, i.custom_status, i.custom_status_version, i.version_pin, i.next_version`;

/** Instances joined with their current execution. */
export const INSTANCE_FROM = `FROM instances i
  LEFT JOIN executions e ON e.instance_id = i.instance_id AND e.execution_id = i.current_execution_id`;

/** An instance exists once its row does, or while a start for it is queued (`found` 1 or 0). */
export const INSTANCE_EXISTS_SQL = `
  SELECT EXISTS (SELECT 1 FROM instances WHERE instance_id = @instanceId)
      OR EXISTS (SELECT 1 FROM orchestrator_queue
                 WHERE instance_id = @instanceId AND item_type = 'StartOrchestration') AS found`;

/**
 * `status`/`output` come from the instance's *current* execution; newest-first ordering is by
 * creation time with the id as a deterministic tie-break.
 */
export function prepareInstanceReads(db: Database.Database): InstanceReads {
  const selectInstance = db.prepare<{ instanceId: string }, InstanceRow>(
    `SELECT ${INSTANCE_COLUMNS} ${INSTANCE_FROM} WHERE i.instance_id = @instanceId`,
  );
  const selectExists = db.prepare<{ instanceId: string }, { found: number }>(INSTANCE_EXISTS_SQL);
  const selectQueuedStart = db.prepare<
    { instanceId: string; now: number },
    { attempt_count: number; locked: number }
  >(
    `SELECT attempt_count, (lock_token IS NOT NULL AND locked_until > @now) AS locked
     FROM orchestrator_queue WHERE instance_id = @instanceId AND item_type = 'StartOrchestration'
     ORDER BY id LIMIT 1`,
  );
  const selectAll = db
    .prepare<[], string>('SELECT instance_id FROM instances ORDER BY created_at DESC, instance_id')
    .pluck();
  const selectByStatus = db
    .prepare<{ status: string }, string>(
      `SELECT i.instance_id FROM instances i
       JOIN executions e ON e.instance_id = i.instance_id AND e.execution_id = i.current_execution_id
       WHERE e.status = @status
       ORDER BY i.created_at DESC, i.instance_id`,
    )
    .pluck();
  const selectCustomStatus = db.prepare<
    { instanceId: string; lastSeenVersion: number },
    { custom_status: string | null; custom_status_version: number }
  >(
    `SELECT custom_status, custom_status_version FROM instances
     WHERE instance_id = @instanceId AND custom_status_version > @lastSeenVersion`,
  );

  return {
    getInstance(instanceId) {
      const row = selectInstance.get({ instanceId });
      return row === undefined ? null : toInstanceRecord(row);
    },
    instanceExists(instanceId) {
      return selectExists.get({ instanceId })?.found === 1;
    },
    getQueuedStart(instanceId, now) {
      const row = selectQueuedStart.get({ instanceId, now });
      return row === undefined
        ? null
        : { attemptCount: row.attempt_count, locked: row.locked === 1 };
    },
    listInstances() {
      return selectAll.all();
    },
    listInstancesByStatus(status) {
      return selectByStatus.all({ status });
    },
    getCustomStatus(instanceId, lastSeenVersion) {
      const row = selectCustomStatus.get({ instanceId, lastSeenVersion });
      return row === undefined
        ? null
        : { value: row.custom_status, version: row.custom_status_version };
    },
  };
}
