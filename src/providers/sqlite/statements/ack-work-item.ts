/**
 * `ackWorkItem`: finish an activity and report its outcome.
 * @module
 */
import type Database from 'better-sqlite3';
import { ownTransaction } from './own-transaction.js';
import type { WorkItem } from '../../../core/history/work-item.js';
import { visibleAtFor } from '../../../core/history/work-item.js';
import { checkWorkCompletion, workLockLostError } from '../../shared/lock-token-errors.js';
import { prepareInsertOrchestratorItem } from './insert-orchestrator-item.js';
import { prepareTouchSession } from './touch-session.js';

const OPERATION = 'ackWorkItem';

/** Returns the `visible_at` of the enqueued completion, or undefined when none was given. */
export type AckWorkItem = (
  lockToken: string,
  completion: WorkItem | undefined,
  now: number,
) => number | undefined;

/**
 * Deletes the locked row only while its lock is valid and enqueues the completion to the
 * orchestrator queue, atomically. A missing row (the orchestration cancelled the activity and
 * deleted it) or an expired lock (another worker may be running it) is a permanent error: the
 * worker must treat its result as unwanted. A session-bound row also records activity on its
 * session (when the session lease is still valid).
 */
export function prepareAckWorkItem(db: Database.Database): AckWorkItem {
  const deleteRow = db.prepare<{ token: string; now: number }, { session_id: string | null }>(
    'DELETE FROM worker_queue WHERE lock_token = @token AND locked_until > @now RETURNING session_id',
  );
  const insertOrchestratorItem = prepareInsertOrchestratorItem(db);
  const touchSession = prepareTouchSession(db);

  const tx = ownTransaction(
    db,
    (token: string, completion: WorkItem | undefined, now: number): number | undefined => {
      // Tokens are unique, so at most one row.
      const deleted = deleteRow.get({ token, now });
      if (deleted === undefined) {
        throw workLockLostError(OPERATION, token);
      }
      if (deleted.session_id !== null) touchSession(deleted.session_id, now);
      return completion === undefined
        ? undefined
        : insertOrchestratorItem(completion, visibleAtFor(completion, now), now);
    },
  );

  return (lockToken, completion, now) => {
    checkWorkCompletion(completion);
    return tx(lockToken, completion, now);
  };
}
