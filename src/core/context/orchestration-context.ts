/**
 * `OrchestrationContext`: what orchestration code receives. Every scheduling method returns a
 * {@link DurableTask} to `await` (async style) or `yield` (generator style); results come
 * from history on replay, so the code must be deterministic (SPEC §4).
 * @module
 */
import type { EventKind, ParentLink } from '../history/history-event.js';
import { InvalidInputError } from '../errors/duroxide-error.js';
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
  schedule<T>(spec: ScheduleCall, kind: TaskKind): DurableTask<T>;
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
      | 'CustomStatusUpdated';
  }
>;

const SYSCALL_PREFIX = '__duroxide_syscall:';
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

function encode(value: unknown, what: string): string {
  try {
    return encodeJson(value, what);
  } catch (e) {
    if (e instanceof JsonEncodeError) throw new InvalidInputError(e.message, {}, e);
    throw e;
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
      { type: 'ActivityScheduled', name: activity, input: encode(input, 'activity input'), sessionId },
      'activity',
    );
  }

  /** Schedules an activity on the worker that owns `sessionId` (SPEC §4.11). */
  scheduleActivityOnSession<T = unknown>(name: string, input: unknown, sessionId: string): DurableTask<T> {
    return this.scheduleActivity<T>(name, input, { sessionId });
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
    const encoded = encode(input, 'sub-orchestration input');
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
        input: encode(input, 'orchestration input'),
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
    return this.#host.requestContinueAsNew(encode(input, 'continue-as-new input'), undefined);
  }

  /** Like {@link continueAsNew}, with an explicit version for the next execution. */
  continueAsNewVersioned(input: unknown, version: string): DurableTask<never> {
    return this.#host.requestContinueAsNew(encode(input, 'continue-as-new input'), requireVersion(version));
  }

  /** Current time in epoch ms, recorded in history (same value on every replay). */
  utcNow(): DurableTask<number> {
    return this.#host.systemCall(`${SYSCALL_PREFIX}utc_now_ms`, () => this.#host.now());
  }

  /** A random UUID, recorded in history (same value on every replay). */
  newGuid(): DurableTask<string> {
    return this.#host.systemCall(`${SYSCALL_PREFIX}new_guid`, () => this.#host.newGuid());
  }

  /**
   * Waits for every task; resolves with `[{ ok: value } | { err: error }]` in argument order.
   * Never throws: each element carries its own outcome.
   */
  all<T extends readonly DurableTask<unknown>[]>(tasks: T): DurableTask<{ [K in keyof T]: AllResult<TaskValue<T[K]>> }> {
    const list = this.#checkTasks(tasks, 'all');
    const composite = new DurableTask<{ [K in keyof T]: AllResult<TaskValue<T[K]>> }>('all', list);
    this.#host.track(composite as DurableTask<unknown>);
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
    this.#host.track(composite as DurableTask<unknown>);
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
    this.#host.setCustomStatus(encode(status, 'custom status'));
  }

  resetCustomStatus(): void {
    this.#host.setCustomStatus(undefined);
  }

  getCustomStatus<T = unknown>(): T | undefined {
    const s = this.#host.getCustomStatus();
    return s === undefined ? undefined : (decodeJson(s) as T);
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
