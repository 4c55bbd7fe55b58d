import { prepareInsertOrchestratorItem } from './insert-orchestrator-item.js';
import { INSTANCE_EXISTS_SQL } from './read-instances.js';
/**
 * The existence check (an instance row, or a start already queued) and the insert run in one
 * `BEGIN IMMEDIATE` transaction, so writers are serialized and two starts never both succeed.
 */
export function prepareEnqueueStartIfAbsent(db) {
    const exists = db.prepare(INSTANCE_EXISTS_SQL);
    const insert = prepareInsertOrchestratorItem(db);
    const tx = db.transaction((item, now) => exists.get({ instanceId: item.instance })?.found === 1 ? undefined : insert(item, now, now));
    return (item, now) => tx.immediate(item, now);
}
//# sourceMappingURL=enqueue-start-if-absent.js.map