/** The settlement of a task that completes without a value (timers, chained starts, status). */
export const VOID_SETTLEMENT = Object.freeze({ ok: true, value: undefined });
/** A fired timer resolves with null, as in duroxide-node (JSON-friendly inside `all`/`race` results). */
export const TIMER_SETTLEMENT = Object.freeze({ ok: true, value: null });
export class TaskTracker {
    /** Unsettled tasks bound to a scheduling event (settled ones need no more bookkeeping). */
    #bySchedule = new Map();
    /** Unsettled, undropped tasks: the quiescence check looks for one the code waits on. */
    #live = new Set();
    /** Tasks dropped since the last turn ended; they get cancellation breadcrumbs. */
    #dropped = [];
    /** Binds a task to the scheduling event it claimed or appended. */
    bind(eventId, task) {
        task.internals.scheduleEventId = eventId;
        this.#bySchedule.set(eventId, task);
        this.#live.add(task);
    }
    /** The unsettled task bound to schedule `eventId`, if any. */
    get(eventId) {
        return this.#bySchedule.get(eventId);
    }
    /** Settles a task; returns true if that can make orchestration code run. */
    settle(task, settlement) {
        const waiters = task.hasWaiters;
        if (!task.settle(settlement))
            return false;
        this.#live.delete(task);
        const id = task.internals.scheduleEventId;
        if (id !== undefined)
            this.#bySchedule.delete(id);
        return waiters;
    }
    /** A task with no scheduling event (continue-as-new) that the code may wait on. */
    addLive(task) {
        this.#live.add(task);
    }
    /** Composite tasks (all/race) register so the quiescence check sees them. */
    track(task) {
        if (!task.isSettled) {
            this.#live.add(task);
            task.onSettle(() => this.#live.delete(task));
        }
    }
    /** Marks a task (and its children) discarded; its completion will be ignored. */
    drop(task) {
        if (task.isSettled || task.internals.dropped)
            return;
        task.internals.dropped = true;
        this.#live.delete(task);
        this.#dropped.push(task);
        for (const child of task.internals.children)
            this.drop(child);
    }
    /** Drops every unsettled scheduled task (the code finished while they were pending). */
    dropAllScheduled() {
        for (const task of this.#bySchedule.values())
            this.drop(task);
    }
    /** The tasks dropped since the last call, in drop order. */
    takeDropped() {
        if (this.#dropped.length === 0)
            return EMPTY;
        const dropped = this.#dropped;
        this.#dropped = [];
        return dropped;
    }
    /** Whether some unsettled task can wake the code when it settles. */
    isAnyAwaited() {
        for (const task of this.#live) {
            if (task.hasWaiters)
                return true;
        }
        return false;
    }
}
const EMPTY = Object.freeze([]);
//# sourceMappingURL=task-tracker.js.map