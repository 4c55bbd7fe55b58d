/**
 * `abandonWorkItem`: give an activity back to the queue.
 * @module
 */
import type { AbandonOptions } from '../../provider.js';
import { workItemNotAbandonedError } from '../../shared/lock-token-errors.js';
import type { Queryable } from '../database.js';
import { encodeSignals } from '../notify/signal-payload.js';
import type { StatementContext } from './statement-context.js';
import { table } from './statement-context.js';

export type AbandonWorkItem = (
  db: Queryable,
  lockToken: string,
  options: AbandonOptions,
  now: number,
) => Promise<void>;

/**
 * Clears the lock and sets `visible_at = now + delayMs` (now when no delay); `ignoreAttempt`
 * undoes this fetch's attempt (never below 0); NOTIFYs other workers. An unknown token — the
 * row was cancelled, or another worker re-locked it after expiry — is a permanent error.
 */
export function prepareAbandonWorkItem(ctx: StatementContext): AbandonWorkItem {
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
    const { rows } = await db.query<{ released: number }>(
      sql,
      [
        token,
        now + Math.max(options.delayMs ?? 0, 0),
        options.ignoreAttempt === true,
        ctx.schema.channel,
        encodeSignals(ctx.origin, { hasWorkerItems: true }),
      ],
      true,
    );
    if ((rows[0]?.released ?? 0) === 0) {
      throw workItemNotAbandonedError(token);
    }
  };
}
