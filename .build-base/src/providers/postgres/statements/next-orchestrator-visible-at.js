import { table } from './statement-context.js';
/**
 * The earliest future `visible_at` among rows not locked by a fetch. Rows of a currently
 * locked instance still count: their visibility is in the future, so the running turn did not
 * take them and they will need a fetch of their own.
 */
export function prepareNextOrchestratorVisibleAt(ctx) {
    const sql = `
    SELECT MIN(visible_at) AS visible_at FROM ${table(ctx, 'orchestrator_queue')}
    WHERE visible_at > $1 AND (lock_token IS NULL OR locked_until <= $1)`;
    return async (db, now) => {
        const { rows } = await db.query(sql, [now], true);
        return rows[0]?.visible_at ?? null;
    };
}
//# sourceMappingURL=next-orchestrator-visible-at.js.map