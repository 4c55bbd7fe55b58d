/**
 * INSERT into `orchestrator_queue` — shared by enqueue, orchestration ack and work-item ack.
 * @module
 */
import type Database from 'better-sqlite3';
import type { WorkItem } from '../../../core/history/work-item.js';
/** Inserts one item for its target instance's queue; returns the `visible_at` stored. */
export type InsertOrchestratorItem = (item: WorkItem, visibleAt: number, now: number) => number;
/**
 * Prepares the insert. The row's `instance_id` is the item's target instance (`SubOrch*`
 * completions go to the parent); `item_type` is copied out for `instanceExists`.
 * Never touches `instances`: instance rows are created only by an orchestration ack.
 */
export declare function prepareInsertOrchestratorItem(db: Database.Database): InsertOrchestratorItem;
