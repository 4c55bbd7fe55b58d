import type Database from 'better-sqlite3';
import type { FetchWorkOptions, LockedWorkItem } from '../../provider.js';
export type FetchWorkItem = (options: FetchWorkOptions, now: number) => LockedWorkItem | null;
/**
 * FIFO by row id among rows that are visible, not validly locked (never locked, or the lock
 * expired — at-least-once redelivery), accepted by the tag filter, not excluded by activity
 * name, and routable to this caller's session owner. Locks the row with a new token and counts
 * the attempt; a session-bound row also claims (or renews) its session for the owner:
 * `worker_id = ownerId`, `locked_until = now + session.lockTimeoutMs`, `last_activity_at =
 * now`. All in one `BEGIN IMMEDIATE` transaction, so two processes sharing the file never take
 * the same row or both claim one session.
 */
export declare function prepareFetchWorkItem(db: Database.Database): FetchWorkItem;
