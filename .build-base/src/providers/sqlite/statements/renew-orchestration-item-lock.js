import { instanceLockNotRenewedError } from '../../shared/lock-token-errors.js';
/**
 * Sets `locked_until = now + extendForMs` on the instance lock and its marked rows, only while
 * the lock is still valid: once expired another dispatcher may own the instance, so renewal
 * fails permanently and the turn's ack will fail too.
 */
export function prepareRenewOrchestrationItemLock(db) {
    const renewLock = db.prepare(`UPDATE instance_locks SET locked_until = @lockedUntil
     WHERE lock_token = @token AND locked_until > @now`);
    const renewRows = db.prepare('UPDATE orchestrator_queue SET locked_until = @lockedUntil WHERE lock_token = @token');
    const tx = db.transaction((token, extendForMs, now) => {
        const lockedUntil = now + extendForMs;
        if (renewLock.run({ token, lockedUntil, now }).changes === 0) {
            throw instanceLockNotRenewedError(token);
        }
        renewRows.run({ token, lockedUntil });
    });
    return (lockToken, extendForMs, now) => tx.immediate(lockToken, extendForMs, now);
}
//# sourceMappingURL=renew-orchestration-item-lock.js.map