/**
 * Instance read model queries: `getInstance`, `instanceExists`, `listInstances`,
 * `listInstancesByStatus`, `getCustomStatus`.
 * @module
 */
import type { ExecutionStatus, InstanceRecord, QueuedStartRecord } from '../../provider.js';
import { type InstanceRow, toInstanceRecord } from '../../shared/instance-row.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
import { table } from './statement-context.js';

export interface InstanceReads {
  getInstance(db: Queryable, instanceId: string): Promise<InstanceRecord | null>;
  instanceExists(db: Queryable, instanceId: string): Promise<boolean>;
  getQueuedStart(db: Queryable, instanceId: string, now: number): Promise<QueuedStartRecord | null>;
  listInstances(db: Queryable): Promise<string[]>;
  listInstancesByStatus(db: Queryable, status: ExecutionStatus): Promise<string[]>;
  getCustomStatus(
    db: Queryable,
    instanceId: string,
    lastSeenVersion: number,
  ): Promise<{ value: string | null; version: number } | null>;
}

/** The SELECT list and FROM clause producing {@link InstanceRow}s (`i` = instances, `e` = current execution). */
export function instanceRowSelect(ctx: StatementContext): string {
  return `
    SELECT i.instance_id, i.orchestration_name, i.orchestration_version, i.current_execution_id,
           COALESCE(e.status, 'Running') AS status, e.output, i.created_at, i.updated_at,
           i.parent_instance_id, i.custom_status, i.custom_status_version, i.version_pin, i.next_version
    FROM ${table(ctx, 'instances')} i
    LEFT JOIN ${table(ctx, 'executions')} e ON e.instance_id = i.instance_id AND e.execution_id = i.current_execution_id`;
}

/**
 * `status`/`output` come from the instance's *current* execution; newest-first ordering is by
 * creation time with the id as a deterministic tie-break.
 */
export function prepareInstanceReads(ctx: StatementContext): InstanceReads {
  const instances = table(ctx, 'instances');
  const selectInstanceSql = `${instanceRowSelect(ctx)} WHERE i.instance_id = $1`;
  const selectExistsSql = `
    SELECT EXISTS (SELECT 1 FROM ${instances} WHERE instance_id = $1)
        OR EXISTS (SELECT 1 FROM ${table(ctx, 'orchestrator_queue')}
                   WHERE instance_id = $1 AND item_type = 'StartOrchestration') AS found`;
  const selectQueuedStartSql = `
    SELECT attempt_count, (lock_token IS NOT NULL AND locked_until > $2) AS locked
    FROM ${table(ctx, 'orchestrator_queue')}
    WHERE instance_id = $1 AND item_type = 'StartOrchestration' ORDER BY id LIMIT 1`;
  const selectAllSql = `SELECT instance_id FROM ${instances} ORDER BY created_at DESC, instance_id`;
  const selectByStatusSql = `
    SELECT i.instance_id FROM ${instances} i
    JOIN ${table(ctx, 'executions')} e ON e.instance_id = i.instance_id AND e.execution_id = i.current_execution_id
    WHERE e.status = $1
    ORDER BY i.created_at DESC, i.instance_id`;
  const selectCustomStatusSql = `
    SELECT custom_status, custom_status_version FROM ${instances}
    WHERE instance_id = $1 AND custom_status_version > $2`;

  return {
    async getInstance(db, instanceId) {
      const row = (await db.query<InstanceRow>(selectInstanceSql, [instanceId], true)).rows[0];
      return row === undefined ? null : toInstanceRecord(row);
    },
    async instanceExists(db, instanceId) {
      return (
        (await db.query<{ found: boolean }>(selectExistsSql, [instanceId])).rows[0]?.found === true
      );
    },
    async getQueuedStart(db, instanceId, now) {
      const row = (
        await db.query<{ attempt_count: number; locked: boolean }>(selectQueuedStartSql, [
          instanceId,
          now,
        ])
      ).rows[0];
      return row === undefined
        ? null
        : { attemptCount: Number(row.attempt_count), locked: row.locked };
    },
    async listInstances(db) {
      return (await db.query<{ instance_id: string }>(selectAllSql)).rows.map((r) => r.instance_id);
    },
    async listInstancesByStatus(db, status) {
      return (await db.query<{ instance_id: string }>(selectByStatusSql, [status])).rows.map(
        (r) => r.instance_id,
      );
    },
    async getCustomStatus(db, instanceId, lastSeenVersion) {
      const row = (
        await db.query<{ custom_status: string | null; custom_status_version: number }>(
          selectCustomStatusSql,
          [instanceId, lastSeenVersion],
        )
      ).rows[0];
      return row === undefined
        ? null
        : { value: row.custom_status, version: row.custom_status_version };
    },
  };
}
