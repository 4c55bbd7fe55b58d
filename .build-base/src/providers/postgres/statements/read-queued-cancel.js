import { table } from './statement-context.js';
/**
 * Locked rows count too: a turn holding the cancel has not committed it yet, so the instance
 * still reads as Running. Served by `idx_orchestrator_queue_instance (instance_id, item_type)`.
 */
export function prepareReadQueuedCancel(ctx) {
    const sql = `
    SELECT EXISTS (SELECT 1 FROM ${table(ctx, 'orchestrator_queue')}
                   WHERE instance_id = $1 AND item_type = 'CancelInstance') AS found`;
    return async (db, instanceId) => {
        const { rows } = await db.query(sql, [instanceId], true);
        return rows[0]?.found === true;
    };
}
//# sourceMappingURL=read-queued-cancel.js.map