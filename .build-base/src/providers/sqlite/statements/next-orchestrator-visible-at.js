/**
 * The earliest future `visible_at` among rows not locked by a fetch. Rows of a currently
 * locked instance still count: their visibility is in the future, so the running turn did not
 * take them and they will need a fetch of their own.
 */
export function prepareNextOrchestratorVisibleAt(db) {
    const select = db.prepare(`SELECT MIN(visible_at) AS visibleAt FROM orchestrator_queue
     WHERE visible_at > @now AND (lock_token IS NULL OR locked_until <= @now)`);
    return (now) => select.get({ now })?.visibleAt ?? null;
}
//# sourceMappingURL=next-orchestrator-visible-at.js.map