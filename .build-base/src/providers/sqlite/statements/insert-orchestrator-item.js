import { targetInstance } from '../../../core/history/work-item.js';
/**
 * Prepares the insert. The row's `instance_id` is the item's target instance (`SubOrch*`
 * completions go to the parent); `item_type` is copied out for `instanceExists`.
 * Never touches `instances`: instance rows are created only by an orchestration ack.
 */
export function prepareInsertOrchestratorItem(db) {
    const insert = db.prepare(`INSERT INTO orchestrator_queue (instance_id, item_type, work_item, visible_at, attempt_count, created_at)
     VALUES (@instanceId, @itemType, @workItem, @visibleAt, 0, @now)`);
    return (item, visibleAt, now) => {
        insert.run({
            instanceId: targetInstance(item),
            itemType: item.type,
            workItem: JSON.stringify(item),
            visibleAt,
            now,
        });
        return visibleAt;
    };
}
//# sourceMappingURL=insert-orchestrator-item.js.map