/**
 * `renewOrchestrationItemLock`: keep a long turn's instance lock alive.
 * @module
 */
import type Database from 'better-sqlite3';
import { ownTransaction } from './own-transaction.js';
import { instanceLockNotRenewedError } from '../../shared/lock-token-errors.js';

export type RenewOrchestrationItemLock = (
  lockToken: string,
  extendForMs: number,
  now: number,
) => void;

/**
 * Sets `locked_until = now + extendForMs` on the instance lock and its marked rows, only while
 * the lock is still valid: once expired another dispatcher may own the instance, so renewal
 * fails permanently and the turn's ack will fail too.
 */
export function prepareRenewOrchestrationItemLock(
  db: Database.Database,
): RenewOrchestrationItemLock {
  const renewLock = db.prepare<{ token: string; lockedUntil: number; now: number }>(
    `UPDATE instance_locks SET locked_until = @lockedUntil
     WHERE lock_token = @token AND locked_until > @now`,
  );
  const renewRows = db.prepare<{ token: string; lockedUntil: number }>(
    'UPDATE orchestrator_queue SET locked_until = @lockedUntil WHERE lock_token = @token',
  );

  const tx = ownTransaction(db, (token: string, extendForMs: number, now: number): void => {
    const lockedUntil = now + extendForMs;
    if (renewLock.run({ token, lockedUntil, now }).changes === 0) {
      throw instanceLockNotRenewedError(token);
    }
    renewRows.run({ token, lockedUntil });
  });

  return (lockToken, extendForMs, now) => tx(lockToken, extendForMs, now);
}
