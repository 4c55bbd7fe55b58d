/**
 * `abandonWorkItem`: give an activity back to the queue.
 * @module
 */
import type Database from 'better-sqlite3';
import { ownTransaction } from './own-transaction.js';
import type { AbandonOptions } from '../../provider.js';
import { workItemNotAbandonedError } from '../../shared/lock-token-errors.js';

export type AbandonWorkItem = (lockToken: string, options: AbandonOptions, now: number) => void;

/**
 * Clears the lock and sets `visible_at = now + delayMs` (now when no delay); `ignoreAttempt`
 * undoes this fetch's attempt (never below 0). An unknown token — the row was cancelled, or
 * another worker re-locked it after expiry — is a permanent error.
 */
export function prepareAbandonWorkItem(db: Database.Database): AbandonWorkItem {
  const release = db.prepare<{ token: string; visibleAt: number; ignoreAttempt: number }>(
    `UPDATE worker_queue
     SET lock_token = NULL, locked_until = NULL, visible_at = @visibleAt,
         attempt_count = CASE WHEN @ignoreAttempt = 1 THEN MAX(attempt_count - 1, 0) ELSE attempt_count END
     WHERE lock_token = @token`,
  );
  const tx = ownTransaction(db, (token: string, options: AbandonOptions, now: number): void => {
    const changes = release.run({
      token,
      visibleAt: now + Math.max(options.delayMs ?? 0, 0),
      ignoreAttempt: options.ignoreAttempt === true ? 1 : 0,
    }).changes;
    if (changes === 0) {
      throw workItemNotAbandonedError(token);
    }
  });
  return (lockToken, options, now) => tx(lockToken, options, now);
}
