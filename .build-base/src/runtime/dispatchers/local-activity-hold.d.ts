/**
 * The local path (ADR 0004, docs/performance.md): a turn's ack claims the activities it
 * schedules that this runtime can run (inserted already locked to it) and, when they usually
 * finish quickly, keeps the instance lock. The activities run at once; their completions go straight into the
 * next turn, committed with the same lock — one commit per step instead of ack, worker fetch,
 * worker ack, orchestration fetch and ack. When the hold ends (time's up, a message waits for
 * the instance, the execution ends, the runtime stops), remaining activities report through the
 * worker queue as usual.
 *
 * Every turn is committed before the activities it scheduled start, and the results a turn
 * consumed are committed with it, so a completed activity is never run again after a crash.
 * @module
 */
import type { WorkItem, WorkItemOfType } from '../../core/history/work-item.js';
import type { ReplayEngine } from '../../core/replay/replay-engine.js';
import type { TurnResult } from '../../core/replay/turn-result.js';
import type { AuditEntryInput, LockedOrchestrationItem, LockedWorkItem, Provider } from '../../providers/provider.js';
import type { InstanceCache } from '../instance-cache.js';
import type { Logger } from '../logger.js';
import type { RuntimeMetrics } from '../metrics.js';
import type { ResolvedRuntimeOptions } from '../options.js';
import type { StartItem } from './batch-resolution.js';
import { type TurnCommitter } from './turn-commit.js';
import { type VersionDecider } from './version-stamping.js';
import type { WorkerSlots } from './worker-slots.js';
/** What the orchestration dispatcher needs from the worker side to run activities locally. */
export interface LocalActivityRunner {
    canRunLocally(item: WorkItem): item is WorkItemOfType<'ActivityExecute'>;
    /** Worker slots, shared by fetched and local activities. */
    readonly slots: WorkerSlots;
    expectedDurationMs(name: string): number;
    runLocal(locked: LockedActivity): Promise<WorkItem | null>;
    complete(lockToken: string, completion: WorkItem): Promise<void>;
    cancelRunning(instanceId: string, executionId: number, activityId: number): void;
}
/** A claimed worker row of an activity. */
type LockedActivity = LockedWorkItem & {
    readonly item: WorkItemOfType<'ActivityExecute'>;
};
/** An activity running in this process for an instance this runtime holds. */
interface LocalRun {
    /** Its worker row, claimed (locked to this runtime) by the commit that queued it. */
    readonly locked: LockedActivity;
    readonly done: Promise<void>;
    settled: boolean;
    completion: WorkItem | null;
}
/** One turn to commit on an instance this runtime holds (or has just fetched). */
export interface HeldTurn {
    readonly result: TurnResult;
    readonly start: StartItem | undefined;
    /** Messages the runtime adds to the turn's ack (replies to rejected starts). */
    readonly extraItems: readonly WorkItem[];
    /** Run on results of local activities, without a fetch. */
    readonly local: boolean;
    /** Audit entries written once the turn is committed (operator requests it applied or refused). */
    readonly audits?: readonly AuditEntryInput[];
}
/** An instance this runtime holds (its lock kept) while its local activities run. */
export interface Hold {
    readonly locked: LockedOrchestrationItem;
    readonly engine: ReplayEngine;
    createdAt: number | undefined;
    /** Local activities whose results no turn has consumed yet, by {@link activityKey}. */
    readonly runs: Map<string, LocalRun>;
    /** Runs whose results the turn being committed consumed (their rows go with its commit). */
    consumed: LocalRun[];
    /** The instance's sticky version pin as this runtime last saw or wrote it. */
    versionPin: string | undefined;
    /** True once a continue-as-new consumed the instance's `nextVersion`. */
    nextVersionConsumed?: boolean;
}
/** A hold for the batch just fetched; it becomes one only if its first commit keeps the lock. */
export declare function newHold(locked: LockedOrchestrationItem, engine: ReplayEngine, createdAt: number | undefined): Hold;
export interface LocalActivityHoldsDeps {
    readonly provider: Provider;
    readonly worker: LocalActivityRunner;
    readonly options: ResolvedRuntimeOptions;
    readonly cache: InstanceCache;
    readonly logger: Logger;
    readonly metrics: RuntimeMetrics;
    readonly versions: VersionDecider;
    readonly commit: TurnCommitter;
}
/** Commits turns and holds instances for their local activities. */
export declare class LocalActivityHolds {
    #private;
    constructor(deps: LocalActivityHoldsDeps);
    /** Ends every hold (their locks are released, their activities report through the queue). */
    stop(): Promise<void>;
    /**
     * Commits the first turn of a fetched batch; when the commit keeps the instance lock, holds
     * the instance in the background (the dispatcher slot goes back to fetching).
     */
    commitFetchedTurn(hold: Hold, turn: HeldTurn): Promise<void>;
}
export {};
