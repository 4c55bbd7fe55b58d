import { instanceLockLostError } from '../../shared/lock-token-errors.js';
import { encodeSignals } from '../notify/signal-payload.js';
import { table } from './statement-context.js';
/**
 * Clears the rows' lock, optionally delays them (`visible_at = now + delayMs`, the runtime's
 * only backoff tool) and undoes the attempt when `ignoreAttempt`, then drops the instance
 * lock and NOTIFYs other nodes — one statement, so all of it commits together. Not
 * idempotent: an unknown or expired token is a permanent error (and changes nothing),
 * because the batch may already belong to another dispatcher.
 */
export function prepareAbandonOrchestrationItem(ctx) {
    const locks = table(ctx, 'instance_locks');
    const sql = `
    WITH held AS (
      SELECT instance_id, locked_until FROM ${locks} WHERE lock_token = $1 FOR UPDATE),
    valid AS (SELECT instance_id FROM held WHERE locked_until > $2),
    released AS (
      UPDATE ${table(ctx, 'orchestrator_queue')}
      SET lock_token = NULL, locked_until = NULL,
          visible_at = COALESCE($3::bigint, visible_at),
          attempt_count = CASE WHEN $4::boolean THEN GREATEST(attempt_count - 1, 0) ELSE attempt_count END
      WHERE lock_token = $1 AND EXISTS (SELECT 1 FROM valid)),
    unlocked AS (
      DELETE FROM ${locks} WHERE lock_token = $1 AND EXISTS (SELECT 1 FROM valid)),
    notified AS (SELECT pg_notify($5, $6) FROM valid)
    SELECT h.instance_id, h.locked_until > $2 AS is_valid, (SELECT COUNT(*)::int FROM notified) AS notified
    FROM held h`;
    return async (db, token, options, now) => {
        const visibleAt = options.delayMs === undefined ? null : now + Math.max(options.delayMs, 0);
        const { rows } = await db.query(sql, [
            token,
            now,
            visibleAt,
            options.ignoreAttempt === true,
            ctx.schema.channel,
            encodeSignals(ctx.origin, { orchestratorVisibleAt: visibleAt ?? now }),
        ], true);
        const lock = rows[0];
        if (lock === undefined || !lock.is_valid) {
            throw instanceLockLostError('abandonOrchestrationItem', token, lock === undefined ? 'unknown' : 'expired', lock?.instance_id);
        }
        return visibleAt ?? now;
    };
}
//# sourceMappingURL=abandon-orchestration-item.js.map