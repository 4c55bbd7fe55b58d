/**
 * `deleteInstances` and `deleteInstanceBulk`: removing instances with everything they own.
 * @module
 */
import type Database from 'better-sqlite3';
import type { DeleteInstancesResult, InstanceSelectionFilter } from '../../provider.js';
import {
  childOutsideDeletionError,
  DEFAULT_BULK_LIMIT,
  instanceStillRunningError,
  NOTHING_DELETED as NOTHING,
} from '../../shared/management-results.js';
import { StatementCache } from '../statement-cache.js';
import type { InstanceTreeReads } from './read-instance-tree.js';

export interface InstanceDeletion {
  /** Runs in its own `BEGIN IMMEDIATE` transaction. */
  deleteInstances(instanceIds: readonly string[], force: boolean): DeleteInstancesResult;
  /** Runs in its own `BEGIN IMMEDIATE` transaction; returns the deleted ids for signals. */
  deleteInstanceBulk(
    filter: InstanceSelectionFilter,
  ): DeleteInstancesResult & { readonly deletedIds: string[] };
}

/** `@ids` is a JSON array; `json_each` turns it into a set SQLite can probe with an index. */
const IN_IDS = '(SELECT value FROM json_each(@ids))';

/**
 * Every statement keys on `instance_id` (a primary key or index prefix in each table), so the
 * cost is proportional to what is deleted. Counts come from each DELETE's `changes`.
 */
