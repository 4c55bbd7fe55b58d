/**
 * `poisoned_items`: quarantining a queue row the fetch cannot process, and the operator's read.
 * @module
 */
import type Database from 'better-sqlite3';
import type {
  PoisonedItemPage,
  PoisonedItemQuery,
  PoisonedItemReport,
  PoisonedQueue,
} from '../../provider.js';
import {
  type PoisonedRow,
  poisonedPage,
  poisonedPageBounds,
} from '../../shared/queue-row-decoding.js';

export interface PoisonedItems {
  /**
   * Moves queue row `id` to `poisoned_items` with `reason` (inside the caller's transaction);
   * returns the report, or undefined when the row is gone.
   */
  quarantine(
    queue: PoisonedQueue,
    id: number,
    reason: string,
    now: number,
  ): PoisonedItemReport | undefined;
  list(query: PoisonedItemQuery): PoisonedItemPage;
  /** Deletes the rows poisoned before `poisonedBefore`; returns how many. */
  prune(poisonedBefore: number): number;
}

interface MovedRow {
  id: number;
  instance_id: string | null;
  item_type: string | null;
  size_bytes: number;
}

export function preparePoisonedItems(db: Database.Database): PoisonedItems {
  const move = (source: string, itemType: string) =>
    db.prepare<{ id: number; reason: string; now: number; queue: string }, MovedRow>(
      `INSERT INTO poisoned_items (queue, source_id, instance_id, item_type, work_item, size_bytes,
                                   attempt_count, reason, enqueued_at, poisoned_at)
       SELECT @queue, id, instance_id, ${itemType}, work_item, octet_length(work_item), attempt_count,
              @reason, created_at, @now
       FROM ${source} WHERE id = @id
       RETURNING id, instance_id, item_type, size_bytes`,
    );
  const moves = {
    orchestrator: move('orchestrator_queue', 'item_type'),
    worker: move('worker_queue', "'ActivityExecute'"),
  };
  const deletes = {
    orchestrator: db.prepare<{ id: number }>('DELETE FROM orchestrator_queue WHERE id = @id'),
    worker: db.prepare<{ id: number }>('DELETE FROM worker_queue WHERE id = @id'),
  };
  const select = db.prepare<{ beforeId: number; limit: number }, PoisonedRow>(
    `SELECT id, queue, instance_id, item_type, reason, size_bytes, attempt_count, enqueued_at,
            poisoned_at, substr(work_item, 1, 200) AS preview
     FROM poisoned_items WHERE id < @beforeId ORDER BY id DESC LIMIT @limit`,
  );
  const deleteOld = db.prepare<{ before: number }>(
    'DELETE FROM poisoned_items WHERE poisoned_at < @before',
  );
  return {
    quarantine(queue, id, reason, now) {
      const moved = moves[queue].get({ id, reason, now, queue });
      if (moved === undefined) return undefined;
      deletes[queue].run({ id });
      return {
        poisonId: moved.id,
        queue,
        instanceId: moved.instance_id ?? undefined,
        itemType: moved.item_type ?? undefined,
        reason,
        sizeBytes: moved.size_bytes,
      };
    },
    list(query) {
      const { limit, beforeId } = poisonedPageBounds(query);
      return poisonedPage(select.all({ beforeId, limit: limit + 1 }), limit);
    },
    prune(poisonedBefore) {
      return deleteOld.run({ before: poisonedBefore }).changes;
    },
  };
}
