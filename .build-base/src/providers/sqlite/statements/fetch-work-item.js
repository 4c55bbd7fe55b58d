/**
 * `fetchWorkItem`: peek-lock the oldest eligible activity, claiming its session.
 * @module
 */
import { randomUUID } from 'node:crypto';
const TAG_CONDITIONS = {
    defaultOnly: 'q.tag IS NULL',
    any: '1 = 1',
    tags: 'q.tag IN (SELECT value FROM json_each(@tags))',
    defaultAnd: '(q.tag IS NULL OR q.tag IN (SELECT value FROM json_each(@tags)))',
};
/**
 * Without session routing only session-free rows qualify. With it, a session-bound row
 * qualifies unless ANOTHER owner holds a valid lease on its session (a lease held by this
 * owner, an expired lease and no lease at all are all fine).
 */
const SESSION_CONDITIONS = {
    unrouted: 'q.session_id IS NULL',
    routed: `(q.session_id IS NULL OR NOT EXISTS (
             SELECT 1 FROM sessions s
             WHERE s.session_id = q.session_id AND s.locked_until > @now AND s.worker_id <> @ownerId))`,
};
/**
 * FIFO by row id among rows that are visible, not validly locked (never locked, or the lock
 * expired — at-least-once redelivery), accepted by the tag filter, not excluded by activity
 * name, and routable to this caller's session owner. Locks the row with a new token and counts
 * the attempt; a session-bound row also claims (or renews) its session for the owner:
 * `worker_id = ownerId`, `locked_until = now + session.lockTimeoutMs`, `last_activity_at =
 * now`. All in one `BEGIN IMMEDIATE` transaction, so two processes sharing the file never take
 * the same row or both claim one session.
 */
export function prepareFetchWorkItem(db) {
    const selectCandidate = new Map();
    for (const kind of Object.keys(TAG_CONDITIONS)) {
        for (const mode of Object.keys(SESSION_CONDITIONS)) {
            selectCandidate.set(`${kind}/${mode}`, db.prepare(`SELECT q.id, q.work_item, q.attempt_count, q.session_id FROM worker_queue q
           WHERE q.visible_at <= @now AND (q.lock_token IS NULL OR q.locked_until <= @now)
             AND ${TAG_CONDITIONS[kind]}
             AND (@exclude = '[]' OR q.activity_name NOT IN (SELECT value FROM json_each(@exclude)))
             AND ${SESSION_CONDITIONS[mode]}
           ORDER BY q.id LIMIT 1`));
        }
    }
    const lockRow = db.prepare(`UPDATE worker_queue SET lock_token = @token, locked_until = @lockedUntil, attempt_count = attempt_count + 1
     WHERE id = @id`);
    // The WHERE refuses a session another owner still holds (a second line of defence: inside
    // the IMMEDIATE transaction the candidate query already excluded it).
    const claimSession = db.prepare(`INSERT INTO sessions (session_id, worker_id, locked_until, last_activity_at)
     VALUES (@sessionId, @ownerId, @lockedUntil, @now)
     ON CONFLICT (session_id) DO UPDATE SET
       worker_id = excluded.worker_id, locked_until = excluded.locked_until, last_activity_at = excluded.last_activity_at
     WHERE sessions.locked_until <= @now OR sessions.worker_id = excluded.worker_id`);
    const tx = db.transaction((kind, tags, options, now) => {
        const session = options.session;
        const row = selectCandidate
            .get(`${kind}/${session === undefined ? 'unrouted' : 'routed'}`)
            ?.get({
            now,
            tags: JSON.stringify(tags),
            exclude: JSON.stringify(options.excludeActivities ?? []),
            ownerId: session?.ownerId ?? '',
        });
        if (row === undefined)
            return null;
        if (row.session_id !== null && session !== undefined) {
            const claim = {
                sessionId: row.session_id,
                ownerId: session.ownerId,
                lockedUntil: now + session.lockTimeoutMs,
                now,
            };
            if (claimSession.run(claim).changes !== 1)
                return null;
        }
        const token = randomUUID();
        lockRow.run({ id: row.id, token, lockedUntil: now + options.lockTimeoutMs });
        return {
            item: JSON.parse(row.work_item),
            lockToken: token,
            attemptCount: row.attempt_count + 1,
        };
    });
    return (options, now) => {
        const filter = options.tagFilter ?? 'defaultOnly';
        if (filter === 'none')
            return null;
        if (filter === 'defaultOnly' || filter === 'any')
            return tx.immediate(filter, [], options, now);
        if ('tags' in filter)
            return tx.immediate('tags', filter.tags, options, now);
        return tx.immediate('defaultAnd', filter.defaultAnd, options, now);
    };
}
//# sourceMappingURL=fetch-work-item.js.map