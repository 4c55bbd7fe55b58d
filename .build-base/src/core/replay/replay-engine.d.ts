/**
 * The replay engine: runs one orchestration execution against its history, one turn at a time
 * (docs/decisions/0001-async-engine-emit-on-call.md).
 *
 * How a turn works:
 * 1. New messages become history events ({@link stageMessage}: execution filter,
 *    de-duplication, kind checks).
 * 2. The orchestration code is (re)started ({@link OrchestrationRun}) and the history is
 *    *walked* in order ({@link EventDelivery}). Scheduling calls claim the next unclaimed
 *    scheduling event in history at the moment they are made (emit-on-call,
 *    {@link ScheduleMatcher}); when history has no more, the call appends a new event.
 *    Completions are delivered one at a time, in history order, and the microtask queue is
 *    drained after each delivery, so `ctx.race`, `ctx.all` and even `Promise.race`/
 *    `Promise.all` resolve the same way on every replay.
 * 3. At the end of the walk the turn is finalized ({@link decideOutcome},
 *    {@link TurnFinalizer}): continue, complete, fail, continue-as-new or cancelled, with
 *    cancellation breadcrumbs and the work items to dispatch.
 *
 * The engine keeps its state between turns, so a runtime may keep it in memory (the
 * live-instance cache) and feed the next turn only the new messages: a turn then costs
 * O(new events), not O(history).
 *
 * `ReplayEngine` is the public face and the context's host; the state lives in collaborators:
 * {@link ExecutionHistory} (events, indexes, walk cursor), {@link ScheduleMatcher},
 * {@link TaskTracker}, {@link EventSubscriptions}, {@link InstanceKv} and
 * {@link ExecutionScope} (identity, first failure, tracing).
 * @module
 */
import type { HistoryEvent, ParentLink } from '../history/history-event.js';
import type { WorkItem } from '../history/work-item.js';
import { type OrchestrationHost } from '../context/orchestration-context.js';
import { type Limits } from '../limits.js';
import { DurableTask } from './durable-task.js';
import { type ExecutionStart } from './execution-start.js';
import { type TraceLevel, type TraceSink } from './execution-scope.js';
import { type KvEntry } from './instance-kv.js';
import type { OrchestrationHandler } from './orchestration-handler.js';
import { type ScheduleSpec } from './schedule-matcher.js';
import type { TurnResult } from './turn-result.js';
export type { ExecutionStart } from './execution-start.js';
export type { KvEntry } from './instance-kv.js';
export type { TraceLevel } from './execution-scope.js';
export interface ReplayEngineOptions {
    readonly instanceId: string;
    readonly executionId: number;
    /** Persisted history of this execution; empty for a new execution (then `start` is required). */
    readonly history: readonly HistoryEvent[];
    readonly start?: ExecutionStart | undefined;
    readonly handler: OrchestrationHandler;
    /** Wall clock (epoch ms) for event timestamps, timer fire times and `utcNow`. */
    readonly clock: () => number;
    /** Source of random GUIDs for `newGuid`. */
    readonly newGuid: () => string;
    /**
     * Resolves after every pending microtask has run (the runtime uses `setImmediate`), so the
     * orchestration code reaches its next suspension between two deliveries.
     */
    readonly drain: () => Promise<void>;
    /** Version of this engine, written on every event. */
    readonly duroxideVersion: string;
    readonly trace?: TraceSink | undefined;
    /** KV values merged at the end of earlier executions (the provider's store). */
    readonly kvSnapshot?: ReadonlyMap<string, KvEntry> | undefined;
    /** Size limits; defaults in `DEFAULT_LIMITS`. */
    readonly limits?: Partial<Limits> | undefined;
}
export declare class ReplayEngine implements OrchestrationHost {
    #private;
    readonly instanceId: string;
    readonly executionId: number;
    /** Size limits in force. */
    readonly limits: Limits;
    constructor(opts: ReplayEngineOptions);
    get orchestrationName(): string;
    get orchestrationVersion(): string;
    get parent(): ParentLink | undefined;
    get isReplaying(): boolean;
    /** Number of events the engine holds (persisted + committed). */
    get historyLength(): number;
    get lastEventId(): number;
    /** True once a terminal turn ran, or the engine cannot be reused. */
    get isFinished(): boolean;
    /**
     * Runs one turn with the given messages (start items are ignored here: the runtime turns
     * them into `start`). The engine may be reused for the next turn only after the runtime has
     * committed this one ({@link commit}).
     */
    runTurn(messages: readonly WorkItem[]): Promise<TurnResult>;
    /** Marks the last turn's events as persisted (call after a successful ack). */
    commit(): void;
    /** @internal Schedules (or, on replay, claims) one durable action. */
    schedule<T>(spec: ScheduleSpec, kind: DurableTask<T>['internals']['kind'], mapValue?: (value: unknown) => unknown): DurableTask<T>;
    /**
     * @internal `utcNow` / `newGuid`: recorded like activities, completed inline in the same turn
     * (docs/decisions/0003-spec-deviations.md).
     */
    systemCall<T>(name: string, produce: () => T): DurableTask<T>;
    /** @internal */
    requestContinueAsNew(input: string, version: string | undefined): DurableTask<never>;
    /** @internal Composite tasks (all/race) register so the quiescence check sees them. */
    track(task: DurableTask<unknown>): void;
    /** @internal Marks a task discarded (race loser); its completion will be ignored. */
    drop(task: DurableTask<unknown>): void;
    /** @internal */
    setCustomStatus(value: string | undefined): void;
    /** @internal */
    getCustomStatus(): string | undefined;
    /** @internal Sets a KV value (JSON text); recorded as `KeyValueSet`. */
    kvSet(key: string, value: string): void;
    /** @internal */
    kvClear(key: string): void;
    /** @internal */
    kvClearAll(): void;
    /** @internal */
    kvEntries(): ReadonlyMap<string, KvEntry>;
    /** @internal */
    now(): number;
    /** @internal */
    newGuid(): string;
    /** @internal Replay-safe trace: silent while replaying. */
    trace(level: TraceLevel, message: string): void;
    /**
     * @internal Child instance id for an auto-named sub-orchestration
     * (docs/decisions/0003-spec-deviations.md, A8).
     */
    autoChildId(): string;
}
