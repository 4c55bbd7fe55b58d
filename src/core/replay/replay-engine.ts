/**
 * The replay engine: runs one orchestration execution against its history, one turn at a time.
 *
 * How a turn works (SPEC §3, adapted for async/await — DESIGN.md "The replay engine"):
 * 1. New messages become staged history events (execution filter, de-duplication, kind checks).
 * 2. The orchestration code is (re)started and the history is *walked* in order. Scheduling
 *    calls claim the next unclaimed scheduling event in history at the moment they are made
 *    (emit-on-call); when history has no more, the call appends a new event. Completions are
 *    delivered one at a time, in history order, and the microtask queue is drained after each
 *    delivery, so `ctx.race`, `ctx.all` and even `Promise.race`/`Promise.all` resolve the same
 *    way on every replay.
 * 3. At the end of the walk the turn is finalized: continue, complete, fail, continue-as-new or
 *    cancelled, with cancellation breadcrumbs and the work items to dispatch.
 *
 * The engine keeps its state between turns, so a runtime may keep it in memory (the
 * live-instance cache) and feed the next turn only the new messages: a turn then costs
 * O(new events), not O(history).
 * @module
 */
import {
  describeEvent,
  isScheduleEvent,
  type EventKind,
  type EventOfType,
  type HistoryEvent,
  type ParentLink,
} from '../history/history-event.js';
import type { WorkItem } from '../history/work-item.js';
import {
  applicationError,
  cancelledError,
  configurationError,
  displayMessage,
  infrastructureError,
  nondeterminismError,
  type ErrorDetails,
} from '../errors/error-details.js';
import {
  ActivityFailedError,
  DuroxideError,
  SubOrchestrationFailedError,
} from '../errors/duroxide-error.js';
import { decodeJson, encodeJson } from '../json/json-codec.js';
import { DurableTask, isThenable } from './durable-task.js';
import type { CancelledActivity, TurnResult, TurnStatus } from './turn-result.js';
import { OrchestrationContext, type OrchestrationHost } from '../context/orchestration-context.js';
import { DEFAULT_LIMITS, utf8Bytes, type Limits } from '../limits.js';
import { InvalidInputError } from '../errors/duroxide-error.js';

/** Signature of an orchestration: async function, generator function, or plain function. */
export type OrchestrationHandler<I = unknown, O = unknown> = (
  ctx: OrchestrationContext,
  input: I,
) => Promise<O> | Generator<unknown, O, unknown> | O;

/** Replay-safe trace output (silent while replaying). */
export type TraceLevel = 'debug' | 'info' | 'warn' | 'error';
export type TraceSink = (level: TraceLevel, message: string, fields: Record<string, unknown>) => void;

/** How a new execution starts: from a start item or a continue-as-new item. */
export interface ExecutionStart {
  readonly name: string;
  readonly version: string;
  readonly input: string;
  readonly parent?: ParentLink | undefined;
  readonly carryForwardEvents?: ReadonlyArray<readonly [string, string]> | undefined;
  readonly initialCustomStatus?: string | undefined;
}

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
  /** KV values merged at the end of earlier executions (the provider's store, SPEC §4.9). */
  readonly kvSnapshot?: ReadonlyMap<string, KvEntry> | undefined;
  /** Size limits; defaults in `DEFAULT_LIMITS`. */
  readonly limits?: Partial<Limits> | undefined;
}

const MAX_CARRY_FORWARD_EVENTS = 20;

/** The scheduling part of an event kind: what a context call asks for. */
type ScheduleSpec = Extract<
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

/** One KV entry as the orchestration sees it. */
export interface KvEntry {
  readonly value: string;
  readonly lastUpdatedAt: number;
}

interface Subscription {
  readonly eventId: number;
  readonly task: DurableTask<unknown>;
}

interface QueueState {
  /** Delivered but not yet consumed, in history order. */
  readonly buffer: { readonly eventId: number; readonly data: string }[];
  /** Claimed subscriptions waiting for a message, in claim order. */
  readonly waiting: Subscription[];
}

type CodeState =
  | { readonly done: false }
  | { readonly done: true; readonly ok: true; readonly value: unknown }
  | { readonly done: true; readonly ok: false; readonly error: unknown };

type Outcome =
  | { readonly kind: 'continue' }
  | { readonly kind: 'completed'; readonly output: string }
  | { readonly kind: 'failed'; readonly details: ErrorDetails }
  | { readonly kind: 'continuedAsNew'; readonly input: string; readonly version: string | undefined }
  | { readonly kind: 'cancelled'; readonly reason: string };

const COMPLETION_FAMILY: Partial<Record<HistoryEvent['type'], string>> = {
  ActivityCompleted: 'activity',
  ActivityFailed: 'activity',
  TimerFired: 'timer',
  SubOrchestrationCompleted: 'sub',
  SubOrchestrationFailed: 'sub',
};

const SCHEDULE_FOR_FAMILY: Record<string, HistoryEvent['type']> = {
  activity: 'ActivityScheduled',
  timer: 'TimerCreated',
  sub: 'SubOrchestrationScheduled',
};

export class ReplayEngine implements OrchestrationHost {
  readonly instanceId: string;
  readonly executionId: number;
  readonly #opts: ReplayEngineOptions;
  readonly #history: HistoryEvent[] = [];
  readonly #scheduleEvents = new Map<number, HistoryEvent>();
  /** `${family}:${sourceEventId}` of every completion in history (de-duplication). */
  readonly #completedSources = new Set<string>();
  /** Schedule event ids with a cancellation breadcrumb in history. */
  readonly #cancelBreadcrumbs = new Set<number>();
  readonly #tasks = new Map<number, DurableTask<unknown>>();
  /** Unsettled, undropped tasks: the quiescence check looks for one the code waits on. */
  readonly #live = new Set<DurableTask<unknown>>();
  readonly #positional = new Map<string, Subscription[]>();
  readonly #queues = new Map<string, QueueState>();
  readonly #unvalidated: { readonly event: HistoryEvent; readonly spec: ScheduleSpec }[] = [];
  readonly #started: EventOfType<'OrchestrationStarted'>;
  readonly #ctx: OrchestrationContext;
  readonly #kv: Map<string, KvEntry>;
  /** Size limits in force (SPEC §3.16). */
  readonly limits: Limits;
  #persistedLen: number;
  #walk = 0;
  #cursor = 0;
  #nextEventId = 1;
  #turnStartLen = 0;
  #codeStarted = false;
  #code: CodeState = { done: false };
  #error: ErrorDetails | undefined;
  #cancelReason: string | undefined;
  #continueAsNew: { readonly input: string; readonly version: string | undefined } | undefined;
  #customStatus: string | undefined;
  #replaying = false;
  #active = false;
  #finished = false;
  #uncommitted = false;
  /** First event id of the current turn: schedules below it were dispatched by earlier turns. */
  #turnStartEventId = 1;
  /** Tasks dropped since the last turn ended; they get cancellation breadcrumbs. */
  #dropped: DurableTask<unknown>[] = [];

