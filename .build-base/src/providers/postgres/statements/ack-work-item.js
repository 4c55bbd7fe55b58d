import { targetInstance, visibleAtFor } from '../../../core/history/work-item.js';
import { checkWorkCompletion, workLockLostError } from '../../shared/lock-token-errors.js';
import { encodeSignals } from '../notify/signal-payload.js';
import { table } from './statement-context.js';
const OPERATION = 'ackWorkItem';
/**
 * Deletes the locked row only while its lock is valid and enqueues the completion to the
 * orchestrator queue, atomically — one statement whose data-modifying CTEs commit together,
 * NOTIFY included; a session-bound row also marks its session active (when its lease is
 * still valid). A missing row (the orchestration cancelled the activity and deleted it) or an
 * expired lock (another worker may be running it) is a permanent error: the worker must treat
 * its result as unwanted, and nothing is enqueued.
 */
export function prepareAckWorkItem(ctx) {
    const sql = `
    WITH deleted AS (
      DELETE FROM ${table(ctx, 'worker_queue')} WHERE lock_token = $1 AND locked_until > $2 RETURNING session_id),
    inserted AS (
      INSERT INTO ${table(ctx, 'orchestrator_queue')} (instance_id, item_type, work_item, visible_at, attempt_count, created_at)
      SELECT $3::text, $4::text, $5::text, $6::bigint, 0, $2::bigint FROM deleted WHERE $3::text IS NOT NULL
      RETURNING visible_at),
    active AS (
      UPDATE ${table(ctx, 'sessions')} s SET last_activity_at = $2
      FROM deleted d WHERE s.session_id = d.session_id AND s.locked_until > $2),
    notified AS (
      SELECT pg_notify($7, $8) FROM inserted)
    SELECT (SELECT COUNT(*)::int FROM deleted) AS deleted, (SELECT COUNT(*)::int FROM notified) AS notified`;
    return async (db, token, completion, now) => {
        checkWorkCompletion(completion);
        const visibleAt = completion === undefined ? undefined : visibleAtFor(completion, now);
        const { rows } = await db.query(sql, [
            token,
            now,
            completion === undefined ? null : targetInstance(completion),
            completion?.type ?? null,
            completion === undefined ? null : JSON.stringify(completion),
            visibleAt ?? null,
            ctx.schema.channel,
            encodeSignals(ctx.origin, { orchestratorVisibleAt: visibleAt }),
        ], true);
        if (rows[0]?.deleted !== 1) {
            throw workLockLostError(OPERATION, token);
        }
        return visibleAt;
    };
}
//# sourceMappingURL=ack-work-item.js.map