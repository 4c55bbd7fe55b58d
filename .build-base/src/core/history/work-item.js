/** The instance whose orchestrator queue a work item belongs to. */
export function targetInstance(item) {
    return item.type === 'SubOrchCompleted' || item.type === 'SubOrchFailed'
        ? item.parentInstance
        : item.instance;
}
/** `visible_at` for an orchestrator item: timers become visible at their fire time. */
export function visibleAtFor(item, now) {
    return item.type === 'TimerFired' ? Math.max(item.fireAt, 0) : now;
}
//# sourceMappingURL=work-item.js.map