import { prepareInsertOrchestratorItem } from './insert-orchestrator-item.js';
/**
 * `TimerFired` becomes visible at its `fireAt` (the delay is ignored for timers); everything
 * else at `now + delayMs`. Never creates instance rows.
 */
export function prepareEnqueueForOrchestrator(db) {
    const insert = prepareInsertOrchestratorItem(db);
    const tx = db.transaction((item, visibleAt, now) => insert(item, visibleAt, now));
    return (item, delayMs, now) => {
        const visibleAt = item.type === 'TimerFired' ? Math.max(item.fireAt, 0) : now + Math.max(delayMs ?? 0, 0);
        return tx.immediate(item, visibleAt, now);
    };
}
//# sourceMappingURL=enqueue-for-orchestrator.js.map