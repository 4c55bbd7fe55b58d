/**
 * `OrchestrationContext`: what orchestration code receives. Every scheduling method returns a
 * {@link DurableTask} to `await` (async style) or `yield` (generator style); results come
 * from history on replay, so the code must be deterministic (SPEC §4).
 * @module
 */
import type { EventKind, ParentLink } from '../history/history-event.js';
import { ActivityFailedError, InvalidInputError } from '../errors/duroxide-error.js';
import { utf8Bytes, type Limits } from '../limits.js';
import { SYSCALL_GET_KV_VALUE, SYSCALL_NEW_GUID, SYSCALL_PREFIX, SYSCALL_UTC_NOW } from '../syscall-names.js';
import { encodeJson, JsonEncodeError, decodeJson } from '../json/json-codec.js';
import { parseSemVer } from '../versioning/semver.js';
import { DurableTask, type TaskKind } from '../replay/durable-task.js';

/** Result element of {@link OrchestrationContext.all}. */
export type AllResult<T> = { readonly ok: T; readonly err?: undefined } | { readonly ok?: undefined; readonly err: Error };

/** Result of {@link OrchestrationContext.race}. */
export interface RaceResult<T> {
  readonly index: number;
  readonly value: T;
}

/** Backoff between retry attempts (SPEC §4.3). `n` below is the number of failures so far. */
export type BackoffPolicy =
  | 'exponential'
  | 'linear'
  | 'fixed'
  | 'none'
  | {
      /** `exponential`: min(base × multiplier^(n−1), max); `linear`: min(base × n, max); `fixed`: base. */
      readonly kind: 'exponential' | 'linear' | 'fixed' | 'none';
      readonly baseMs?: number;
      readonly multiplier?: number;
      readonly maxMs?: number;
    };

/** Retry policy of {@link OrchestrationContext.scheduleActivityWithRetry}. */
export interface RetryPolicy {
  /** Attempts in total, at least 1. */
  readonly maxAttempts: number;
  /** Per-attempt timeout. A timed-out attempt is cancelled and, unless `retryOnTimeout`, not retried (SPEC §4.3). */
  readonly timeoutMs?: number;
  /** Deadline for all attempts together, backoff included. */
  readonly totalTimeoutMs?: number;
  /** Default `'exponential'` (100 ms, ×2, at most 30 s). `'fixed'` waits 1 s; `'linear'` 100 ms × n. */
  readonly backoff?: BackoffPolicy;
  /** Retry attempts that timed out too. Default false. */
  readonly retryOnTimeout?: boolean;
}

/** Options of {@link OrchestrationContext.scheduleActivity}. */
export interface ScheduleActivityOptions {
  /** Route the activity to the worker that owns this session (SPEC §4.11). */
  readonly sessionId?: string;
}

type TaskValue<T> = T extends DurableTask<infer V> ? V : never;

/** What the context needs from the replay engine. @internal */
export interface OrchestrationHost {
  readonly instanceId: string;
  readonly executionId: number;
  readonly orchestrationName: string;
  readonly orchestrationVersion: string;
  readonly parent: ParentLink | undefined;
  readonly isReplaying: boolean;
  readonly limits: Limits;
  schedule<T>(spec: ScheduleCall, kind: TaskKind): DurableTask<T>;
  kvSet(key: string, value: string): void;
  kvClear(key: string): void;
  kvClearAll(): void;
  kvEntries(): ReadonlyMap<string, { readonly value: string; readonly lastUpdatedAt: number }>;
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
export type ScheduleCall = Extract<
  EventKind,
  {
    type:
      | 'ActivityScheduled'
      | 'TimerCreated'
      | 'ExternalSubscribed'
      | 'QueueSubscribed'
      | 'SubOrchestrationScheduled'
      | 'OrchestrationChained'
      | 'CustomStatusUpdated'
      | 'KeyValueSet'
      | 'KeyValueCleared'
      | 'KeyValuesCleared';
  }
>;

const MAX_NAME_LENGTH = 1024;

function requireName(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidInputError(`${what} must be a non-empty string, got ${JSON.stringify(value) ?? typeof value}`);
  }
  if (value.length > MAX_NAME_LENGTH) {
    throw new InvalidInputError(`${what} is ${value.length} characters long; the limit is ${MAX_NAME_LENGTH}`);
  }
  return value;
}

