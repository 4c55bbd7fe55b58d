/**
 * `renewWorkItemLock`: keep a running activity's lock alive.
 * @module
 */
import type Database from 'better-sqlite3';
import { ownTransaction } from './own-transaction.js';
import { workLockLostError } from '../../shared/lock-token-errors.js';
import { prepareTouchSession } from './touch-session.js';

export type RenewWorkItemLock = (lockToken: string, extendForMs: number, now: number) => void;

/**
 * Extends a still-valid lock. A missing row (cancelled by the orchestration) or an expired lock
 * is a permanent error, which the worker treats as "cancel this activity". A session-bound row
 * also records activity on its session (when the session lease is still valid).
 */
export function prepareRenewWorkItemLock(db: Database.Database): RenewWorkItemLock {
  const renew = db.prepare<
    { token: string; lockedUntil: number; now: number },
    { session_id: string | null }
  >(
    `UPDATE worker_queue SET locked_until = @lockedUntil WHERE lock_token = @token AND locked_until > @now
     RETURNING session_id`,
  );
  const touchSession = prepareTouchSession(db);
  const tx = ownTransaction(db, (token: string, extendForMs: number, now: number): void => {
    const renewed = renew.get({ token, lockedUntil: now + extendForMs, now });
    if (renewed === undefined) {
      throw workLockLostError('renewWorkItemLock', token);
    }
    if (renewed.session_id !== null) touchSession(renewed.session_id, now);
  });
  return (lockToken, extendForMs, now) => tx(lockToken, extendForMs, now);
}
