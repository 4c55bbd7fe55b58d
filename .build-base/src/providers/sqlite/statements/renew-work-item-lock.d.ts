/**
 * `renewWorkItemLock`: keep a running activity's lock alive.
 * @module
 */
import type Database from 'better-sqlite3';
export type RenewWorkItemLock = (lockToken: string, extendForMs: number, now: number) => void;
/**
 * Extends a still-valid lock. A missing row (cancelled by the orchestration) or an expired lock
 * is a permanent error, which the worker treats as "cancel this activity". A session-bound row
 * also records activity on its session (when the session lease is still valid).
 */
export declare function prepareRenewWorkItemLock(db: Database.Database): RenewWorkItemLock;
