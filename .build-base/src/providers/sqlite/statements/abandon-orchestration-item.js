import { instanceLockLostError } from '../../shared/lock-token-errors.js';
/**
 * Clears the rows' lock, optionally delays them (`visible_at = now + delayMs`, the runtime's
 * only backoff tool) and undoes the attempt when `ignoreAttempt`, then drops the instance
 * lock. Not idempotent: an unknown or expired token is a permanent error, because the batch
 * may already belong to another dispatcher.
 */
export function prepareAbandonOrchestrationItem(db) {
    const selectLock = db.prepare('SELECT instance_id, locked_until FROM instance_locks WHERE lock_token = @token');
    const releaseRows = db.prepare(`UPDATE orchestrator_queue
     SET lock_token = NULL, locked_until = NULL,
         visible_at = COALESCE(@visibleAt, visible_at),
         attempt_count = CASE WHEN @ignoreAttempt = 1 THEN MAX(attempt_count - 1, 0) ELSE attempt_count END
     WHERE lock_token = @token`);
    const deleteLock = db.prepare('DELETE FROM instance_locks WHERE lock_token = @token');
    const tx = db.transaction((token, options, now) => {
        const lock = selectLock.get({ token });
        if (lock === undefined || lock.locked_until <= now) {
            throw instanceLockLostError('abandonOrchestrationItem', token, lock === undefined ? 'unknown' : 'expired', lock?.instance_id);
        }
        const visibleAt = options.delayMs === undefined ? null : now + Math.max(options.delayMs, 0);
        releaseRows.run({ token, visibleAt, ignoreAttempt: options.ignoreAttempt === true ? 1 : 0 });
        deleteLock.run({ token });
        return visibleAt ?? now;
    });
    return (lockToken, options, now) => tx.immediate(lockToken, options, now);
}
//# sourceMappingURL=abandon-orchestration-item.js.map