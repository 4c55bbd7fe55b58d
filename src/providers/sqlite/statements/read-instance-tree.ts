/**
 * Parent/child reads: `listChildren`, `getParentId`, `getInstanceTree`.
 * @module
 */
import type Database from 'better-sqlite3';
import { InstanceNotFoundError } from '../../../core/errors/duroxide-error.js';

export interface InstanceTreeReads {
  listChildren(instanceId: string): string[];
  getParentId(instanceId: string): string | null;
  getInstanceTree(instanceId: string): string[];
}

/**
 * The tree is one recursive query over `idx_instances_parent`. `UNION` (not `UNION ALL`)
 * queues each id at most once, so even corrupt data with a parent cycle cannot loop; without
 * an ORDER BY SQLite extracts the queue FIFO, which yields breadth-first order, root first.
 */
export function prepareInstanceTreeReads(db: Database.Database): InstanceTreeReads {
  const selectChildren = db
    .prepare<{ instanceId: string }, string>(
      `SELECT instance_id FROM instances WHERE parent_instance_id = @instanceId
       ORDER BY created_at, instance_id`,
    )
    .pluck();
  const selectParent = db.prepare<{ instanceId: string }, { parent_instance_id: string | null }>(
    'SELECT parent_instance_id FROM instances WHERE instance_id = @instanceId',
  );
  const selectTree = db
    .prepare<{ instanceId: string }, string>(
      `WITH RECURSIVE tree (instance_id) AS (
         SELECT instance_id FROM instances WHERE instance_id = @instanceId
         UNION
         SELECT c.instance_id FROM instances c JOIN tree t ON c.parent_instance_id = t.instance_id
       )
       SELECT instance_id FROM tree`,
    )
    .pluck();

  return {
    listChildren(instanceId) {
      return selectChildren.all({ instanceId });
    },
    getParentId(instanceId) {
      const row = selectParent.get({ instanceId });
      if (row === undefined) throw new InstanceNotFoundError(instanceId);
      return row.parent_instance_id;
    },
    getInstanceTree(instanceId) {
      return selectTree.all({ instanceId });
    },
  };
}
