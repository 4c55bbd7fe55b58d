/**
 * `deleteInstances` and `deleteInstanceBulk`: removing instances with everything they own.
 * @module
 */
import type { DeleteInstancesResult, InstanceSelectionFilter } from '../../provider.js';
import {
  childOutsideDeletionError,
  DEFAULT_BULK_LIMIT,
  instanceStillRunningError,
  NOTHING_DELETED as NOTHING,
} from '../../shared/management-results.js';
import type { Queryable, Transactional } from '../database.js';
import type { InstanceTreeReads } from './read-instance-tree.js';
import type { StatementContext } from './statement-context.js';
import { table } from './statement-context.js';

export interface InstanceDeletion {
  deleteInstances(
    db: Transactional,
    instanceIds: readonly string[],
    force: boolean,
  ): Promise<DeleteInstancesResult>;
  /** Also returns the deleted ids, for signals. */
  deleteInstanceBulk(
    db: Transactional,
    filter: InstanceSelectionFilter,
  ): Promise<DeleteInstancesResult & { readonly deletedIds: string[] }>;
}

/**
 * One transaction per call, covering history, executions, both queues, instance locks, KV
 * store and delta, quarantined rows, and instance rows. The instance rows are locked first (`FOR UPDATE`, in id order so
 * two deletions cannot deadlock), then checked, then every table is cleared with one
 * statement keyed on `instance_id = ANY($1)` (a primary key or index prefix in each table).
 */
