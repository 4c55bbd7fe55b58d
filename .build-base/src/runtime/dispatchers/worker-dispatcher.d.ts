/**
 * Runs activities: fetch one work item, run the registered handler with a renewed
 * lock, and ack the completion. A lost lock (the orchestration cancelled the activity, or the
 * lock expired) aborts the activity's signal and discards its result. Activities run
 * at-least-once.
 *
 * Activities also arrive without a fetch: the orchestration dispatcher claims the ones a turn
 * schedules (`runLocal`) when this runtime can run them and has a free worker slot. Fetched
 * and local activities share `workerConcurrency`; a few fetching loops keep it busy (a fetched
 * activity runs in the background while its loop fetches the next).
 * @module
 */
import type { WorkItem, WorkItemOfType } from '../../core/history/work-item.js';
import type { LockedWorkItem, Provider } from '../../providers/provider.js';
import type { Logger } from '../logger.js';
import type { RuntimeMetrics } from '../metrics.js';
import { type ResolvedRuntimeOptions } from '../options.js';
import type { ActivityRegistry } from '../registry.js';
import type { SessionTracker } from '../session-tracker.js';
import { WorkerSlots } from './worker-slots.js';
export interface WorkerDispatcherDeps {
    readonly provider: Provider;
    readonly registry: ActivityRegistry;
    readonly options: ResolvedRuntimeOptions;
    readonly logger: Logger;
    readonly metrics: RuntimeMetrics;
    readonly runtimeId: string;
    readonly sessions: SessionTracker;
    /** A worker slot became free after a fetch was skipped for lack of one. */
    readonly onCapacity?: () => void;
}
export declare class WorkerDispatcher {
    #private;
    /**
     * Worker slots in use: fetched items being processed and local runs (until committed). A fetch
     * skipped for lack of a slot is woken (`onCapacity`) when a local run frees one.
     */
    readonly slots: WorkerSlots;
    constructor(deps: WorkerDispatcherDeps);
    /**
     * Whether this runtime would fetch `item` itself: a registered, not deferred activity without
     * a session (session routing needs the fetch path) whose tag the worker tag filter accepts.
     */
    canRunLocally(item: WorkItem): item is WorkItemOfType<'ActivityExecute'>;
    /** Moving average of the activity's recent durations; 0 before its first run here. */
    expectedDurationMs(name: string): number;
    /**
     * Runs an activity its orchestration scheduled in this process, on a slot reserved in
     * {@link slots}, and resolves with its completion — not acked: the caller commits it with
     * a later turn or through {@link complete} — or null when there is nothing to report
     * (cancelled, released). The caller gives the slot back (`slots.release()`) once the result is
     * committed, so that at most `workerConcurrency` finished-or-running activities are lost to a
     * crash.
     */
    runLocal(locked: LockedWorkItem & {
        readonly item: WorkItemOfType<'ActivityExecute'>;
    }): Promise<WorkItem | null>;
    /** Acks a completion through the worker queue (the orchestration reads it from its queue). */
    complete(lockToken: string, completion: WorkItem): Promise<void>;
    /** Resolves once every fetched item, local run and hand-off has finished. */
    drain(): Promise<void>;
    /**
     * Fetches one item when a worker slot is free (local runs may hold them all). The slot is
     * taken when an item arrives, so fetches that find nothing never crowd out local runs; an item
     * arriving after local runs took the last slot is given back at once (its attempt not counted),
     * so `workerConcurrency` stays a hard cap.
     */
    fetch(slot: number): Promise<LockedWorkItem | null>;
    /** Forced shutdown: running activities see their signal abort; their items are released. */
    abortAll(): void;
    /** An ack in this process cancelled the activity: abort it now rather than at its next renewal. */
    cancelRunning(instanceId: string, executionId: number, activityId: number): void;
    /**
     * Starts a fetched item (its slot taken by {@link fetch}) and returns at once, so the fetching
     * slot can fetch again while the activity runs; the slot is given back when it ends.
     */
    process(locked: LockedWorkItem, slot: number): Promise<void>;
}