function encode(value: unknown, what: string, maxBytes = Number.POSITIVE_INFINITY): string {
  let text: string;
  try {
    text = encodeJson(value, what);
  } catch (e) {
    if (e instanceof JsonEncodeError) throw new InvalidInputError(e.message, {}, e);
    throw e;
  }
  if (text.length > maxBytes / 4) {
    const bytes = utf8Bytes(text);
    if (bytes > maxBytes) throw new InvalidInputError(`${what} is ${bytes} bytes as JSON; the limit is ${maxBytes}`);
  }
  return text;
}

function checkPositive(value: unknown, what: string, allowZero = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new InvalidInputError(`${what} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${String(value)}`);
  }
  return value;
}

interface ResolvedBackoff {
  readonly kind: 'exponential' | 'linear' | 'fixed' | 'none';
  readonly baseMs: number;
  readonly multiplier: number;
  readonly maxMs: number;
}

function resolveBackoff(b: BackoffPolicy | undefined): ResolvedBackoff {
  const kind = b === undefined ? 'exponential' : typeof b === 'string' ? b : b.kind;
  if (!['exponential', 'linear', 'fixed', 'none'].includes(kind)) {
    throw new InvalidInputError(`backoff must be 'exponential', 'linear', 'fixed', 'none' or { kind, baseMs?, multiplier?, maxMs? }, got ${JSON.stringify(b)}`);
  }
  const o = typeof b === 'object' ? b : undefined;
  return {
    kind: kind,
    baseMs: o?.baseMs === undefined ? (kind === 'fixed' ? 1000 : 100) : checkPositive(o.baseMs, 'backoff.baseMs', true),
    multiplier: o?.multiplier === undefined ? 2 : checkPositive(o.multiplier, 'backoff.multiplier'),
    maxMs: o?.maxMs === undefined ? 30_000 : checkPositive(o.maxMs, 'backoff.maxMs', true),
  };
}

/** Delay after the `failures`-th failure (SPEC §4.3). */
export function backoffDelayMs(b: ResolvedBackoff, failures: number): number {
  switch (b.kind) {
    case 'none':
      return 0;
    case 'fixed':
      return b.baseMs;
    case 'linear':
      return Math.min(b.baseMs * failures, b.maxMs);
    case 'exponential':
      return Math.min(b.baseMs * b.multiplier ** Math.max(failures - 1, 0), b.maxMs);
  }
}

function requireVersion(version: unknown): string {
  if (typeof version !== 'string' || parseSemVer(version) === null) {
    throw new InvalidInputError(`version must be a semver string like '1.2.0', got ${JSON.stringify(version)}`);
  }
  return version;
}

function requireChildId(instanceId: unknown): string {
  const id = requireName(instanceId, 'instance id');
  if (id.startsWith('sub::')) {
    throw new InvalidInputError(`instance id '${id}' starts with the reserved prefix 'sub::'`);
  }
  return id;
}

export class OrchestrationContext {
  readonly #host: OrchestrationHost;

  /** @internal Created by the replay engine. */
  constructor(host: OrchestrationHost) {
    this.#host = host;
  }

