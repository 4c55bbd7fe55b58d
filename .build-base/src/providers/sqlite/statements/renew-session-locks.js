/**
 * Extends to `now + extendForMs` every session owned by one of `ownerIds` whose lease is still
 * valid (`locked_until > now`; an expired lease may already be someone else's to claim) and
 * that saw activity within `idleTimeoutMs` (`last_activity_at > now - idleTimeoutMs`; an idle
 * session is left to expire, which unpins it). An empty list touches nothing.
 */
export function prepareRenewSessionLocks(db) {
    const renew = db.prepare(`UPDATE sessions SET locked_until = @lockedUntil
     WHERE worker_id IN (SELECT value FROM json_each(@owners))
       AND locked_until > @now AND last_activity_at > @idleSince`);
    // IMMEDIATE, like every write here: a deferred read-then-write could fail with BUSY_SNAPSHOT
    // when another process commits in between, without waiting on the busy timeout.
    const tx = db.transaction((owners, lockedUntil, idleSince, now) => renew.run({ owners, lockedUntil, idleSince, now }).changes);
    return (ownerIds, extendForMs, idleTimeoutMs, now) => {
        if (ownerIds.length === 0)
            return 0;
        return tx.immediate(JSON.stringify(ownerIds), now + extendForMs, now - idleTimeoutMs, now);
    };
}
//# sourceMappingURL=renew-session-locks.js.map