export function prepareInstanceDeletion(
  db: Database.Database,
  trees: InstanceTreeReads,
): InstanceDeletion {
  type Ids = { ids: string };
  const selectExisting = db
    .prepare<Ids, string>(`SELECT instance_id FROM instances WHERE instance_id IN ${IN_IDS}`)
    .pluck();
  const selectRunning = db
    .prepare<Ids, string>(
      `SELECT i.instance_id FROM instances i
       LEFT JOIN executions e ON e.instance_id = i.instance_id AND e.execution_id = i.current_execution_id
       WHERE i.instance_id IN ${IN_IDS} AND COALESCE(e.status, 'Running') = 'Running'
       LIMIT 1`,
    )
    .pluck();
  const selectOutsideChild = db.prepare<Ids, { instance_id: string; parent_instance_id: string }>(
    `SELECT instance_id, parent_instance_id FROM instances
     WHERE parent_instance_id IN ${IN_IDS} AND instance_id NOT IN ${IN_IDS}
     LIMIT 1`,
  );
  const deleteHistory = db.prepare<Ids>(`DELETE FROM history WHERE instance_id IN ${IN_IDS}`);
  const deleteExecutions = db.prepare<Ids>(`DELETE FROM executions WHERE instance_id IN ${IN_IDS}`);
  const deleteOrchestratorRows = db.prepare<Ids>(
    `DELETE FROM orchestrator_queue WHERE instance_id IN ${IN_IDS}`,
  );
  // A sub-orchestration scheduled by a listed instance whose first turn has not run yet exists
  // only as this queued start; left behind, it would later create a child whose parent is gone.
  const deletePendingChildStarts = db.prepare<Ids>(
    `DELETE FROM orchestrator_queue
     WHERE item_type = 'StartOrchestration' AND json_extract(work_item, '$.parent.instanceId') IN ${IN_IDS}`,
  );
  const deleteWorkerRows = db.prepare<Ids>(
    `DELETE FROM worker_queue WHERE instance_id IN ${IN_IDS}`,
  );
  const deleteLocks = db.prepare<Ids>(`DELETE FROM instance_locks WHERE instance_id IN ${IN_IDS}`);
  const deleteKvStore = db.prepare<Ids>(`DELETE FROM kv_store WHERE instance_id IN ${IN_IDS}`);
  const deleteKvDelta = db.prepare<Ids>(`DELETE FROM kv_delta WHERE instance_id IN ${IN_IDS}`);
  const deletePoisoned = db.prepare<Ids>(
    `DELETE FROM poisoned_items WHERE instance_id IN ${IN_IDS}`,
  );
  const deleteInstanceRows = db.prepare<Ids>(
    `DELETE FROM instances WHERE instance_id IN ${IN_IDS}`,
  );
  const bulkSelects = new StatementCache(db);

  /** The body of one deletion; the caller provides the transaction. */
  function deleteExisting(instanceIds: readonly string[], force: boolean): DeleteInstancesResult {
    const existing = selectExisting.all({ ids: JSON.stringify(instanceIds) });
    if (existing.length === 0) return NOTHING;
    const ids = JSON.stringify(existing);
    if (!force) {
      const running = selectRunning.get({ ids });
      if (running !== undefined) {
        throw instanceStillRunningError(running);
      }
    }
    const outside = selectOutsideChild.get({ ids });
    if (outside !== undefined) {
      throw childOutsideDeletionError(outside.instance_id, outside.parent_instance_id);
    }
    const eventsDeleted = deleteHistory.run({ ids }).changes;
    const executionsDeleted = deleteExecutions.run({ ids }).changes;
    const queueMessagesDeleted =
      deleteOrchestratorRows.run({ ids }).changes +
      deletePendingChildStarts.run({ ids }).changes +
      deleteWorkerRows.run({ ids }).changes;
    // Without its lock row, an in-flight turn's ack finds its token unknown and fails, so a
    // force-deleted instance is never recreated by a zombie turn.
    deleteLocks.run({ ids });
    // KV goes with the instance (not counted in the result); sessions are deliberately not
    // touched: they are not scoped to an instance and expire on their own.
    deleteKvStore.run({ ids });
    deleteKvDelta.run({ ids });
    // Its quarantined rows too (not counted): nothing could deliver them any more.
    deletePoisoned.run({ ids });
    const instancesDeleted = deleteInstanceRows.run({ ids }).changes;
    return { instancesDeleted, executionsDeleted, eventsDeleted, queueMessagesDeleted };
  }

  /**
   * Roots (no parent, or a parent that no longer exists) whose current execution is
   * terminal, oldest completion first.
   */
  function selectBulkRoots(filter: InstanceSelectionFilter): string[] {
    const conditions = [
      "e.status IN ('Completed', 'Failed', 'ContinuedAsNew')",
      `(i.parent_instance_id IS NULL
        OR NOT EXISTS (SELECT 1 FROM instances p WHERE p.instance_id = i.parent_instance_id))`,
    ];
    const params: Record<string, unknown> = { limit: filter.limit ?? DEFAULT_BULK_LIMIT };
    if (filter.instanceIds !== undefined) {
      conditions.push(`i.instance_id IN ${IN_IDS}`);
      params['ids'] = JSON.stringify(filter.instanceIds);
    }
    if (filter.completedBefore !== undefined) {
      conditions.push('e.completed_at < @completedBefore');
      params['completedBefore'] = filter.completedBefore;
    }
    return bulkSelects
      .get<Record<string, unknown>, { instance_id: string }>(
        `SELECT i.instance_id FROM instances i
         JOIN executions e ON e.instance_id = i.instance_id AND e.execution_id = i.current_execution_id
         WHERE ${conditions.join(' AND ')}
         ORDER BY e.completed_at, i.instance_id
         LIMIT @limit`,
      )
      .all(params)
      .map((r) => r.instance_id);
  }

  const deleteTx = db.transaction(deleteExisting);
  const bulkTx = db.transaction((filter: InstanceSelectionFilter) => {
    const ids = new Set<string>();
    for (const root of selectBulkRoots(filter)) {
      for (const id of trees.getInstanceTree(root)) ids.add(id);
    }
    const deletedIds = [...ids];
    // Whole trees, forced: a terminal root may still have a running child.
    return { ...deleteExisting(deletedIds, true), deletedIds };
  });

  return {
    deleteInstances(instanceIds, force) {
      return deleteTx.immediate(instanceIds, force);
    },
    deleteInstanceBulk(filter) {
      if (filter.instanceIds !== undefined && filter.instanceIds.length === 0)
        return { ...NOTHING, deletedIds: [] };
      return bulkTx.immediate(filter);
    },
  };
}
