/**
 * Locked rows count too: a turn holding the cancel has not committed it yet, so the instance
 * still reads as Running. Served by `idx_orchestrator_queue_instance (instance_id, item_type)`.
 */
export function prepareReadQueuedCancel(db) {
    const select = db.prepare(`SELECT EXISTS (SELECT 1 FROM orchestrator_queue
                    WHERE instance_id = @instanceId AND item_type = 'CancelInstance') AS found`);
    return (instanceId) => select.get({ instanceId })?.found === 1;
}
//# sourceMappingURL=read-queued-cancel.js.map