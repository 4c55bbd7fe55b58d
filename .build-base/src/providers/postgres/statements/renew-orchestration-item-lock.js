/**
 * `renewOrchestrationItemLock`: keep a long turn's instance lock alive.
 * @module
 */
import { instanceLockNotRenewedError } from '../../shared/lock-token-errors.js';
import { table } from './statement-context.js';
/**
 * Sets `locked_until = now + extendForMs` on the instance lock and its marked rows, only while
 * the lock is still valid: once expired another dispatcher may own the instance, so renewal
 * fails permanently and the turn's ack will fail too. One statement (both updates commit
 * together).
 */
export function prepareRenewOrchestrationItemLock(ctx) {
    const sql = `
    WITH renewed AS (
      UPDATE ${table(ctx, 'instance_locks')} SET locked_until = $2
      WHERE lock_token = $1 AND locked_until > $3
      RETURNING lock_token),
    rows AS (
      UPDATE ${table(ctx, 'orchestrator_queue')} SET locked_until = $2
      WHERE lock_token = $1 AND EXISTS (SELECT 1 FROM renewed))
    SELECT COUNT(*)::int AS renewed FROM renewed`;
    return async (db, token, extendForMs, now) => {
        const { rows } = await db.query(sql, [token, now + extendForMs, now], true);
        if (rows[0]?.renewed !== 1) {
            throw instanceLockNotRenewedError(token);
        }
    };
}
//# sourceMappingURL=renew-orchestration-item-lock.js.map