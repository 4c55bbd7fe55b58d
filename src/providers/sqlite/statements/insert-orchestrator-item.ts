/**
 * INSERT into `orchestrator_queue` — shared by enqueue, orchestration ack and work-item ack.
 * @module
 */
import type Database from 'better-sqlite3';
import type { WorkItem } from '../../../core/history/work-item.js';
import { targetInstance } from '../../../core/history/work-item.js';

/** Inserts one item for its target instance's queue; returns the `visible_at` stored. */
export type InsertOrchestratorItem = (item: WorkItem, visibleAt: number, now: number) => number;

/**
 * Prepares the insert. The row's `instance_id` is the item's target instance (`SubOrch*`
 * completions go to the parent); `item_type` is copied out for `instanceExists`.
 * Never touches `instances`: instance rows are created only by an orchestration ack.
 */
export function prepareInsertOrchestratorItem(db: Database.Database): InsertOrchestratorItem {
  const insert = db.prepare<{
    instanceId: string;
    itemType: string;
    workItem: string;
    visibleAt: number;
    now: number;
  }>(
    `INSERT INTO orchestrator_queue (instance_id, item_type, work_item, visible_at, attempt_count, created_at)
     VALUES (@instanceId, @itemType, @workItem, @visibleAt, 0, @now)`,
  );
  return (item, visibleAt, now) => {
    insert.run({
      instanceId: targetInstance(item),
      itemType: item.type,
      workItem: JSON.stringify(item),
      visibleAt,
      now,
    });
    return visibleAt;
  };
}