export function prepareInstanceDeletion(
  ctx: StatementContext,
  trees: InstanceTreeReads,
): InstanceDeletion {
  const instances = table(ctx, 'instances');
  const executions = table(ctx, 'executions');
  const queue = table(ctx, 'orchestrator_queue');
  const lockExistingSql = `
    SELECT instance_id FROM ${instances} WHERE instance_id = ANY($1::text[]) ORDER BY instance_id FOR UPDATE`;
  const selectRunningSql = `
    SELECT i.instance_id FROM ${instances} i
    LEFT JOIN ${executions} e ON e.instance_id = i.instance_id AND e.execution_id = i.current_execution_id
    WHERE i.instance_id = ANY($1::text[]) AND COALESCE(e.status, 'Running') = 'Running'
    ORDER BY i.instance_id LIMIT 1`;
  const selectOutsideChildSql = `
    SELECT instance_id, parent_instance_id FROM ${instances}
    WHERE parent_instance_id = ANY($1::text[]) AND NOT (instance_id = ANY($1::text[]))
    LIMIT 1`;
  const deleteHistorySql = `DELETE FROM ${table(ctx, 'history')} WHERE instance_id = ANY($1::text[])`;
  const deleteExecutionsSql = `DELETE FROM ${executions} WHERE instance_id = ANY($1::text[])`;
  const deleteOrchestratorRowsSql = `DELETE FROM ${queue} WHERE instance_id = ANY($1::text[])`;
  // A sub-orchestration scheduled by a listed instance whose first turn has not run yet exists
  // only as this queued start; left behind, it would later create a child whose parent is gone.
  const deletePendingChildStartsSql = `
    DELETE FROM ${queue}
    WHERE item_type = 'StartOrchestration' AND (work_item::json -> 'parent' ->> 'instanceId') = ANY($1::text[])`;
  const deleteWorkerRowsSql = `DELETE FROM ${table(ctx, 'worker_queue')} WHERE instance_id = ANY($1::text[])`;
  const deleteLocksSql = `DELETE FROM ${table(ctx, 'instance_locks')} WHERE instance_id = ANY($1::text[])`;
  const deleteKvSql = `
    WITH store AS (DELETE FROM ${table(ctx, 'kv_store')} WHERE instance_id = ANY($1::text[]))
    DELETE FROM ${table(ctx, 'kv_delta')} WHERE instance_id = ANY($1::text[])`;
  const deletePoisonedSql = `DELETE FROM ${table(ctx, 'poisoned_items')} WHERE instance_id = ANY($1::text[])`;
  const deleteInstanceRowsSql = `DELETE FROM ${instances} WHERE instance_id = ANY($1::text[])`;

  /** The body of one deletion; the caller provides the transaction. */
  async function deleteExisting(
    tx: Queryable,
    instanceIds: readonly string[],
    force: boolean,
  ): Promise<DeleteInstancesResult> {
    const existing = (
      await tx.query<{ instance_id: string }>(lockExistingSql, [[...instanceIds]])
    ).rows.map((r) => r.instance_id);
    if (existing.length === 0) return NOTHING;
    if (!force) {
      const running = (await tx.query<{ instance_id: string }>(selectRunningSql, [existing]))
        .rows[0]?.instance_id;
      if (running !== undefined) {
        throw instanceStillRunningError(running);
      }
    }
    const outside = (
      await tx.query<{ instance_id: string; parent_instance_id: string }>(selectOutsideChildSql, [
        existing,
      ])
    ).rows[0];
    if (outside !== undefined) {
      throw childOutsideDeletionError(outside.instance_id, outside.parent_instance_id);
    }
    const eventsDeleted = (await tx.query(deleteHistorySql, [existing])).rowCount;
    const executionsDeleted = (await tx.query(deleteExecutionsSql, [existing])).rowCount;
    const queueMessagesDeleted =
      (await tx.query(deleteOrchestratorRowsSql, [existing])).rowCount +
      (await tx.query(deletePendingChildStartsSql, [existing])).rowCount +
      (await tx.query(deleteWorkerRowsSql, [existing])).rowCount;
    // Without its lock row, an in-flight turn's ack finds its token unknown and fails, so a
    // force-deleted instance is never recreated by a zombie turn.
    await tx.query(deleteLocksSql, [existing]);
    await tx.query(deleteKvSql, [existing]);
    // Its quarantined rows too (not counted): nothing could deliver them any more.
    await tx.query(deletePoisonedSql, [existing]);
    // Sessions are deliberately not touched.
    const instancesDeleted = (await tx.query(deleteInstanceRowsSql, [existing])).rowCount;
    return { instancesDeleted, executionsDeleted, eventsDeleted, queueMessagesDeleted };
  }

  /**
   * Roots (no parent, or a parent that no longer exists) whose current execution is
   * terminal, oldest completion first. Only the criteria present become conditions, so the
   * planner can use the status/completion index.
   */
  async function selectBulkRoots(
    tx: Queryable,
    filter: InstanceSelectionFilter,
  ): Promise<string[]> {
    const conditions = [
      "e.status IN ('Completed', 'Failed', 'ContinuedAsNew')",
      `(i.parent_instance_id IS NULL
        OR NOT EXISTS (SELECT 1 FROM ${instances} p WHERE p.instance_id = i.parent_instance_id))`,
    ];
    const params: unknown[] = [filter.limit ?? DEFAULT_BULK_LIMIT];
    if (filter.instanceIds !== undefined) {
      params.push([...filter.instanceIds]);
      conditions.push(`i.instance_id = ANY($${params.length}::text[])`);
    }
    if (filter.completedBefore !== undefined) {
      params.push(filter.completedBefore);
      conditions.push(`e.completed_at < $${params.length}`);
    }
    const { rows } = await tx.query<{ instance_id: string }>(
      `SELECT i.instance_id FROM ${instances} i
       JOIN ${executions} e ON e.instance_id = i.instance_id AND e.execution_id = i.current_execution_id
       WHERE ${conditions.join(' AND ')}
       ORDER BY e.completed_at, i.instance_id
       LIMIT $1`,
      params,
    );
    return rows.map((r) => r.instance_id);
  }

  return {
    deleteInstances(db, instanceIds, force) {
      if (instanceIds.length === 0) return Promise.resolve(NOTHING);
      return db.transaction((tx) => deleteExisting(tx, instanceIds, force));
    },
    async deleteInstanceBulk(db, filter) {
      if (filter.instanceIds !== undefined && filter.instanceIds.length === 0)
        return { ...NOTHING, deletedIds: [] };
      return db.transaction(async (tx) => {
        const ids = new Set<string>();
        for (const root of await selectBulkRoots(tx, filter)) {
          for (const id of await trees.getInstanceTree(tx, root)) ids.add(id);
        }
        const deletedIds = [...ids];
        // Whole trees, forced: a terminal root may still have a running child.
        return { ...(await deleteExisting(tx, deletedIds, true)), deletedIds };
      });
    },
  };
}
