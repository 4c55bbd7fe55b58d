/**
 * Deletes sessions whose lease expired (`locked_until <= now`) and that no worker-queue row
 * references (queued, running or abandoned); a referenced one stays until its items are gone.
 * Idleness needs no separate test: an idle session stops being renewed and its lease expires,
 * so the runtime's `idleTimeoutMs` argument is not needed here.
 */
export function prepareCleanupOrphanedSessions(db) {
    const cleanup = db.prepare(`DELETE FROM sessions
     WHERE locked_until <= @now
       AND NOT EXISTS (SELECT 1 FROM worker_queue q WHERE q.session_id = sessions.session_id)`);
    const tx = db.transaction((now) => cleanup.run({ now }).changes);
    return (now) => tx.immediate(now);
}
//# sourceMappingURL=cleanup-orphaned-sessions.js.map