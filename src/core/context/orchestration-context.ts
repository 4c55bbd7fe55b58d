/**
 * `OrchestrationContext`: what orchestration code receives. Every scheduling method returns a
 * {@link DurableTask} to `await` (async style) or `yield` (generator style); results come
 * from history on replay, so the code must be deterministic.
 * @module
 */
import { SYSCALL_GET_KV_VALUE, SYSCALL_NEW_GUID, SYSCALL_UTC_NOW } from '../syscall-names.js';
import { decodeJson } from '../json/json-codec.js';
import type { DurableTask, TaskKind } from '../replay/durable-task.js';
import type { OrchestrationHost, ScheduleCall } from './orchestration-host.js';
import {
  encodePayload,
  requireActivityName,
  requireDurationMs,
  requireEventName,
  requireInstanceId,
  requireKvKey,
  requireNewInstanceId,
  requireOrchestrationName,
  requireQueueName,
  requireSessionId,
  requireVersion,
} from '../validation/arguments.js';
import { checkRetryPolicy, scheduleWithRetry, type RetryPolicy } from './activity-retry.js';
import {
  checkNow,
  isActivityRef,
  isOrchestrationRef,
  type ActivityRef,
  type OrchestrationRef,
} from './definition-refs.js';
import {
  allOf,
  raceOf,
  type AllResult,
  type RaceResult,
  type TaskValue,
} from './task-combinators.js';
import { parseAllResults, parseJsonText, parseRaceResult } from './typed-results.js';

export type { BackoffPolicy, RetryPolicy } from './activity-retry.js';
export type { AllResult, JoinResult, RaceResult } from './task-combinators.js';

/** Options of {@link OrchestrationContext.scheduleActivity}. */
export interface ScheduleActivityOptions {
  /** Route the activity to the worker that owns this session. */
  readonly sessionId?: string;
}

export type { OrchestrationHost, ScheduleCall } from './orchestration-host.js';

export class OrchestrationContext {
  readonly #host: OrchestrationHost;
  /** Set by a typed method around its untyped call; consumed by the one task it schedules. */
  #pendingMap: ((value: unknown) => unknown) | undefined;

  /** @internal Created by the replay engine. */
  constructor(host: OrchestrationHost) {
    this.#host = host;
  }

