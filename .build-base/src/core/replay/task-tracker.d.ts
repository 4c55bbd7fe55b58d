/**
 * `TaskTracker`: the durable tasks of one execution the engine still has to settle, drop or
 * wait for — by schedule event id, the live set the quiescence check reads, and the tasks
 * dropped since the last turn ended.
 * @module
 */
import type { DurableTask } from './durable-task.js';
export type Settlement = {
    readonly ok: true;
    readonly value: unknown;
} | {
    readonly ok: false;
    readonly error: unknown;
};
/** The settlement of a task that completes without a value (timers, chained starts, status). */
export declare const VOID_SETTLEMENT: Settlement;
/** A fired timer resolves with null, as in duroxide-node (JSON-friendly inside `all`/`race` results). */
export declare const TIMER_SETTLEMENT: Settlement;
export declare class TaskTracker {
    #private;
    /** Binds a task to the scheduling event it claimed or appended. */
    bind(eventId: number, task: DurableTask<unknown>): void;
    /** The unsettled task bound to schedule `eventId`, if any. */
    get(eventId: number): DurableTask<unknown> | undefined;
    /** Settles a task; returns true if that can make orchestration code run. */
    settle(task: DurableTask<unknown>, settlement: Settlement): boolean;
    /** A task with no scheduling event (continue-as-new) that the code may wait on. */
    addLive(task: DurableTask<unknown>): void;
    /** Composite tasks (all/race) register so the quiescence check sees them. */
    track(task: DurableTask<unknown>): void;
    /** Marks a task (and its children) discarded; its completion will be ignored. */
    drop(task: DurableTask<unknown>): void;
    /** Drops every unsettled scheduled task (the code finished while they were pending). */
    dropAllScheduled(): void;
    /** The tasks dropped since the last call, in drop order. */
    takeDropped(): readonly DurableTask<unknown>[];
    /** Whether some unsettled task can wake the code when it settles. */
    isAnyAwaited(): boolean;
}
