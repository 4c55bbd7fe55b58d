import { workLockLostError } from '../../shared/lock-token-errors.js';
import { prepareTouchSession } from './touch-session.js';
/**
 * Extends a still-valid lock. A missing row (cancelled by the orchestration) or an expired lock
 * is a permanent error, which the worker treats as "cancel this activity". A session-bound row
 * also records activity on its session (when the session lease is still valid).
 */
export function prepareRenewWorkItemLock(db) {
    const renew = db.prepare(`UPDATE worker_queue SET locked_until = @lockedUntil WHERE lock_token = @token AND locked_until > @now
     RETURNING session_id`);
    const touchSession = prepareTouchSession(db);
    const tx = db.transaction((token, extendForMs, now) => {
        const renewed = renew.get({ token, lockedUntil: now + extendForMs, now });
        if (renewed === undefined) {
            throw workLockLostError('renewWorkItemLock', token);
        }
        if (renewed.session_id !== null)
            touchSession(renewed.session_id, now);
    });
    return (lockToken, extendForMs, now) => tx.immediate(lockToken, extendForMs, now);
}
//# sourceMappingURL=renew-work-item-lock.js.map