import { table } from './statement-context.js';
/**
 * Renewal extends only leases that are still held (`locked_until > now`) and not idle
 * (`last_activity_at > now - idleTimeout`), so an owner that stopped using a session lets it
 * go. Cleanup deletes expired sessions that no worker row references any more.
 */
export function prepareSessionLeases(ctx) {
    const sessions = table(ctx, 'sessions');
    const renewSql = `
    UPDATE ${sessions} SET locked_until = $2
    WHERE worker_id = ANY($1::text[]) AND locked_until > $3 AND last_activity_at > $4`;
    const cleanupSql = `
    DELETE FROM ${sessions} s
    WHERE s.locked_until <= $1
      AND NOT EXISTS (SELECT 1 FROM ${table(ctx, 'worker_queue')} w WHERE w.session_id = s.session_id)`;
    return {
        async renewSessionLocks(db, ownerIds, extendForMs, idleTimeoutMs, now) {
            if (ownerIds.length === 0)
                return 0;
            return (await db.query(renewSql, [[...ownerIds], now + extendForMs, now, now - idleTimeoutMs])).rowCount;
        },
        async cleanupOrphanedSessions(db, now) {
            return (await db.query(cleanupSql, [now])).rowCount;
        },
    };
}
//# sourceMappingURL=session-leases.js.map