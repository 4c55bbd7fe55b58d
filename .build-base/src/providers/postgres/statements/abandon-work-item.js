import { workItemNotAbandonedError } from '../../shared/lock-token-errors.js';
import { encodeSignals } from '../notify/signal-payload.js';
import { table } from './statement-context.js';
/**
 * Clears the lock and sets `visible_at = now + delayMs` (now when no delay); `ignoreAttempt`
 * undoes this fetch's attempt (never below 0); NOTIFYs other workers. An unknown token — the
 * row was cancelled, or another worker re-locked it after expiry — is a permanent error.
 */
export function prepareAbandonWorkItem(ctx) {
    const sql = `
    WITH released AS (
      UPDATE ${table(ctx, 'worker_queue')}
      SET lock_token = NULL, locked_until = NULL, visible_at = $2,
          attempt_count = CASE WHEN $3::boolean THEN GREATEST(attempt_count - 1, 0) ELSE attempt_count END
      WHERE lock_token = $1
      RETURNING id),
    notified AS (
      SELECT pg_notify($4, $5) FROM (SELECT 1 FROM released LIMIT 1) r)
    SELECT (SELECT COUNT(*)::int FROM released) AS released, (SELECT COUNT(*)::int FROM notified) AS notified`;
    return async (db, token, options, now) => {
        const { rows } = await db.query(sql, [
            token,
            now + Math.max(options.delayMs ?? 0, 0),
            options.ignoreAttempt === true,
            ctx.schema.channel,
            encodeSignals(ctx.origin, { hasWorkerItems: true }),
        ], true);
        if ((rows[0]?.released ?? 0) === 0) {
            throw workItemNotAbandonedError(token);
        }
    };
}
//# sourceMappingURL=abandon-work-item.js.map