  constructor(opts: ReplayEngineOptions) {
    this.#opts = opts;
    this.instanceId = opts.instanceId;
    this.executionId = opts.executionId;
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.#kv = new Map(opts.kvSnapshot);
    for (const e of opts.history) this.#record(e);
    this.#persistedLen = this.#history.length;
    const first = this.#history[0];
    if (first === undefined) {
      const start = opts.start;
      if (start === undefined) {
        throw new TypeError('ReplayEngine: an empty history needs `start`');
      }
      this.#started = this.#append({
        type: 'OrchestrationStarted',
        name: start.name,
        version: start.version,
        input: start.input,
        parent: start.parent,
        carryForwardEvents:
          start.carryForwardEvents !== undefined && start.carryForwardEvents.length > 0
            ? start.carryForwardEvents
            : undefined,
        initialCustomStatus: start.initialCustomStatus,
      }) as EventOfType<'OrchestrationStarted'>;
      this.#turnStartLen = 0;
    } else if (first.type === 'OrchestrationStarted') {
      this.#started = first;
    } else {
      // Corrupted history: fail on the first turn with a clear message (SPEC §3.3).
      this.#started = {
        type: 'OrchestrationStarted',
        eventId: 0,
        instanceId: opts.instanceId,
        executionId: opts.executionId,
        timestampMs: 0,
        duroxideVersion: opts.duroxideVersion,
        name: 'unknown',
        version: '0.0.0',
        input: 'null',
      };
      this.#error = nondeterminismError(
        `corrupted history of instance '${opts.instanceId}' execution ${opts.executionId}: first event must be OrchestrationStarted, found ${first.type}`,
      );
    }
    this.#customStatus = this.#started.initialCustomStatus;
    this.#ctx = new OrchestrationContext(this);
  }

  // ---------------------------------------------------------------- identity (host API)

  get orchestrationName(): string {
    return this.#started.name;
  }
  get orchestrationVersion(): string {
    return this.#started.version;
  }
  get parent(): ParentLink | undefined {
    return this.#started.parent;
  }
  get isReplaying(): boolean {
    return this.#replaying;
  }
  /** Number of events the engine holds (persisted + committed). */
  get historyLength(): number {
    return this.#history.length;
  }
  get lastEventId(): number {
    return this.#nextEventId - 1;
  }
  /** True once a terminal turn ran, or the engine cannot be reused. */
  get isFinished(): boolean {
    return this.#finished;
  }

  // ---------------------------------------------------------------- turn

  /**
   * Runs one turn with the given messages (start items are ignored here: the runtime turns
   * them into `start`). The engine may be reused for the next turn only after the runtime has
   * committed this one ({@link commit}).
   */
  async runTurn(messages: readonly WorkItem[]): Promise<TurnResult> {
    if (this.#finished) throw new TypeError('ReplayEngine: execution already finished');
    if (this.#uncommitted) throw new TypeError('ReplayEngine: previous turn was not committed');
    this.#active = true;
    try {
      this.#turnStartLen = this.#persistedLen;
      this.#turnStartEventId = this.#history[this.#persistedLen]?.eventId ?? this.#nextEventId;
      if (this.#started.carryForwardEvents !== undefined && !this.#codeStarted && this.#persistedLen === 0) {
        for (const [name, data] of this.#started.carryForwardEvents) {
          this.#append({ type: 'QueueEventDelivered', name, data });
        }
      }
      for (const m of messages) this.#stage(m);
      if (this.#error === undefined && this.#cancelReason === undefined) {
        await this.#execute();
      }
      const result = this.#finish();
      this.#uncommitted = true;
      return result;
    } finally {
      this.#active = false;
    }
  }

  /** Marks the last turn's events as persisted (call after a successful ack). */
  commit(): void {
    this.#persistedLen = this.#history.length;
    this.#uncommitted = false;
  }

  // ---------------------------------------------------------------- stage 1: messages

  #stage(m: WorkItem): void {
    switch (m.type) {
      case 'ActivityCompleted':
      case 'ActivityFailed':
      case 'TimerFired': {
        if (m.executionId !== this.executionId) {
          this.#trace('debug', `dropping ${m.type} from execution ${m.executionId} (current ${this.executionId})`);
          return;
        }
        const family = m.type === 'TimerFired' ? 'timer' : 'activity';
        if (!this.#checkCompletion(family, m.id, m.type)) return;
        if (m.type === 'ActivityCompleted') {
          this.#append({ type: 'ActivityCompleted', result: m.result }, m.id);
        } else if (m.type === 'ActivityFailed') {
          this.#append({ type: 'ActivityFailed', details: m.details }, m.id);
          if (m.details.category !== 'application') this.#error ??= m.details;
        } else {
          this.#append({ type: 'TimerFired', fireAt: m.fireAt }, m.id);
        }
        return;
      }
      case 'SubOrchCompleted':
      case 'SubOrchFailed': {
        if (m.parentExecutionId !== this.executionId) {
          this.#trace('debug', `dropping ${m.type} for execution ${m.parentExecutionId} (current ${this.executionId})`);
          return;
        }
        if (!this.#checkCompletion('sub', m.parentId, m.type)) return;
        if (m.type === 'SubOrchCompleted') {
          this.#append({ type: 'SubOrchestrationCompleted', result: m.result }, m.parentId);
        } else {
          this.#append({ type: 'SubOrchestrationFailed', details: m.details }, m.parentId);
          if (m.details.category !== 'application') this.#error ??= m.details;
        }
        return;
      }
      case 'ExternalRaised':
        this.#append({ type: 'ExternalEvent', name: m.name, data: m.data });
        return;
      case 'QueueMessage':
        this.#append({ type: 'QueueEventDelivered', name: m.name, data: m.data });
        return;
      case 'CancelInstance':
        if (this.#cancelReason === undefined) {
          this.#append({ type: 'OrchestrationCancelRequested', reason: m.reason });
        }
        return;
      case 'StartOrchestration':
      case 'ContinueAsNew':
      case 'ActivityExecute':
      case 'ResumeOrchestration': // operator requests: the dispatcher handles them
      case 'RestartOrchestration':
        return;
    }
  }

  /** De-duplication and kind check of a completion message (SPEC §3.2, A2). */
  #checkCompletion(family: string, sourceId: number, messageType: string): boolean {
    if (this.#completedSources.has(`${family}:${sourceId}`)) {
      this.#trace('debug', `dropping duplicate ${messageType} for event ${sourceId}`);
      return false;
    }
    const schedule = this.#scheduleEvents.get(sourceId);
    const expected = SCHEDULE_FOR_FAMILY[family]!;
    if (schedule === undefined) {
      this.#error ??= nondeterminismError(
        `${this.#where()}: no matching schedule for completion id=${sourceId} (${messageType})`,
      );
      return false;
    }
    if (schedule.type !== expected) {
      this.#error ??= nondeterminismError(
        `${this.#where()}: completion kind mismatch for id=${sourceId}, expected '${schedule.type}', got '${messageType}'`,
      );
      return false;
    }
    return true;
  }

  // ---------------------------------------------------------------- stage 2: run the code

  async #execute(): Promise<void> {
    if (!this.#codeStarted) {
      this.#codeStarted = true;
      this.#walk = 1; // OrchestrationStarted needs no delivery
      this.#replaying = 1 < this.#persistedLen;
      this.#startCode();
      await this.#settleDown();
    }
    while (
      this.#walk < this.#history.length &&
      this.#error === undefined &&
      !this.#code.done &&
      this.#continueAsNew === undefined
    ) {
      const index = this.#walk++;
      const event = this.#history[index]!;
      const delivered = this.#apply(event, index);
      if (delivered) {
        this.#replaying = index + 1 < this.#persistedLen;
        await this.#settleDown();
      }
    }
    this.#replaying = false;
    if (this.#error === undefined && !this.#code.done && this.#continueAsNew === undefined) {
      this.#checkQuiescence();
    }
  }

  #startCode(): void {
    const input = decodeInput(this.#started.input);
    let result: unknown;
    try {
      result = this.#opts.handler(this.#ctx, input);
    } catch (error) {
      this.#code = { done: true, ok: false, error };
      return;
    }
    if (isGenerator(result)) result = driveGenerator(result);
    if (isThenable(result)) {
      Promise.resolve(result).then(
        (value) => {
          if (!this.#code.done) this.#code = { done: true, ok: true, value };
        },
        (error: unknown) => {
          if (!this.#code.done) this.#code = { done: true, ok: false, error };
        },
      );
    } else {
      this.#code = { done: true, ok: true, value: result };
    }
  }

  /** Lets the code run to its next suspension, then validates what it scheduled. */
  async #settleDown(): Promise<void> {
    await this.#opts.drain();
    this.#validateClaims();
  }

  /** Applies one history event during the walk; returns true if a task settled. */
  #apply(event: HistoryEvent, index: number): boolean {
    if (isScheduleEvent(event)) {
      if (index >= this.#cursor) {
        // Code did not (yet) make the call that history recorded here.
        if (
          event.type === 'CustomStatusUpdated' ||
          event.type === 'KeyValueSet' ||
          event.type === 'KeyValueCleared' ||
          event.type === 'KeyValuesCleared'
        ) {
          this.#cursor = index + 1; // tolerated (SPEC §3.3)
          return false;
        }
        this.#fail(
          nondeterminismError(
            `${this.#where()}: history has ${describeEvent(event)} at event ${event.eventId} but the code scheduled nothing there (history schedule but no emitted action)`,
            { eventId: event.eventId, expected: describeEvent(event), actual: 'nothing scheduled' },
          ),
        );
        return false;
      }
      if (event.type === 'ExternalSubscribed') {
        const task = this.#tasks.get(event.eventId);
        if (task !== undefined && !task.internals.dropped) {
          let subs = this.#positional.get(event.name);
          if (subs === undefined) this.#positional.set(event.name, (subs = []));
          subs.push({ eventId: event.eventId, task });
        }
      }
      return false;
    }
    switch (event.type) {
      case 'ActivityCompleted':
      case 'ActivityFailed':
      case 'TimerFired':
      case 'SubOrchestrationCompleted':
      case 'SubOrchestrationFailed':
        return this.#deliverCompletion(event);
      case 'ExternalEvent': {
        const subs = this.#positional.get(event.name);
        while (subs !== undefined && subs.length > 0) {
          const sub = subs.shift()!;
          if (sub.task.internals.dropped || sub.task.isSettled) continue;
          return this.#settle(sub.task, { ok: true, value: decodeJson(event.data) });
        }
        return false; // no wait recorded before this event: kept in history, not delivered
      }
      case 'QueueEventDelivered': {
        const q = this.#queue(event.name);
        q.buffer.push({ eventId: event.eventId, data: event.data });
        return this.#pumpQueue(q);
      }
      case 'ActivityCancelRequested':
      case 'SubOrchestrationCancelRequested':
      case 'ExternalSubscribedCancelled':
      case 'QueueSubscriptionCancelled':
        this.#checkBreadcrumb(event);
        return false;
      case 'OrchestrationCancelRequested':
        this.#cancelReason ??= event.reason;
        return false;
      case 'OrchestrationStarted':
        this.#fail(nondeterminismError(`${this.#where()}: corrupted history: OrchestrationStarted at event ${event.eventId}`));
        return false;
      default:
        return false;
    }
  }

  #deliverCompletion(event: HistoryEvent): boolean {
    const source = event.sourceEventId ?? -1;
    const task = this.#tasks.get(source);
    const schedule = this.#scheduleEvents.get(source);
    if (task === undefined || schedule === undefined) {
      this.#fail(
        nondeterminismError(
          `${this.#where()}: ${event.type} at event ${event.eventId} completes event ${source}, which the code never scheduled (completion without open schedule)`,
        ),
      );
      return false;
    }
    switch (event.type) {
      case 'ActivityCompleted':
        return this.#settle(task, { ok: true, value: decodeJson(event.result) });
      case 'SubOrchestrationCompleted':
        return this.#settle(task, { ok: true, value: decodeJson(event.result) });
      case 'TimerFired':
        return this.#settle(task, { ok: true, value: undefined });
      case 'ActivityFailed': {
        const name = schedule.type === 'ActivityScheduled' ? schedule.name : '';
        const error = new ActivityFailedError(displayMessage(event.details), event.details, {
          ...this.#context(),
          activityName: name,
          eventId: source,
        });
        return this.#settle(task, { ok: false, error });
      }
      case 'SubOrchestrationFailed': {
        const error = new SubOrchestrationFailedError(displayMessage(event.details), event.details, {
          ...this.#context(),
          eventId: source,
        });
        return this.#settle(task, { ok: false, error });
      }
      default:
        return false;
    }
  }

  #settle(task: DurableTask<unknown>, s: { ok: true; value: unknown } | { ok: false; error: unknown }): boolean {
    const waiters = task.hasWaiters;
    if (!task.settle(s)) return false;
    this.#live.delete(task);
    const id = task.internals.scheduleEventId;
    if (id !== undefined) this.#tasks.delete(id); // settled tasks need no more bookkeeping
    return waiters;
  }

  /** Hands buffered queue messages to waiting subscriptions, FIFO (SPEC §3.7). */
  #pumpQueue(q: QueueState): boolean {
    let delivered = false;
    while (q.buffer.length > 0 && q.waiting.length > 0) {
      const sub = q.waiting.shift()!;
      if (sub.task.internals.dropped || sub.task.isSettled) continue;
      const message = q.buffer.shift()!;
      if (this.#settle(sub.task, { ok: true, value: decodeJson(message.data) })) delivered = true;
    }
    return delivered;
  }

  #queue(name: string): QueueState {
    let q = this.#queues.get(name);
    if (q === undefined) this.#queues.set(name, (q = { buffer: [], waiting: [] }));
    return q;
  }

  /**
   * A `dropped_future` breadcrumb in history must match a task the code dropped by now
   * (SPEC §3.12 replay consistency check); terminal-cleanup reasons are not checked.
   */
  #checkBreadcrumb(event: HistoryEvent): void {
    if (!('reason' in event) || event.reason !== 'dropped_future') return;
    const source = event.sourceEventId ?? -1;
    const task = this.#tasks.get(source);
    if (task !== undefined && !task.internals.dropped && !task.isSettled) {
      this.#fail(
        nondeterminismError(
          `${this.#where()}: cancellation mismatch: history cancelled ${describeEvent(this.#scheduleEvents.get(source) ?? event)} (event ${source}) at event ${event.eventId}, but the code still waits for it`,
        ),
      );
    }
  }

  #checkQuiescence(): void {
    for (const task of this.#live) {
      if (task.hasWaiters) return;
    }
    this.#fail(
      configurationError(
        'NonDurableAwait',
        `${this.#where()}: the orchestration is awaiting something that is not a durable task (a fetch, setTimeout or plain Promise?). Orchestration code may only await tasks returned by ctx; move I/O and delays into activities or ctx.scheduleTimer`,
      ),
    );
  }

  /** Compares each claimed history event with what the code asked for (SPEC §3.4). */
  #validateClaims(): void {
    for (const { event, spec } of this.#unvalidated.splice(0)) {
      const mismatch = compareSchedule(spec, event);
      if (mismatch !== undefined) {
        const actual = describeEvent({ ...event, ...spec });
        this.#fail(
          nondeterminismError(
            `${this.#where()}: schedule mismatch at event ${event.eventId}: history has ${describeEvent(event)} but the code scheduled ${actual} (${mismatch}). The code changed under a running execution; ship the change as a new orchestration version`,
            { eventId: event.eventId, expected: describeEvent(event), actual: `${actual} (${mismatch})` },
          ),
        );
        return;
      }
    }
  }

  // ---------------------------------------------------------------- host API (called by ctx)

  /** @internal Schedules (or, on replay, claims) one durable action. */
  schedule<T>(spec: ScheduleSpec, kind: DurableTask<T>['internals']['kind']): DurableTask<T> {
    const task = new DurableTask<T>(kind);
    this.#assertActive();
    if (this.#error !== undefined || this.#finished) return task;
    const claimed = this.#claim(spec);
    if (claimed === undefined) return task;
    const { event, index } = claimed;
    task.internals.scheduleEventId = event.eventId;
    this.#tasks.set(event.eventId, task);
    this.#live.add(task);
    switch (event.type) {
      case 'ActivityScheduled':
        task.setTagHandler((tag) => this.#setTag(index, tag));
        break;
      case 'QueueSubscribed': {
        const q = this.#queue(event.name);
        q.waiting.push({ eventId: event.eventId, task: task });
        this.#pumpQueue(q);
        break;
      }
      case 'OrchestrationChained':
      case 'CustomStatusUpdated':
        this.#settle(task, { ok: true, value: undefined });
        break;
      default:
        break;
    }
    return task;
  }

  /** @internal `utcNow` / `newGuid`: recorded like activities, completed inline (SPEC §3.14). */
  systemCall<T>(name: string, produce: () => T): DurableTask<T> {
    const isNew = !this.#hasUnclaimedSchedule();
    const task = this.schedule<T>({ type: 'ActivityScheduled', name, input: 'null' }, 'system');
    const eventId = task.internals.scheduleEventId;
    if (isNew && eventId !== undefined && this.#error === undefined) {
      this.#append({ type: 'ActivityCompleted', result: JSON.stringify(produce()) }, eventId);
    }
    return task;
  }

  /** @internal */
  requestContinueAsNew(input: string, version: string | undefined): DurableTask<never> {
    this.#assertActive();
    const task = new DurableTask<never>('continueAsNew');
    this.#continueAsNew ??= { input, version };
    this.#live.add(task);
    return task;
  }

  /** @internal Composite tasks (all/race) register so the quiescence check sees them. */
  track(task: DurableTask<unknown>): void {
    if (!task.isSettled) {
      this.#live.add(task);
      task.onSettle(() => this.#live.delete(task));
    }
  }

  /** @internal Marks a task discarded (race loser); its completion will be ignored. */
  drop(task: DurableTask<unknown>): void {
    if (task.isSettled || task.internals.dropped) return;
    task.internals.dropped = true;
    this.#live.delete(task);
    this.#dropped.push(task);
    for (const child of task.internals.children) this.drop(child);
  }

  /** @internal */
  setCustomStatus(value: string | undefined): void {
    if (value !== undefined) {
      const bytes = utf8Bytes(value);
      if (bytes > this.limits.maxCustomStatusBytes) {
        throw new InvalidInputError(
          `custom status is ${bytes} bytes; the limit is ${this.limits.maxCustomStatusBytes}`,
          this.#context(),
        );
      }
    }
    this.#customStatus = value;
    this.schedule({ type: 'CustomStatusUpdated', status: value ?? null }, 'system');
  }

  /** @internal */
  getCustomStatus(): string | undefined {
    return this.#customStatus;
  }

  /** @internal Sets a KV value (JSON text); recorded as `KeyValueSet` (SPEC §4.9). */
  kvSet(key: string, value: string): void {
    this.#assertActive();
    const bytes = utf8Bytes(value);
    if (bytes > this.limits.maxKvValueBytes) {
      throw new InvalidInputError(`value of key '${key}' is ${bytes} bytes; the limit is ${this.limits.maxKvValueBytes}`, this.#context());
    }
    if (!this.#kv.has(key) && this.#kv.size >= this.limits.maxKvKeys) {
      throw new InvalidInputError(
        `instance '${this.instanceId}' already has ${this.#kv.size} keys, the limit; clear some before setting '${key}'`,
        this.#context(),
      );
    }
    const now = this.#opts.clock();
    const claimed = this.#error === undefined ? this.#claim({ type: 'KeyValueSet', key, value, lastUpdatedAt: now }) : undefined;
    // On replay the recorded timestamp wins, so pruning decisions replay identically (A14).
    const at = claimed?.event.type === 'KeyValueSet' ? claimed.event.lastUpdatedAt : now;
    this.#kv.set(key, { value, lastUpdatedAt: at });
  }

  /** @internal */
  kvClear(key: string): void {
    this.#assertActive();
    if (this.#error === undefined) this.#claim({ type: 'KeyValueCleared', key });
    this.#kv.delete(key);
  }

  /** @internal */
  kvClearAll(): void {
    this.#assertActive();
    if (this.#error === undefined) this.#claim({ type: 'KeyValuesCleared' });
    this.#kv.clear();
  }

  /** @internal */
  kvEntries(): ReadonlyMap<string, KvEntry> {
    return this.#kv;
  }

  /** @internal */
  now(): number {
    return this.#opts.clock();
  }

  /** @internal */
  newGuid(): string {
    return this.#opts.newGuid();
  }

  /** @internal */
  trace(level: TraceLevel, message: string): void {
    if (this.#replaying || this.#opts.trace === undefined) return;
    this.#opts.trace(level, message, {
      instanceId: this.instanceId,
      executionId: this.executionId,
      orchestrationName: this.orchestrationName,
      orchestrationVersion: this.orchestrationVersion,
    });
  }

  /** @internal Child instance id for an auto-named sub-orchestration (SPEC §4.7, A8). */
  autoChildId(): string {
    const eventId = this.#peekNextScheduleId();
    return this.executionId === 1
      ? `${this.instanceId}::sub::${eventId}`
      : `${this.instanceId}::sub::${this.executionId}_${eventId}`;
  }

  #peekNextScheduleId(): number {
    const i = this.#nextUnclaimedIndex();
    return i < this.#history.length ? this.#history[i]!.eventId : this.#nextEventId;
  }

  #hasUnclaimedSchedule(): boolean {
    return this.#nextUnclaimedIndex() < this.#history.length;
  }

  #nextUnclaimedIndex(): number {
    let i = this.#cursor;
    while (i < this.#history.length && !isScheduleEvent(this.#history[i]!)) i++;
    return i;
  }

  #claim(spec: ScheduleSpec): { event: HistoryEvent; index: number } | undefined {
    const i = this.#nextUnclaimedIndex();
    if (i < this.#history.length) {
      const event = this.#history[i]!;
      if (event.type !== spec.type) {
        const actual = describeEvent({ ...event, ...spec });
        this.#fail(
          nondeterminismError(
            `${this.#where()}: schedule mismatch at event ${event.eventId}: history has ${describeEvent(event)} but the code scheduled ${actual}. The code changed under a running execution; ship the change as a new orchestration version`,
            { eventId: event.eventId, expected: describeEvent(event), actual },
          ),
        );
        return undefined;
      }
      this.#cursor = i + 1;
      this.#unvalidated.push({ event, spec });
      return { event, index: i };
    }
    const event = this.#append(spec);
    this.#cursor = this.#history.length;
    return { event, index: this.#history.length - 1 };
  }

  #setTag(index: number, tag: string): void {
    if (typeof tag !== 'string' || tag.length === 0) throw new InvalidInputError('tag must be a non-empty string');
    const bytes = utf8Bytes(tag);
    if (bytes > this.limits.maxTagBytes) {
      throw new InvalidInputError(`tag is ${bytes} bytes; the limit is ${this.limits.maxTagBytes}`, this.#context());
    }
    const event = this.#history[index];
    if (event?.type !== 'ActivityScheduled') return;
    if (index >= this.#persistedLen) {
      // New this turn: the tag becomes part of the event.
      const tagged = { ...event, tag };
      this.#history[index] = tagged;
      this.#scheduleEvents.set(event.eventId, tagged);
      return;
    }
    // Replayed: compared with history together with the rest of the call (#validateClaims).
    const i = this.#unvalidated.findIndex((u) => u.event === event);
    const pending = this.#unvalidated[i];
    if (pending !== undefined && pending.spec.type === 'ActivityScheduled') {
      this.#unvalidated[i] = { event, spec: { ...pending.spec, tag } };
    } else if (event.tag !== tag) {
      this.#fail(
        nondeterminismError(
          `${this.#where()}: schedule mismatch at event ${event.eventId}: history has ${describeEvent(event)} but the code tagged it '${tag}'`,
        ),
      );
    }
  }

  #assertActive(): void {
    if (!this.#active) {
      this.#finished = true; // never reuse an engine whose code runs outside a turn
      throw new DuroxideError(
        'NON_DURABLE_AWAIT',
        `${this.#where()}: orchestration code called the context outside of a turn; it probably resumed after awaiting something that is not a durable task`,
        { category: 'configuration', context: this.#context() },
      );
    }
  }

  // ---------------------------------------------------------------- finalize

  #finish(): TurnResult {
    const outcome = this.#outcome();
    const delta: HistoryEvent[] = [];
    const workerItems: WorkItem[] = [];
    const orchestratorItems: WorkItem[] = [];
    const cancelledActivities: CancelledActivity[] = [];
    const terminal = outcome.kind !== 'continue';

    // Dropped tasks (race losers; on code completion everything still pending).
    if (outcome.kind === 'completed' || (outcome.kind === 'failed' && this.#code.done)) {
      for (const task of this.#tasks.values()) this.drop(task);
    }
    for (const task of this.#dropped.splice(0)) {
      const eventId = task.internals.scheduleEventId;
      if (eventId === undefined || this.#cancelBreadcrumbs.has(eventId)) continue;
      const schedule = this.#scheduleEvents.get(eventId)!;
      const isNew = this.#isNew(schedule);
      switch (schedule.type) {
        case 'ActivityScheduled':
          this.#append({ type: 'ActivityCancelRequested', reason: 'dropped_future' }, eventId);
          if (!isNew) cancelledActivities.push(this.#activityKey(eventId));
          break;
        case 'SubOrchestrationScheduled':
          this.#append({ type: 'SubOrchestrationCancelRequested', reason: 'dropped_future' }, eventId);
          if (!isNew) {
            orchestratorItems.push({
              type: 'CancelInstance',
              instance: schedule.instance,
              reason: 'parent dropped sub-orchestration future',
            });
          }
          break;
        case 'ExternalSubscribed':
          this.#append({ type: 'ExternalSubscribedCancelled', reason: 'dropped_future' }, eventId);
          break;
        case 'QueueSubscribed':
          this.#append({ type: 'QueueSubscriptionCancelled', reason: 'dropped_future' }, eventId);
          break;
        default:
          break;
      }
    }

    // New work of this turn. Terminal turns dispatch only detached starts (SPEC §3.9, A5).
    for (let i = this.#turnStartLen; i < this.#history.length; i++) {
      const e = this.#history[i]!;
      const task = this.#tasks.get(e.eventId);
      const live = task !== undefined && !task.internals.dropped;
      switch (e.type) {
        case 'ActivityScheduled':
          if (!terminal && live && !task.isSettled && !this.#completedSources.has(`activity:${e.eventId}`)) {
            workerItems.push({
              type: 'ActivityExecute',
              instance: this.instanceId,
              executionId: this.executionId,
              id: e.eventId,
              name: e.name,
              input: e.input,
              sessionId: e.sessionId,
              tag: e.tag,
              orchestrationName: this.orchestrationName,
              orchestrationVersion: this.orchestrationVersion,
            });
          }
          break;
        case 'TimerCreated':
          if (!terminal && live) {
            orchestratorItems.push({
              type: 'TimerFired',
              instance: this.instanceId,
              executionId: this.executionId,
              id: e.eventId,
              fireAt: e.fireAt,
            });
          }
          break;
        case 'SubOrchestrationScheduled':
          if (!terminal && live) {
            orchestratorItems.push({
              type: 'StartOrchestration',
              instance: e.instance,
              orchestration: e.name,
              input: e.input,
              version: e.version,
              parent: { instanceId: this.instanceId, executionId: this.executionId, scheduleEventId: e.eventId },
            });
          }
          break;
        case 'OrchestrationChained':
          orchestratorItems.push({
            type: 'StartOrchestration',
            instance: e.instance,
            orchestration: e.name,
            input: e.input,
            version: e.version,
          });
          break;
        default:
          break;
      }
    }

    let status: TurnStatus = 'Running';
    let output: string | undefined;
    let error: ErrorDetails | undefined;
    if (terminal) {
      this.#terminalCleanup(outcome, orchestratorItems, cancelledActivities);
      switch (outcome.kind) {
        case 'completed':
          this.#append({ type: 'OrchestrationCompleted', output: outcome.output });
          status = 'Completed';
          output = outcome.output;
          this.#notifyParent(orchestratorItems, { ok: true, result: outcome.output });
          break;
        case 'failed':
        case 'cancelled': {
          const details = outcome.kind === 'failed' ? outcome.details : cancelledError(outcome.reason);
          this.#append({ type: 'OrchestrationFailed', details });
          status = 'Failed';
          output = displayMessage(details);
          error = details;
          this.#notifyParent(orchestratorItems, { ok: false, details });
          break;
        }
        case 'continuedAsNew': {
          const carry = this.#carryForward();
          this.#append({ type: 'OrchestrationContinuedAsNew', input: outcome.input });
          status = 'ContinuedAsNew';
          output = outcome.input;
          orchestratorItems.push({
            type: 'ContinueAsNew',
            instance: this.instanceId,
            orchestration: this.orchestrationName,
            input: outcome.input,
            version: outcome.version,
            parent: this.#started.parent,
            carryForwardEvents: carry.length > 0 ? carry : undefined,
            initialCustomStatus: this.#customStatus,
          });
          break;
        }
      }
      this.#finished = true;
    }

    for (let i = this.#turnStartLen; i < this.#history.length; i++) delta.push(this.#history[i]!);
    this.#walk = this.#history.length;
    let customStatus: { value: string | null } | undefined;
    for (const e of delta) if (e.type === 'CustomStatusUpdated') customStatus = { value: e.status };
    const startedNow = this.#turnStartLen === 0 && delta[0]?.type === 'OrchestrationStarted';
    return {
      historyDelta: delta,
      workerItems,
      orchestratorItems,
      cancelledActivities,
      status,
      output,
      error,
      customStatus,
      started: startedNow
        ? {
            name: this.#started.name,
            version: this.#started.version,
            parent: this.#started.parent,
            duroxideVersion: this.#started.duroxideVersion,
          }
        : undefined,
    };
  }

  #outcome(): Outcome {
    if (this.#error !== undefined) return { kind: 'failed', details: this.#error };
    if (this.#cancelReason !== undefined) return { kind: 'cancelled', reason: this.#cancelReason };
    if (this.#continueAsNew !== undefined) {
      return { kind: 'continuedAsNew', input: this.#continueAsNew.input, version: this.#continueAsNew.version };
    }
    const code = this.#code;
    if (!code.done) {
      const cap = this.limits.maxHistoryEvents;
      if (cap > 0 && this.#history.length > cap) {
        return {
          kind: 'failed',
          details: applicationError(
            'LimitExceeded',
            `history of instance '${this.instanceId}' execution ${this.executionId} has ${this.#history.length} events, more than the limit of ${cap}; use continueAsNew to start a fresh history (history was not truncated)`,
          ),
        };
      }
      return { kind: 'continue' };
    }
    if (!code.ok) return { kind: 'failed', details: errorToDetails(code.error) };
    try {
      return { kind: 'completed', output: encodeJson(code.value, 'orchestration output') };
    } catch (e) {
      return {
        kind: 'failed',
        details: applicationError('OrchestrationFailed', `orchestration output is not JSON-serialisable: ${errorMessage(e)}`),
      };
    }
  }

  /**
   * Terminal cleanup (SPEC §3.9): cancel in-flight activities and open subscriptions before
   * the terminal event (A4), and cancel outstanding children unless continuing as new.
   */
  #terminalCleanup(outcome: Outcome, orchestratorItems: WorkItem[], cancelled: CancelledActivity[]): void {
    const activityReason =
      outcome.kind === 'completed'
        ? 'orchestration_terminal_completed'
        : outcome.kind === 'continuedAsNew'
          ? 'orchestration_terminal_continued_as_new'
          : 'orchestration_terminal_failed';
    const completedFamilies = this.#completedSources;
    for (const [eventId, schedule] of this.#scheduleEvents) {
      if (this.#cancelBreadcrumbs.has(eventId)) continue;
      switch (schedule.type) {
        case 'ActivityScheduled':
          if (completedFamilies.has(`activity:${eventId}`)) break;
          this.#append({ type: 'ActivityCancelRequested', reason: activityReason }, eventId);
          if (!this.#isNew(schedule)) cancelled.push(this.#activityKey(eventId));
          break;
        case 'SubOrchestrationScheduled':
          if (completedFamilies.has(`sub:${eventId}`) || outcome.kind === 'continuedAsNew') break;
          if (!this.#isNew(schedule)) {
            orchestratorItems.push({
              type: 'CancelInstance',
              instance: schedule.instance,
              reason: outcome.kind === 'cancelled' ? 'parent canceled' : 'parent terminated',
            });
          }
          break;
        // A subscription is outstanding while its task is claimed and unsettled (settled tasks
        // leave #tasks); when the code never ran this turn there is nothing to cancel.
        case 'ExternalSubscribed':
          if (this.#tasks.get(eventId)?.isSettled === false) {
            this.#append({ type: 'ExternalSubscribedCancelled', reason: 'orchestration_terminal' }, eventId);
          }
          break;
        case 'QueueSubscribed':
          if (this.#tasks.get(eventId)?.isSettled === false) {
            this.#append({ type: 'QueueSubscriptionCancelled', reason: 'orchestration_terminal' }, eventId);
          }
          break;
        default:
          break;
      }
    }
  }

  /** Unconsumed queue messages, first 20 in history order (SPEC §3.9 step 4). */
  #carryForward(): [string, string][] {
    const carry: { eventId: number; name: string; data: string }[] = [];
    for (const [name, q] of this.#queues) {
      for (const m of q.buffer) carry.push({ eventId: m.eventId, name, data: m.data });
    }
    // Messages that arrived after the code asked to continue were never walked.
    for (let i = this.#walk; i < this.#history.length; i++) {
      const e = this.#history[i]!;
      if (e.type === 'QueueEventDelivered') carry.push({ eventId: e.eventId, name: e.name, data: e.data });
    }
    carry.sort((a, b) => a.eventId - b.eventId);
    if (carry.length > MAX_CARRY_FORWARD_EVENTS) {
      this.#trace(
        'warn',
        `dropping ${carry.length - MAX_CARRY_FORWARD_EVENTS} queue messages beyond the carry-forward limit of ${MAX_CARRY_FORWARD_EVENTS}`,
      );
    }
    return carry.slice(0, MAX_CARRY_FORWARD_EVENTS).map((c) => [c.name, c.data]);
  }

  #notifyParent(items: WorkItem[], result: { ok: true; result: string } | { ok: false; details: ErrorDetails }): void {
    const parent = this.#started.parent;
    if (parent === undefined) return;
    const base = {
      parentInstance: parent.instanceId,
      parentExecutionId: parent.executionId,
      parentId: parent.scheduleEventId,
    };
    items.push(
      result.ok
        ? { type: 'SubOrchCompleted', ...base, result: result.result }
        : { type: 'SubOrchFailed', ...base, details: result.details },
    );
  }

  // ---------------------------------------------------------------- history bookkeeping

  #append(kind: EventKind, sourceEventId?: number): HistoryEvent {
    const event = {
      eventId: this.#nextEventId,
      sourceEventId,
      instanceId: this.instanceId,
      executionId: this.executionId,
      timestampMs: this.#opts.clock(),
      duroxideVersion: this.#opts.duroxideVersion,
      ...kind,
    } as HistoryEvent;
    this.#record(event);
    return event;
  }

  /** Adds an event to the in-memory history and its indexes. */
  #record(event: HistoryEvent): void {
    this.#history.push(event);
    if (event.eventId >= this.#nextEventId) this.#nextEventId = event.eventId + 1;
    if (isScheduleEvent(event)) {
      this.#scheduleEvents.set(event.eventId, event);
      return;
    }
    const family = COMPLETION_FAMILY[event.type];
    if (family !== undefined && event.sourceEventId !== undefined) {
      this.#completedSources.add(`${family}:${event.sourceEventId}`);
      return;
    }
    if (
      event.sourceEventId !== undefined &&
      (event.type === 'ActivityCancelRequested' ||
        event.type === 'SubOrchestrationCancelRequested' ||
        event.type === 'ExternalSubscribedCancelled' ||
        event.type === 'QueueSubscriptionCancelled')
    ) {
      this.#cancelBreadcrumbs.add(event.sourceEventId);
    }
    if (event.type === 'OrchestrationCancelRequested') this.#cancelReason ??= event.reason;
  }

  #isNew(event: HistoryEvent): boolean {
    return event.eventId >= this.#turnStartEventId;
  }

  #activityKey(activityId: number): CancelledActivity {
    return { instanceId: this.instanceId, executionId: this.executionId, activityId };
  }

  #fail(details: ErrorDetails): void {
    this.#error ??= details;
  }

  #where(): string {
    return `instance '${this.instanceId}' execution ${this.executionId} (${this.orchestrationName}@${this.orchestrationVersion})`;
  }

  #context(): { instanceId: string; executionId: number; orchestrationName: string; orchestrationVersion: string } {
    return {
      instanceId: this.instanceId,
      executionId: this.executionId,
      orchestrationName: this.orchestrationName,
      orchestrationVersion: this.orchestrationVersion,
    };
  }

  #trace(level: TraceLevel, message: string): void {
    this.#opts.trace?.(level, message, this.#context());
  }
}

