/**
 * `renewWorkItemLock`: keep a running activity's lock alive.
 * @module
 */
import { workLockLostError } from '../../shared/lock-token-errors.js';
import { table } from './statement-context.js';
/**
 * Extends a still-valid lock, and marks a session-bound row's session active (when its lease
 * is still valid), in one statement. A missing row (cancelled by the orchestration) or an
 * expired lock is a permanent error, which the worker treats as "cancel this activity".
 */
export function prepareRenewWorkItemLock(ctx) {
    const sql = `
    WITH renewed AS (
      UPDATE ${table(ctx, 'worker_queue')} SET locked_until = $2
      WHERE lock_token = $1 AND locked_until > $3
      RETURNING session_id),
    active AS (
      UPDATE ${table(ctx, 'sessions')} s SET last_activity_at = $3
      FROM renewed r WHERE s.session_id = r.session_id AND s.locked_until > $3)
    SELECT COUNT(*)::int AS renewed FROM renewed`;
    return async (db, token, extendForMs, now) => {
        const { rows } = await db.query(sql, [token, now + extendForMs, now], true);
        if (rows[0]?.renewed !== 1) {
            throw workLockLostError('renewWorkItemLock', token);
        }
    };
}
//# sourceMappingURL=renew-work-item-lock.js.map