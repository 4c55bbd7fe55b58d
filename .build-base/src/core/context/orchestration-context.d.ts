/**
 * `OrchestrationContext`: what orchestration code receives. Every scheduling method returns a
 * {@link DurableTask} to `await` (async style) or `yield` (generator style); results come
 * from history on replay, so the code must be deterministic.
 * @module
 */
import type { EventKind, ParentLink } from '../history/history-event.js';
import type { Limits } from '../limits.js';
import type { DurableTask, TaskKind } from '../replay/durable-task.js';
import { type RetryPolicy } from './activity-retry.js';
import { type AllResult, type RaceResult, type TaskValue } from './task-combinators.js';
export type { BackoffPolicy, RetryPolicy } from './activity-retry.js';
export type { AllResult, JoinResult, RaceResult } from './task-combinators.js';
/** Options of {@link OrchestrationContext.scheduleActivity}. */
export interface ScheduleActivityOptions {
    /** Route the activity to the worker that owns this session. */
    readonly sessionId?: string;
}
/** What the context needs from the replay engine. @internal */
export interface OrchestrationHost {
    readonly instanceId: string;
    readonly executionId: number;
    readonly orchestrationName: string;
    readonly orchestrationVersion: string;
    readonly parent: ParentLink | undefined;
    readonly isReplaying: boolean;
    readonly limits: Limits;
    /** `mapValue` transforms the value the task resolves with (the typed family). */
    schedule<T>(spec: ScheduleCall, kind: TaskKind, mapValue?: (value: unknown) => unknown): DurableTask<T>;
    kvSet(key: string, value: string): void;
    kvClear(key: string): void;
    kvClearAll(): void;
    kvEntries(): ReadonlyMap<string, {
        readonly value: string;
        readonly lastUpdatedAt: number;
    }>;
    systemCall<T>(name: string, produce: () => T): DurableTask<T>;
    requestContinueAsNew(input: string, version: string | undefined): DurableTask<never>;
    track(task: DurableTask<unknown>): void;
    drop(task: DurableTask<unknown>): void;
    setCustomStatus(value: string | undefined): void;
    getCustomStatus(): string | undefined;
    autoChildId(): string;
    now(): number;
    newGuid(): string;
    trace(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
}
/** The scheduling event kinds a context call produces. @internal */
export type ScheduleCall = Extract<EventKind, {
    type: 'ActivityScheduled' | 'TimerCreated' | 'ExternalSubscribed' | 'QueueSubscribed' | 'SubOrchestrationScheduled' | 'OrchestrationChained' | 'CustomStatusUpdated' | 'KeyValueSet' | 'KeyValueCleared' | 'KeyValuesCleared';
}>;
export declare class OrchestrationContext {
    #private;
    /** @internal Created by the replay engine. */
    constructor(host: OrchestrationHost);
    /** The instance id. */
    get instanceId(): string;
    /** Execution number, starting at 1 and incremented by each continue-as-new. */
    get executionId(): number;
    get orchestrationName(): string;
    /** The semver version this execution runs (recorded when the execution started). */
    get orchestrationVersion(): string;
    /** The awaiting parent, for a sub-orchestration. */
    get parentInstanceId(): string | undefined;
    /** True while the code re-executes history that was already recorded. */
    get isReplaying(): boolean;
    /**
     * Schedules an activity; resolves with its output, or throws `ActivityFailedError`.
     * @example const receipt = await ctx.scheduleActivity('Charge', { amount: 42 });
     */
    scheduleActivity<T = unknown>(name: string, input?: unknown, options?: ScheduleActivityOptions): DurableTask<T>;
    /** Schedules an activity on the worker that owns `sessionId`. */
    scheduleActivityOnSession<T = unknown>(name: string, input: unknown, sessionId: string): DurableTask<T>;
    /**
     * Schedules an activity and retries it on failure with backoff; the waits are durable timers,
     * so a crash between attempts resumes correctly. Resolves with the first successful output;
     * throws the last error when attempts run out, or a timeout error (`kind: 'Timeout'`).
     * @example
     * await ctx.scheduleActivityWithRetry('Charge', order, { maxAttempts: 5, timeoutMs: 10_000, backoff: 'exponential' });
     */
    scheduleActivityWithRetry<T = unknown>(name: string, input: unknown, retry: RetryPolicy): DurableTask<T>;
    /** {@link scheduleActivityWithRetry} with every attempt on the same session. */
    scheduleActivityWithRetryOnSession<T = unknown>(name: string, input: unknown, retry: RetryPolicy, sessionId: string): DurableTask<T>;
    /** A durable timer: resolves with null after `delayMs` (survives restarts). */
    scheduleTimer(delayMs: number): DurableTask<null>;
    /**
     * Waits for an external event raised with `client.raiseEvent`. An event raised before this
     * wait is recorded is kept in history but not delivered.
     */
    waitForEvent<T = unknown>(eventName: string): DurableTask<T>;
    /** Takes the next message of a persistent FIFO queue fed by `client.enqueueEvent`. */
    dequeueEvent<T = unknown>(queueName: string): DurableTask<T>;
    /** Runs a child orchestration (version by policy) and resolves with its output. */
    scheduleSubOrchestration<T = unknown>(name: string, input?: unknown): DurableTask<T>;
    scheduleSubOrchestrationWithId<T = unknown>(name: string, instanceId: string, input?: unknown): DurableTask<T>;
    scheduleSubOrchestrationVersioned<T = unknown>(name: string, version: string, input?: unknown): DurableTask<T>;
    scheduleSubOrchestrationVersionedWithId<T = unknown>(name: string, version: string, instanceId: string, input?: unknown): DurableTask<T>;
    /** Starts an independent orchestration (fire-and-forget, no parent link). */
    startOrchestration(name: string, instanceId: string, input?: unknown): DurableTask<void>;
    startOrchestrationVersioned(name: string, version: string, instanceId: string, input?: unknown): DurableTask<void>;
    /**
     * Ends this execution and starts the next one with `input`, running the version the policy
     * selects (by default the latest: this is where upgrades happen). The returned task never
     * resolves; `return` or `yield` it.
     */
    continueAsNew(input?: unknown): DurableTask<never>;
    /** Like {@link continueAsNew}, with an explicit version for the next execution. */
    continueAsNewVersioned(input: unknown, version: string): DurableTask<never>;
    /** Current time in epoch ms, recorded in history (same value on every replay). */
    utcNow(): DurableTask<number>;
    /** A random UUID, recorded in history (same value on every replay). */
    newGuid(): DurableTask<string>;
    /**
     * Waits for every task; resolves with `[{ ok: value } | { err: error }]` in argument order.
     * Never throws: each element carries its own outcome.
     */
    all<T extends readonly DurableTask<unknown>[]>(tasks: T): DurableTask<{
        [K in keyof T]: AllResult<TaskValue<T[K]>>;
    }>;
    /**
     * Resolves with the first task to complete, in history order (`{ index, value }`); if that
     * task failed, throws its error. The other tasks are cancelled where possible.
     */
    race<T extends readonly DurableTask<unknown>[]>(...tasks: T | [T]): DurableTask<RaceResult<TaskValue<T[number]>>>;
    /** {@link scheduleActivity} with a typed, JSON-parsed result. */
    scheduleActivityTyped<T = unknown>(name: string, input?: unknown): DurableTask<T>;
    /** {@link scheduleActivityOnSession} with a typed, JSON-parsed result. */
    scheduleActivityOnSessionTyped<T = unknown>(name: string, input: unknown, sessionId: string): DurableTask<T>;
    /** {@link scheduleActivityWithRetry} with a typed, JSON-parsed result. */
    scheduleActivityWithRetryTyped<T = unknown>(name: string, input: unknown, retry: RetryPolicy): DurableTask<T>;
    /** {@link scheduleActivityWithRetryOnSession} with a typed, JSON-parsed result. */
    scheduleActivityWithRetryOnSessionTyped<T = unknown>(name: string, input: unknown, retry: RetryPolicy, sessionId: string): DurableTask<T>;
    /** {@link scheduleSubOrchestration} with a typed, JSON-parsed result. */
    scheduleSubOrchestrationTyped<T = unknown>(name: string, input?: unknown): DurableTask<T>;
    /** {@link scheduleSubOrchestrationWithId} with a typed, JSON-parsed result. */
    scheduleSubOrchestrationWithIdTyped<T = unknown>(name: string, instanceId: string, input?: unknown): DurableTask<T>;
    /** {@link waitForEvent} with typed, JSON-parsed event data. */
    waitForEventTyped<T = unknown>(eventName: string): DurableTask<T>;
    /** {@link dequeueEvent} with a typed, JSON-parsed message. */
    dequeueEventTyped<T = unknown>(queueName: string): DurableTask<T>;
    /** Same as {@link startOrchestration} (inputs are always JSON-encoded). */
    startOrchestrationTyped(name: string, instanceId: string, input?: unknown): DurableTask<void>;
    /** Same as {@link startOrchestrationVersioned}. */
    startOrchestrationVersionedTyped(name: string, version: string, instanceId: string, input?: unknown): DurableTask<void>;
    /** Same as {@link continueAsNew}. */
    continueAsNewTyped(input?: unknown): DurableTask<never>;
    /** {@link all} with each `ok`/`err` JSON-parsed. */
    allTyped<T = unknown>(tasks: readonly DurableTask<unknown>[]): DurableTask<AllResult<T>[]>;
    /** {@link race} with the winner's value JSON-parsed. */
    raceTyped<T = unknown>(...tasks: DurableTask<unknown>[] | [readonly DurableTask<unknown>[]]): DurableTask<RaceResult<T>>;
    /** Sets the custom status clients see (`getStatus().customStatus`). */
    setCustomStatus(status: unknown): void;
    resetCustomStatus(): void;
    /** The custom status as last set (this turn or earlier, kept across continue-as-new); null when none. */
    getCustomStatus<T = unknown>(): T | null;
    /**
     * Sets a value in this instance's key-value store (survives continue-as-new; readable by
     * clients and other instances). Values are JSON.
     * @throws InvalidInputError beyond the size or key-count limits
     */
    setValue(key: string, value: unknown): void;
    /** A value of this instance's store, including writes made earlier in this turn; null when absent. */
    getValue<T = unknown>(key: string): T | null;
    clearValue(key: string): void;
    clearAllValues(): void;
    getKvAllValues(): Record<string, unknown>;
    getKvAllKeys(): string[];
    getKvLength(): number;
    /** Clears every key last updated before `cutoffMs` (epoch ms); returns how many. */
    pruneKvValuesUpdatedBefore(cutoffMs: number): number;
    /** Reads a value from another instance's store, recorded in history. */
    getValueFromInstance<T = unknown>(instanceId: string, key: string): DurableTask<T | null>;
    /** Logs at info level unless replaying. */
    traceInfo(message: string): void;
    traceWarn(message: string): void;
    traceError(message: string): void;
    traceDebug(message: string): void;
}