/** Field comparison of a claimed event against the call (SPEC §3.4); undefined when equal. */
function compareSchedule(spec: ScheduleSpec, event: HistoryEvent): string | undefined {
  switch (spec.type) {
    case 'ActivityScheduled': {
      const e = event as EventOfType<'ActivityScheduled'>;
      if (e.name !== spec.name) return `name '${e.name}' vs '${spec.name}'`;
      if (e.input !== spec.input) return `input ${e.input} vs ${spec.input}`;
      if ((e.sessionId ?? null) !== (spec.sessionId ?? null)) return 'different session';
      if ((e.tag ?? null) !== (spec.tag ?? null)) return `tag ${e.tag ?? 'none'} vs ${spec.tag ?? 'none'}`;
      return undefined;
    }
    case 'ExternalSubscribed':
    case 'QueueSubscribed': {
      const e = event as EventOfType<'ExternalSubscribed'>;
      return e.name !== spec.name ? `name '${e.name}' vs '${spec.name}'` : undefined;
    }
    case 'SubOrchestrationScheduled': {
      const e = event as EventOfType<'SubOrchestrationScheduled'>;
      if (e.name !== spec.name) return `name '${e.name}' vs '${spec.name}'`;
      if (e.input !== spec.input) return `input ${e.input} vs ${spec.input}`;
      return undefined;
    }
    case 'OrchestrationChained': {
      const e = event as EventOfType<'OrchestrationChained'>;
      if (e.name !== spec.name) return `name '${e.name}' vs '${spec.name}'`;
      if (e.instance !== spec.instance) return `instance '${e.instance}' vs '${spec.instance}'`;
      if (e.input !== spec.input) return `input ${e.input} vs ${spec.input}`;
      return undefined;
    }
    case 'KeyValueSet': {
      const e = event as EventOfType<'KeyValueSet'>;
      if (e.key !== spec.key) return `key '${e.key}' vs '${spec.key}'`;
      return e.value !== spec.value ? `value ${e.value} vs ${spec.value}` : undefined;
    }
    case 'KeyValueCleared': {
      const e = event as EventOfType<'KeyValueCleared'>;
      return e.key !== spec.key ? `key '${e.key}' vs '${spec.key}'` : undefined;
    }
    case 'TimerCreated':
    case 'CustomStatusUpdated':
    case 'KeyValuesCleared':
      return undefined;
  }
}