  get #maxPayload(): number {
    return this.#host.limits.maxPayloadBytes;
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
   * Schedules an activity; resolves with its output, or throws `ActivityFailedError`.
   * @example const receipt = await ctx.scheduleActivity('Charge', { amount: 42 });
   */
  scheduleActivity<T = unknown>(name: string, input?: unknown, options?: ScheduleActivityOptions): DurableTask<T> {
    const activity = requireName(name, 'activity name');
    if (activity.startsWith(SYSCALL_PREFIX)) {
      throw new InvalidInputError(`activity name '${activity}' uses the reserved prefix '${SYSCALL_PREFIX}'`);
    }
    const sessionId = options?.sessionId === undefined ? undefined : requireName(options.sessionId, 'session id');
    return this.#host.schedule<T>(
      { type: 'ActivityScheduled', name: activity, input: encode(input, 'activity input', this.#maxPayload), sessionId },
      'activity',
    );
  }

  /** Schedules an activity on the worker that owns `sessionId` (SPEC §4.11). */
  scheduleActivityOnSession<T = unknown>(name: string, input: unknown, sessionId: string): DurableTask<T> {
    return this.scheduleActivity<T>(name, input, { sessionId });
  }

  /**
   * Schedules an activity and retries it on failure with backoff; the waits are durable timers,
   * so a crash between attempts resumes correctly. Resolves with the first successful output;
   * throws the last error when attempts run out, or a timeout error (`kind: 'Timeout'`).
   * @example
   * await ctx.scheduleActivityWithRetry('Charge', order, { maxAttempts: 5, timeoutMs: 10_000, backoff: 'exponential' });
   */
  scheduleActivityWithRetry<T = unknown>(name: string, input: unknown, retry: RetryPolicy): DurableTask<T> {
    return this.#withRetry<T>(name, input, retry, undefined);
  }

  /** {@link scheduleActivityWithRetry} with every attempt on the same session. */
  scheduleActivityWithRetryOnSession<T = unknown>(name: string, input: unknown, retry: RetryPolicy, sessionId: string): DurableTask<T> {
    return this.#withRetry<T>(name, input, retry, requireName(sessionId, 'session id'));
  }

  #withRetry<T>(name: string, input: unknown, retry: RetryPolicy, sessionId: string | undefined): DurableTask<T> {
    if (typeof retry !== 'object' || retry === null) throw new InvalidInputError('retry policy must be an object like { maxAttempts: 3 }');
    const maxAttempts = retry.maxAttempts;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new InvalidInputError(`retry.maxAttempts must be an integer >= 1, got ${String(maxAttempts)}`);
    }
    const timeoutMs = retry.timeoutMs === undefined ? undefined : checkPositive(retry.timeoutMs, 'retry.timeoutMs');
    const totalMs = retry.totalTimeoutMs === undefined ? undefined : checkPositive(retry.totalTimeoutMs, 'retry.totalTimeoutMs');
    const backoff = resolveBackoff(retry.backoff);
    // Validate name and input now, so mistakes throw at the call site.
    requireName(name, 'activity name');
    encode(input, 'activity input', this.#maxPayload);

    const current: DurableTask<unknown>[] = [];
    const composite = new DurableTask<T>('retry', current);
    this.#host.track(composite);
    const timeout = (ms: number, attempt: number, total: boolean): ActivityFailedError => {
      const message = total
        ? `timeout: activity '${name}' did not succeed within its total timeout of ${ms} ms (attempt ${attempt} of ${maxAttempts})`
        : `timeout: activity '${name}' timed out after ${ms} ms (attempt ${attempt} of ${maxAttempts})`;
      return new ActivityFailedError(message, { category: 'application', kind: 'Timeout', message, retryable: false }, { activityName: name });
    };
    const run = async (): Promise<T> => {
      const start = totalMs === undefined ? 0 : await this.utcNow();
      let last: unknown;
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        let budget = timeoutMs;
        let remaining = Number.POSITIVE_INFINITY;
        if (totalMs !== undefined) {
          remaining = totalMs - ((await this.utcNow()) - start);
          if (remaining <= 0) throw timeout(totalMs, attempt, true);
          budget = budget === undefined ? remaining : Math.min(budget, remaining);
        }
        const activity = this.scheduleActivity<T>(name, input, sessionId === undefined ? undefined : { sessionId });
        current.splice(0, current.length, activity as DurableTask<unknown>);
        let timedOut: { error: ActivityFailedError; retryable: boolean } | undefined;
        try {
          if (budget === undefined) return await activity;
          const timer = this.scheduleTimer(budget);
          current.push(timer);
          const r = await this.race(activity, timer);
          if (r.index === 0) return r.value as T;
          // The timer won; the race cancelled the activity.
          const byTotal = budget !== timeoutMs;
          timedOut = {
            error: timeout(byTotal ? totalMs! : budget, attempt, byTotal),
            retryable: !byTotal && retry.retryOnTimeout === true,
          };
        } catch (e) {
          last = e;
        }
        if (timedOut !== undefined) {
          if (!timedOut.retryable) throw timedOut.error;
          last = timedOut.error;
        }
        if (attempt < maxAttempts) {
          const delay = Math.min(backoffDelayMs(backoff, attempt), Math.max(remaining - 1, 0));
          this.traceWarn(`activity '${name}' attempt ${attempt} of ${maxAttempts} failed: ${last instanceof Error ? last.message : String(last)}; retrying in ${delay} ms`);
          if (delay > 0) {
            const wait = this.scheduleTimer(delay);
            current.splice(0, current.length, wait);
            await wait;
          }
        }
      }
      throw last;
    };
    run().then(
      (value) => composite.settle({ ok: true, value }),
      (error: unknown) => composite.settle({ ok: false, error }),
    );
    return composite;
  }

  /** A durable timer: resolves after `delayMs` (survives restarts). */
  scheduleTimer(delayMs: number): DurableTask<void> {
    if (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0) {
      throw new InvalidInputError(`timer delay must be a non-negative number of milliseconds, got ${String(delayMs)}`);
    }
    const fireAt = this.#host.now() + Math.ceil(delayMs);
    return this.#host.schedule<void>({ type: 'TimerCreated', fireAt }, 'timer');
  }

  /**
   * Waits for an external event raised with `client.raiseEvent`. An event raised before this
   * wait is recorded is kept in history but not delivered (SPEC §3.6).
   */
  waitForEvent<T = unknown>(eventName: string): DurableTask<T> {
    return this.#host.schedule<T>({ type: 'ExternalSubscribed', name: requireName(eventName, 'event name') }, 'external');
  }

  /** Takes the next message of a persistent FIFO queue fed by `client.enqueueEvent` (SPEC §3.7). */
  dequeueEvent<T = unknown>(queueName: string): DurableTask<T> {
    return this.#host.schedule<T>({ type: 'QueueSubscribed', name: requireName(queueName, 'queue name') }, 'queue');
  }

  /** Runs a child orchestration (version by policy) and resolves with its output. */
  scheduleSubOrchestration<T = unknown>(name: string, input?: unknown): DurableTask<T> {
    return this.#subOrchestration<T>(name, undefined, undefined, input);
  }

  scheduleSubOrchestrationWithId<T = unknown>(name: string, instanceId: string, input?: unknown): DurableTask<T> {
    return this.#subOrchestration<T>(name, undefined, requireChildId(instanceId), input);
  }

  scheduleSubOrchestrationVersioned<T = unknown>(name: string, version: string, input?: unknown): DurableTask<T> {
    return this.#subOrchestration<T>(name, requireVersion(version), undefined, input);
  }

  scheduleSubOrchestrationVersionedWithId<T = unknown>(
    name: string,
    version: string,
    instanceId: string,
    input?: unknown,
  ): DurableTask<T> {
    return this.#subOrchestration<T>(name, requireVersion(version), requireChildId(instanceId), input);
  }

  #subOrchestration<T>(name: string, version: string | undefined, instanceId: string | undefined, input: unknown): DurableTask<T> {
    const orchestration = requireName(name, 'orchestration name');
    const encoded = encode(input, 'sub-orchestration input', this.#maxPayload);
    const instance = instanceId ?? this.#host.autoChildId();
    return this.#host.schedule<T>(
      { type: 'SubOrchestrationScheduled', name: orchestration, instance, input: encoded, version },
      'subOrchestration',
    );
  }

  /** Starts an independent orchestration (fire-and-forget, no parent link). */
  startOrchestration(name: string, instanceId: string, input?: unknown): DurableTask<void> {
    return this.#detached(name, undefined, instanceId, input);
  }

  startOrchestrationVersioned(name: string, version: string, instanceId: string, input?: unknown): DurableTask<void> {
    return this.#detached(name, requireVersion(version), instanceId, input);
  }

  #detached(name: string, version: string | undefined, instanceId: string, input: unknown): DurableTask<void> {
    return this.#host.schedule<void>(
      {
        type: 'OrchestrationChained',
        name: requireName(name, 'orchestration name'),
        instance: requireChildId(instanceId),
        input: encode(input, 'orchestration input', this.#maxPayload),
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
    return this.#host.requestContinueAsNew(encode(input, 'continue-as-new input', this.#maxPayload), undefined);
  }

  /** Like {@link continueAsNew}, with an explicit version for the next execution. */
  continueAsNewVersioned(input: unknown, version: string): DurableTask<never> {
    return this.#host.requestContinueAsNew(encode(input, 'continue-as-new input', this.#maxPayload), requireVersion(version));
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
  all<T extends readonly DurableTask<unknown>[]>(tasks: T): DurableTask<{ [K in keyof T]: AllResult<TaskValue<T[K]>> }> {
    const list = this.#checkTasks(tasks, 'all');
    const composite = new DurableTask<{ [K in keyof T]: AllResult<TaskValue<T[K]>> }>('all', list);
    this.#host.track(composite);
    let remaining = list.length;
    const finish = (): void => {
      const results = list.map((t) => {
        const s = t.settlement!;
        return s.ok ? { ok: s.value } : { err: toError(s.error) };
      });
      composite.settle({ ok: true, value: results as { [K in keyof T]: AllResult<TaskValue<T[K]>> } });
    };
    if (remaining === 0) finish();
    for (const t of list) {
      t.onSettle(() => {
        if (--remaining === 0) finish();
      });
    }
    return composite;
  }

  /**
   * Resolves with the first task to complete, in history order (`{ index, value }`); if that
   * task failed, throws its error. The other tasks are cancelled where possible.
   */
  race<T extends readonly DurableTask<unknown>[]>(...tasks: T | [T]): DurableTask<RaceResult<TaskValue<T[number]>>> {
    const list = this.#checkTasks(
      (tasks.length === 1 && Array.isArray(tasks[0]) ? tasks[0] : tasks) as readonly DurableTask<unknown>[],
      'race',
    );
    if (list.length === 0) throw new InvalidInputError('race() needs at least one task');
    const composite = new DurableTask<RaceResult<TaskValue<T[number]>>>('race', list);
    this.#host.track(composite);
    list.forEach((t, index) => {
      t.onSettle(() => {
        if (composite.isSettled || composite.internals.dropped) return;
        const s = t.settlement!;
        composite.settle(
          s.ok ? { ok: true, value: { index, value: s.value as TaskValue<T[number]> } } : { ok: false, error: s.error },
        );
        for (const loser of list) if (loser !== t) this.#host.drop(loser);
      });
    });
    return composite;
  }

  #checkTasks(tasks: readonly unknown[], what: string): DurableTask<unknown>[] {
    if (!Array.isArray(tasks)) throw new InvalidInputError(`${what}() takes an array of tasks`);
    return tasks.map((t, i) => {
      if (!(t instanceof DurableTask)) {
        throw new InvalidInputError(`${what}(): element ${i} is not a task returned by ctx`);
      }
      return t as DurableTask<unknown>;
    });
  }

  /** Sets the custom status clients see (`getStatus().customStatus`). */
  setCustomStatus(status: unknown): void {
    this.#host.setCustomStatus(encode(status, 'custom status', this.#maxPayload));
  }

  resetCustomStatus(): void {
    this.#host.setCustomStatus(undefined);
  }

  getCustomStatus<T = unknown>(): T | undefined {
    const s = this.#host.getCustomStatus();
    return s === undefined ? undefined : (decodeJson(s) as T);
  }

  /**
   * Sets a value in this instance's key-value store (survives continue-as-new; readable by
   * clients and other instances). Values are JSON.
   * @throws InvalidInputError beyond the size or key-count limits
   */
  setValue(key: string, value: unknown): void {
    this.#host.kvSet(requireName(key, 'key'), encode(value, `value of '${key}'`, this.#maxPayload));
  }

  getValue<T = unknown>(key: string): T | undefined {
    const e = this.#host.kvEntries().get(key);
    return e === undefined ? undefined : (decodeJson(e.value) as T);
  }

  clearValue(key: string): void {
    this.#host.kvClear(requireName(key, 'key'));
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
    checkPositive(cutoffMs, 'cutoffMs', true);
    let n = 0;
    for (const [k, e] of [...this.#host.kvEntries()]) {
      if (e.lastUpdatedAt < cutoffMs) {
        this.#host.kvClear(k);
        n++;
      }
    }
    return n;
  }

  /** Reads a value from another instance's store, recorded in history (SPEC §4.9). */
  getValueFromInstance<T = unknown>(instanceId: string, key: string): DurableTask<T | null> {
    const input = encode({ instanceId: requireName(instanceId, 'instance id'), key: requireName(key, 'key') }, 'input');
    return this.#host.schedule<T | null>({ type: 'ActivityScheduled', name: SYSCALL_GET_KV_VALUE, input }, 'system');
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

function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