  #schedule<T>(spec: ScheduleCall, kind: TaskKind): DurableTask<T> {
    const map = this.#pendingMap;
    this.#pendingMap = undefined;
    return this.#host.schedule<T>(spec, kind, map);
  }

  /** Runs one untyped scheduling call so that the task it schedules parses JSON-text results. */
  #typed<T>(schedule: () => DurableTask<T>): DurableTask<T> {
    this.#pendingMap = parseJsonText;
    try {
      return schedule();
    } finally {
      this.#pendingMap = undefined;
    }
  }

  #encode(value: unknown, what: string): string {
    return encodePayload(value, what, { maxBytes: this.#host.limits.maxPayloadBytes });
  }

  /** The instance id. */
  get instanceId(): string {
    return this.#host.instanceId;
  }
  /** Execution number, starting at 1 and incremented by each continue-as-new. */
  get executionId(): number {
    return this.#host.executionId;
  }
  get orchestrationName(): string {
    return this.#host.orchestrationName;
  }
  /** The semver version this execution runs (recorded when the execution started). */
  get orchestrationVersion(): string {
    return this.#host.orchestrationVersion;
  }
  /** The awaiting parent, for a sub-orchestration. */
  get parentInstanceId(): string | undefined {
    return this.#host.parent?.instanceId;
  }
  /** True while the code re-executes history that was already recorded. */
  get isReplaying(): boolean {
    return this.#host.isReplaying;
  }

  /**
   * Schedules an activity, by name or by a `defineActivity` reference (input type-checked and
   * validated against its schema here); resolves with its output, or throws `ActivityFailedError`.
   * @throws InvalidInputError (`INVALID_INPUT`) for an input the reference's schema rejects.
   * @example const receipt = await ctx.scheduleActivity('Charge', { amount: 42 });
   * @example const receipt = await ctx.scheduleActivity(Charge, { amount: 42 }); // typed
   */
  scheduleActivity<I, O>(
    activity: ActivityRef<I, O>,
    input: NoInfer<I>,
    options?: ScheduleActivityOptions,
  ): DurableTask<O>;
  scheduleActivity<T = unknown>(
    name: string,
    input?: unknown,
    options?: ScheduleActivityOptions,
  ): DurableTask<T>;
  scheduleActivity<T = unknown>(
    name: string | ActivityRef,
    input?: unknown,
    options?: ScheduleActivityOptions,
  ): DurableTask<T> {
    if (isActivityRef(name)) {
      checkNow(name.input, input, `the input of activity '${name.name}'`);
      name = name.name;
    }
    const activity = requireActivityName(name);
    const sessionId =
      options?.sessionId === undefined ? undefined : requireSessionId(options.sessionId);
    return this.#schedule<T>(
      {
        type: 'ActivityScheduled',
        name: activity,
        input: this.#encode(input, 'activity input'),
        sessionId,
      },
      'activity',
    );
  }

  /** Schedules an activity on the worker that owns `sessionId`. */
  scheduleActivityOnSession<T = unknown>(
    name: string,
    input: unknown,
    sessionId: string,
  ): DurableTask<T> {
    return this.scheduleActivity<T>(name, input, { sessionId });
  }

  /**
   * Schedules an activity and retries it on failure with backoff; the waits are durable timers,
   * so a crash between attempts resumes correctly. Resolves with the first successful output;
   * throws the last error when attempts run out, or a timeout error (`kind: 'Timeout'`).
   * @example
   * await ctx.scheduleActivityWithRetry('Charge', order, { maxAttempts: 5, timeoutMs: 10_000, backoff: 'exponential' });
   */
  scheduleActivityWithRetry<T = unknown>(
    name: string,
    input: unknown,
    retry: RetryPolicy,
  ): DurableTask<T> {
    return this.#withRetry<T>(name, input, retry, undefined);
  }

  /** {@link scheduleActivityWithRetry} with every attempt on the same session. */
  scheduleActivityWithRetryOnSession<T = unknown>(
    name: string,
    input: unknown,
    retry: RetryPolicy,
    sessionId: string,
  ): DurableTask<T> {
    return this.#withRetry<T>(name, input, retry, requireSessionId(sessionId));
  }

  #withRetry<T>(
    name: string,
    input: unknown,
    retry: RetryPolicy,
    sessionId: string | undefined,
  ): DurableTask<T> {
    const policy = checkRetryPolicy(retry);
    // Validate name and input now, so mistakes throw at the call site.
    requireActivityName(name);
    this.#encode(input, 'activity input');
    return scheduleWithRetry<T>(
      {
        scheduleActivity: <R>(n: string, i: unknown, session: string | undefined) =>
          this.scheduleActivity<R>(
            n,
            i,
            session === undefined ? undefined : { sessionId: session },
          ),
        scheduleTimer: (ms) => this.scheduleTimer(ms),
        race: (a, b) => this.race(a, b),
        utcNow: () => this.utcNow(),
        traceWarn: (message) => this.traceWarn(message),
        track: (task) => this.#host.track(task),
      },
      name,
      input,
      policy,
      sessionId,
    );
  }

  /** A durable timer: resolves with null after `delayMs` (survives restarts). */
  scheduleTimer(delayMs: number): DurableTask<null> {
    const fireAt = this.#host.now() + Math.ceil(requireDurationMs(delayMs, 'timer delay'));
    return this.#schedule<null>({ type: 'TimerCreated', fireAt }, 'timer');
  }

  /**
   * Waits for an external event raised with `client.raiseEvent`. An event raised before this
   * wait is recorded is kept in history but not delivered.
   */
  waitForEvent<T = unknown>(eventName: string): DurableTask<T> {
    return this.#schedule<T>(
      { type: 'ExternalSubscribed', name: requireEventName(eventName) },
      'external',
    );
  }

  /** Takes the next message of a persistent FIFO queue fed by `client.enqueueEvent`. */
  dequeueEvent<T = unknown>(queueName: string): DurableTask<T> {
    return this.#schedule<T>(
      { type: 'QueueSubscribed', name: requireQueueName(queueName) },
      'queue',
    );
  }

  /**
   * Runs a child orchestration and resolves with its output; by name (version by policy) or by a
   * `defineOrchestration` reference (typed; its version when it was defined with one).
   * @throws InvalidInputError (`INVALID_INPUT`) for an input the reference's schema rejects.
   */
  scheduleSubOrchestration<I, O>(
    orchestration: OrchestrationRef<I, O>,
    input: NoInfer<I>,
  ): DurableTask<O>;
  scheduleSubOrchestration<T = unknown>(name: string, input?: unknown): DurableTask<T>;
  scheduleSubOrchestration<T = unknown>(
    name: string | OrchestrationRef,
    input?: unknown,
  ): DurableTask<T> {
    if (!isOrchestrationRef(name))
      return this.#subOrchestration<T>(name, undefined, undefined, input);
    checkNow(name.input, input, `the input of sub-orchestration '${name.name}'`);
    return this.#subOrchestration<T>(name.name, name.version, undefined, input);
  }

  /** Generator style: `const out = yield* ctx.activity(Charge, order)` — typed, unlike a bare `yield`. */
  *activity<I, O>(
    activity: ActivityRef<I, O>,
    input: NoInfer<I>,
  ): Generator<DurableTask<O>, O, unknown> {
    return yield* this.scheduleActivity(activity, input);
  }

  /** Generator style: `const out = yield* ctx.subOrchestration(Child, input)`, typed. */
  *subOrchestration<I, O>(
    orchestration: OrchestrationRef<I, O>,
    input: NoInfer<I>,
  ): Generator<DurableTask<O>, O, unknown> {
    return yield* this.scheduleSubOrchestration(orchestration, input);
  }

  scheduleSubOrchestrationWithId<T = unknown>(
    name: string,
    instanceId: string,
    input?: unknown,
  ): DurableTask<T> {
    return this.#subOrchestration<T>(name, undefined, requireNewInstanceId(instanceId), input);
  }

  scheduleSubOrchestrationVersioned<T = unknown>(
    name: string,
    version: string,
    input?: unknown,
  ): DurableTask<T> {
    return this.#subOrchestration<T>(name, requireVersion(version), undefined, input);
  }

  scheduleSubOrchestrationVersionedWithId<T = unknown>(
    name: string,
    version: string,
    instanceId: string,
    input?: unknown,
  ): DurableTask<T> {
    return this.#subOrchestration<T>(
      name,
      requireVersion(version),
      requireNewInstanceId(instanceId),
      input,
    );
  }

  #subOrchestration<T>(
    name: string,
    version: string | undefined,
    instanceId: string | undefined,
    input: unknown,
  ): DurableTask<T> {
    const orchestration = requireOrchestrationName(name);
    const encoded = this.#encode(input, 'sub-orchestration input');
    const instance = instanceId ?? this.#host.autoChildId();
    return this.#schedule<T>(
      { type: 'SubOrchestrationScheduled', name: orchestration, instance, input: encoded, version },
      'subOrchestration',
    );
  }

  /** Starts an independent orchestration (fire-and-forget, no parent link). */
  startOrchestration(name: string, instanceId: string, input?: unknown): DurableTask<void> {
    return this.#detached(name, undefined, instanceId, input);
  }

  startOrchestrationVersioned(
    name: string,
    version: string,
    instanceId: string,
    input?: unknown,
  ): DurableTask<void> {
    return this.#detached(name, requireVersion(version), instanceId, input);
  }

  #detached(
    name: string,
    version: string | undefined,
    instanceId: string,
    input: unknown,
  ): DurableTask<void> {
    return this.#schedule<void>(
      {
        type: 'OrchestrationChained',
        name: requireOrchestrationName(name),
        instance: requireNewInstanceId(instanceId),
        input: this.#encode(input, 'orchestration input'),
        version,
      },
      'detached',
    );
  }

  /**
   * Ends this execution and starts the next one with `input`, running the version the policy
   * selects (by default the latest: this is where upgrades happen). The returned task never
   * resolves; `return` or `yield` it.
   */
  continueAsNew(input?: unknown): DurableTask<never> {
    return this.#host.requestContinueAsNew(this.#encode(input, 'continue-as-new input'), undefined);
  }

  /** Like {@link continueAsNew}, with an explicit version for the next execution. */
  continueAsNewVersioned(input: unknown, version: string): DurableTask<never> {
    return this.#host.requestContinueAsNew(
      this.#encode(input, 'continue-as-new input'),
      requireVersion(version),
    );
  }

  /** Current time in epoch ms, recorded in history (same value on every replay). */
  utcNow(): DurableTask<number> {
    return this.#host.systemCall(SYSCALL_UTC_NOW, () => this.#host.now());
  }

  /** A random UUID, recorded in history (same value on every replay). */
  newGuid(): DurableTask<string> {
    return this.#host.systemCall(SYSCALL_NEW_GUID, () => this.#host.newGuid());
  }

  /**
   * Waits for every task; resolves with `[{ ok: value } | { err: error }]` in argument order.
   * Never throws: each element carries its own outcome.
   */
  all<T extends readonly DurableTask<unknown>[]>(
    tasks: T,
  ): DurableTask<{ [K in keyof T]: AllResult<TaskValue<T[K]>> }> {
    return allOf(this.#host, tasks);
  }

  /**
   * Resolves with the first task to complete, in history order (`{ index, value }`); if that
   * task failed, throws its error. The other tasks are cancelled where possible.
   */
  race<T extends readonly DurableTask<unknown>[]>(
    ...tasks: T | [T]
  ): DurableTask<RaceResult<TaskValue<T[number]>>> {
    const list = (tasks.length === 1 && Array.isArray(tasks[0]) ? tasks[0] : tasks) as T;
    return raceOf(this.#host, list);
  }

  // ---- duroxide-node's typed family: the same scheduling calls, whose results are parsed once
  // more when they are JSON text (see typed-results.ts); inputs are JSON-encoded as everywhere.

  /** {@link scheduleActivity} with a typed, JSON-parsed result. */
  scheduleActivityTyped<T = unknown>(name: string, input?: unknown): DurableTask<T> {
    return this.#typed(() => this.scheduleActivity<T>(name, input));
  }
  /** {@link scheduleActivityOnSession} with a typed, JSON-parsed result. */
  scheduleActivityOnSessionTyped<T = unknown>(
    name: string,
    input: unknown,
    sessionId: string,
  ): DurableTask<T> {
    return this.#typed(() => this.scheduleActivityOnSession<T>(name, input, sessionId));
  }
  /** {@link scheduleActivityWithRetry} with a typed, JSON-parsed result. */
  scheduleActivityWithRetryTyped<T = unknown>(
    name: string,
    input: unknown,
    retry: RetryPolicy,
  ): DurableTask<T> {
    // A retry composite settles only after an attempt completes, never at creation.
    return this.scheduleActivityWithRetry<T>(name, input, retry).mapValue(parseJsonText);
  }
  /** {@link scheduleActivityWithRetryOnSession} with a typed, JSON-parsed result. */
  scheduleActivityWithRetryOnSessionTyped<T = unknown>(
    name: string,
    input: unknown,
    retry: RetryPolicy,
    sessionId: string,
  ): DurableTask<T> {
    return this.scheduleActivityWithRetryOnSession<T>(name, input, retry, sessionId).mapValue(
      parseJsonText,
    );
  }
  /** {@link scheduleSubOrchestration} with a typed, JSON-parsed result. */
  scheduleSubOrchestrationTyped<T = unknown>(name: string, input?: unknown): DurableTask<T> {
    return this.#typed(() => this.scheduleSubOrchestration<T>(name, input));
  }
  /** {@link scheduleSubOrchestrationWithId} with a typed, JSON-parsed result. */
  scheduleSubOrchestrationWithIdTyped<T = unknown>(
    name: string,
    instanceId: string,
    input?: unknown,
  ): DurableTask<T> {
    return this.#typed(() => this.scheduleSubOrchestrationWithId<T>(name, instanceId, input));
  }
  /** {@link waitForEvent} with typed, JSON-parsed event data. */
  waitForEventTyped<T = unknown>(eventName: string): DurableTask<T> {
    return this.#typed(() => this.waitForEvent<T>(eventName));
  }
  /** {@link dequeueEvent} with a typed, JSON-parsed message. */
  dequeueEventTyped<T = unknown>(queueName: string): DurableTask<T> {
    return this.#typed(() => this.dequeueEvent<T>(queueName));
  }
  /** Same as {@link startOrchestration} (inputs are always JSON-encoded). */
  startOrchestrationTyped(name: string, instanceId: string, input?: unknown): DurableTask<void> {
    return this.startOrchestration(name, instanceId, input);
  }
  /** Same as {@link startOrchestrationVersioned}. */
  startOrchestrationVersionedTyped(
    name: string,
    version: string,
    instanceId: string,
    input?: unknown,
  ): DurableTask<void> {
    return this.startOrchestrationVersioned(name, version, instanceId, input);
  }
  /** Same as {@link continueAsNew}. */
  continueAsNewTyped(input?: unknown): DurableTask<never> {
    return this.continueAsNew(input);
  }
  /** {@link all} with each `ok`/`err` JSON-parsed. */
  allTyped<T = unknown>(tasks: readonly DurableTask<unknown>[]): DurableTask<AllResult<T>[]> {
    return allOf(this.#host, tasks, parseAllResults) as unknown as DurableTask<AllResult<T>[]>;
  }
  /** {@link race} with the winner's value JSON-parsed. */
  raceTyped<T = unknown>(
    ...tasks: DurableTask<unknown>[] | [readonly DurableTask<unknown>[]]
  ): DurableTask<RaceResult<T>> {
    const list =
      tasks.length === 1 && Array.isArray(tasks[0]) ? tasks[0] : (tasks as DurableTask<unknown>[]);
    return raceOf(this.#host, list, parseRaceResult) as DurableTask<RaceResult<T>>;
  }

  /** Sets the custom status clients see (`getStatus().customStatus`). */
  setCustomStatus(status: unknown): void {
    this.#host.setCustomStatus(this.#encode(status, 'custom status'));
  }

  resetCustomStatus(): void {
    this.#host.setCustomStatus(undefined);
  }

  /** The custom status as last set (this turn or earlier, kept across continue-as-new); null when none. */
  getCustomStatus<T = unknown>(): T | null {
    const s = this.#host.getCustomStatus();
    return s === undefined ? null : (decodeJson(s) as T);
  }

  /**
   * Sets a value in this instance's key-value store (survives continue-as-new; readable by
   * clients and other instances). Values are JSON.
   * @throws InvalidInputError beyond the size or key-count limits
   */
  setValue(key: string, value: unknown): void {
    this.#host.kvSet(requireKvKey(key), this.#encode(value, `value of '${key}'`));
  }

  /** A value of this instance's store, including writes made earlier in this turn; null when absent. */
  getValue<T = unknown>(key: string): T | null {
    const e = this.#host.kvEntries().get(key);
    return e === undefined ? null : (decodeJson(e.value) as T);
  }

  clearValue(key: string): void {
    this.#host.kvClear(requireKvKey(key));
  }

  clearAllValues(): void {
    this.#host.kvClearAll();
  }

  getKvAllValues(): Record<string, unknown> {
    const all: Record<string, unknown> = {};
    for (const [k, e] of this.#host.kvEntries()) all[k] = decodeJson(e.value);
    return all;
  }

  getKvAllKeys(): string[] {
    return [...this.#host.kvEntries().keys()];
  }

  getKvLength(): number {
    return this.#host.kvEntries().size;
  }

  /** Clears every key last updated before `cutoffMs` (epoch ms); returns how many. */
  pruneKvValuesUpdatedBefore(cutoffMs: number): number {
    requireDurationMs(cutoffMs, 'cutoffMs');
    let n = 0;
    for (const [k, e] of [...this.#host.kvEntries()]) {
      if (e.lastUpdatedAt < cutoffMs) {
        this.#host.kvClear(k);
        n++;
      }
    }
    return n;
  }

  /** Reads a value from another instance's store, recorded in history. */
  getValueFromInstance<T = unknown>(instanceId: string, key: string): DurableTask<T | null> {
    const input = encodePayload(
      { instanceId: requireInstanceId(instanceId), key: requireKvKey(key) },
      'input',
    );
    return this.#schedule<T | null>(
      { type: 'ActivityScheduled', name: SYSCALL_GET_KV_VALUE, input },
      'system',
    );
  }

  /** Logs at info level unless replaying. */
  traceInfo(message: string): void {
    this.#host.trace('info', message);
  }
  traceWarn(message: string): void {
    this.#host.trace('warn', message);
  }
  traceError(message: string): void {
    this.#host.trace('error', message);
  }
  traceDebug(message: string): void {
    this.#host.trace('debug', message);
  }
}
