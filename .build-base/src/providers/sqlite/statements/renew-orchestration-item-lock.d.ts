/**
 * `renewOrchestrationItemLock`: keep a long turn's instance lock alive.
 * @module
 */
import type Database from 'better-sqlite3';
export type RenewOrchestrationItemLock = (lockToken: string, extendForMs: number, now: number) => void;
/**
 * Sets `locked_until = now + extendForMs` on the instance lock and its marked rows, only while
 * the lock is still valid: once expired another dispatcher may own the instance, so renewal
 * fails permanently and the turn's ack will fail too.
 */
export declare function prepareRenewOrchestrationItemLock(db: Database.Database): RenewOrchestrationItemLock;
