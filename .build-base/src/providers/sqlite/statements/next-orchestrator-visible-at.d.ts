/**
 * `nextOrchestratorVisibleAt`: when the dispatcher should next look at the queue.
 * @module
 */
import type Database from 'better-sqlite3';
export type NextOrchestratorVisibleAt = (now: number) => number | null;
/**
 * The earliest future `visible_at` among rows not locked by a fetch. Rows of a currently
 * locked instance still count: their visibility is in the future, so the running turn did not
 * take them and they will need a fetch of their own.
 */
export declare function prepareNextOrchestratorVisibleAt(db: Database.Database): NextOrchestratorVisibleAt;