function decodeInput(text: string): unknown {
  try {
    return decodeJson(text);
  } catch {
    return text; // not JSON (written by another tool): hand over the raw string
  }
}

function isGenerator(value: unknown): value is Generator<unknown, unknown, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Generator).next === 'function' &&
    typeof (value as Generator).throw === 'function' &&
    typeof (value as Generator)[Symbol.iterator] === 'function'
  );
}

/** Drives a generator orchestration: each yielded task is awaited and its result fed back. */
async function driveGenerator(gen: Generator<unknown, unknown, unknown>): Promise<unknown> {
  let next: { ok: true; value: unknown } | { ok: false; error: unknown } = { ok: true, value: undefined };
  for (;;) {
    const step: IteratorResult<unknown, unknown> = next.ok ? gen.next(next.value) : gen.throw(next.error);
    if (step.done === true) return step.value;
    const yielded: unknown = step.value;
    if (!isThenable(yielded)) {
      next = {
        ok: false,
        error: new DuroxideError(
          'NON_DURABLE_AWAIT',
          `a generator orchestration yielded ${yielded === null ? 'null' : typeof yielded}; yield only tasks returned by ctx (scheduleActivity, scheduleTimer, all, race, …)`,
          { category: 'configuration' },
        ),
      };
      continue;
    }
    try {
      next = { ok: true, value: await yielded };
    } catch (error) {
      next = { ok: false, error };
    }
  }
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** How a thrown value is stored when it ends an orchestration. */
export function errorToDetails(e: unknown): ErrorDetails {
  if (e instanceof DuroxideError && e.category === 'configuration') {
    return configurationError(e.code, e.message);
  }
  if (e instanceof DuroxideError && e.category === 'infrastructure') {
    return infrastructureError(e.context.operation ?? e.code, e.message, e.retryable);
  }
  const name = e instanceof Error ? e.name : undefined;
  return applicationError(
    'OrchestrationFailed',
    errorMessage(e),
    name !== undefined && name !== 'Error' ? { errorName: name } : undefined,
  );
}
