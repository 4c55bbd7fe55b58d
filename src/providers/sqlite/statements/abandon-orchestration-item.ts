/**
 * `abandonOrchestrationItem`: give a fetched batch back without committing.
 * @module
 */
import type Database from 'better-sqlite3';
import { ownTransaction } from './own-transaction.js';
import type { AbandonOptions } from '../../provider.js';
import { instanceLockLostError } from '../../shared/lock-token-errors.js';

/** Returns when the released batch becomes visible again. */
export type AbandonOrchestrationItem = (
  lockToken: string,
  options: AbandonOptions,
  now: number,
) => number;

/**
 * Clears the rows' lock, optionally delays them (`visible_at = now + delayMs`, the runtime's
 * only backoff tool) and undoes the attempt when `ignoreAttempt`, then drops the instance
 * lock. Not idempotent: an unknown or expired token is a permanent error, because the batch
 * may already belong to another dispatcher.
 */
export function prepareAbandonOrchestrationItem(db: Database.Database): AbandonOrchestrationItem {
  const selectLock = db.prepare<{ token: string }, { instance_id: string; locked_until: number }>(
    'SELECT instance_id, locked_until FROM instance_locks WHERE lock_token = @token',
  );
  const releaseRows = db.prepare<{
    token: string;
    visibleAt: number | null;
    ignoreAttempt: number;
  }>(
    `UPDATE orchestrator_queue
     SET lock_token = NULL, locked_until = NULL,
         visible_at = COALESCE(@visibleAt, visible_at),
         attempt_count = CASE WHEN @ignoreAttempt = 1 THEN MAX(attempt_count - 1, 0) ELSE attempt_count END
     WHERE lock_token = @token`,
  );
  const deleteLock = db.prepare<{ token: string }>(
    'DELETE FROM instance_locks WHERE lock_token = @token',
  );

  const tx = ownTransaction(db, (token: string, options: AbandonOptions, now: number): number => {
    const lock = selectLock.get({ token });
    if (lock === undefined || lock.locked_until <= now) {
      throw instanceLockLostError(
        'abandonOrchestrationItem',
        token,
        lock === undefined ? 'unknown' : 'expired',
        lock?.instance_id,
      );
    }
    const visibleAt = options.delayMs === undefined ? null : now + Math.max(options.delayMs, 0);
    releaseRows.run({ token, visibleAt, ignoreAttempt: options.ignoreAttempt === true ? 1 : 0 });
    deleteLock.run({ token });
    return visibleAt ?? now;
  });

  return (lockToken, options, now) => tx(lockToken, options, now);
}
