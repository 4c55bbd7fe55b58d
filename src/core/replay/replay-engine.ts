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
import type {
  EventOfType,
  ExecutionTraceContext,
  HistoryEvent,
  ParentLink,
} from '../history/history-event.js';
import type { WorkItem } from '../history/work-item.js';
import { configurationError, nondeterminismError } from '../errors/error-details.js';
import { DuroxideError, InvalidInputError } from '../errors/duroxide-error.js';
import { OrchestrationContext, type OrchestrationHost } from '../context/orchestration-context.js';
import { DEFAULT_LIMITS, utf8Bytes, type Limits } from '../limits.js';
import { DurableTask } from './durable-task.js';
import { EventDelivery } from './event-delivery.js';
import { EventSubscriptions } from './event-subscriptions.js';
import { ExecutionHistory } from './execution-history.js';
import { openStartedEvent, type ExecutionStart } from './execution-start.js';
import { ExecutionScope, type TraceLevel, type TraceSink } from './execution-scope.js';
import { InstanceKv, type KvEntry } from './instance-kv.js';
import type { OrchestrationHandler } from './orchestration-handler.js';
import { OrchestrationRun } from './orchestration-run.js';
import { ScheduleMatcher, type ScheduleSpec } from './schedule-matcher.js';
import { stageMessage } from './stage-message.js';
import { TaskTracker, VOID_SETTLEMENT } from './task-tracker.js';
import { TurnFinalizer } from './turn-finalizer.js';
import { decideOutcome, type ContinueAsNewRequest } from './turn-outcome.js';
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

export class ReplayEngine implements OrchestrationHost {
  readonly instanceId: string;
  readonly executionId: number;
  /** Size limits in force. */
  readonly limits: Limits;
  readonly #opts: ReplayEngineOptions;
  readonly #history: ExecutionHistory;
  readonly #started: EventOfType<'OrchestrationStarted'>;
  readonly #scope: ExecutionScope;
  readonly #tasks = new TaskTracker();
  readonly #subscriptions = new EventSubscriptions(this.#tasks);
  readonly #matcher: ScheduleMatcher;
  readonly #delivery: EventDelivery;
  readonly #finalizer: TurnFinalizer;
  readonly #run = new OrchestrationRun();
  readonly #kv: InstanceKv;
  readonly #ctx: OrchestrationContext;
  #continueAsNew: ContinueAsNewRequest | undefined;
  #customStatus: string | undefined;
  #replaying = false;
  /** A turn is running: the code may call the context. */
  #active = false;
  #finished = false;
  #uncommitted = false;

  constructor(opts: ReplayEngineOptions) {
    this.#opts = opts;
    this.instanceId = opts.instanceId;
    this.executionId = opts.executionId;
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    const history = new ExecutionHistory(
      opts.instanceId,
      opts.executionId,
      opts.clock,
      opts.duroxideVersion,
      opts.history,
    );
    this.#history = history;
    const { started, corruption } = openStartedEvent(
      history,
      opts.start,
      opts.instanceId,
      opts.executionId,
      opts.duroxideVersion,
    );
    this.#started = started;
    const scope = new ExecutionScope(
      opts.instanceId,
      opts.executionId,
      this.#started.name,
      this.#started.version,
      opts.trace,
    );
    if (corruption !== undefined) scope.fail(nondeterminismError(corruption));
    this.#scope = scope;
    this.#matcher = new ScheduleMatcher(history, scope);
    this.#delivery = new EventDelivery(
      history,
      this.#matcher,
      this.#tasks,
      this.#subscriptions,
      scope,
    );
    this.#finalizer = new TurnFinalizer(
      history,
      this.#tasks,
      this.#subscriptions,
      scope,
      this.#started,
    );
    this.#kv = new InstanceKv(opts.kvSnapshot, this.limits, scope);
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
  /** The execution's recorded trace context (absent when tracing was off at its start). */
  get traceContext(): ExecutionTraceContext | undefined {
    return this.#started.traceContext;
  }
  /** When the execution started (its `OrchestrationStarted` event), epoch ms. */
  get startedAt(): number {
    return this.#started.timestampMs;
  }
  get isReplaying(): boolean {
    return this.#replaying;
  }
  /** Number of events the engine holds (persisted + committed). */
  get historyLength(): number {
    return this.#history.length;
  }
  get lastEventId(): number {
    return this.#history.nextEventId - 1;
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
    // Code runs only from a macrotask of its own: the checkpoint then holds this instance's code
    // alone, which is what lets a runtime stop runaway code without touching anything else.
    await this.#opts.drain();
    const history = this.#history;
    this.#active = true;
    try {
      history.beginTurn();
      const carried = this.#started.carryForwardEvents;
      if (carried !== undefined && !this.#run.isStarted && history.persistedLength === 0) {
        for (const [name, data] of carried)
          history.append({ type: 'QueueEventDelivered', name, data });
      }
      for (const m of messages) stageMessage(m, history, this.#scope);
      if (this.#scope.error === undefined && history.cancelReason === undefined) {
        await this.#execute();
      }
      const outcome = decideOutcome(
        this.#scope,
        history,
        this.#continueAsNew,
        this.#run.state,
        this.limits,
      );
      const result = this.#finalizer.finish(outcome, this.#run.isDone, this.#customStatus);
      if (outcome.kind !== 'continue') this.#finished = true;
      this.#uncommitted = true;
      return result;
    } finally {
      this.#active = false;
    }
  }

  /** Marks the last turn's events as persisted (call after a successful ack). */
  commit(): void {
    this.#history.commit();
    this.#uncommitted = false;
  }

  /** Runs the code along the history: starts it if needed, then delivers event by event. */
  async #execute(): Promise<void> {
    const history = this.#history;
    if (!this.#run.isStarted) {
      history.startWalk();
      this.#replaying = 1 < history.persistedLength;
      this.#run.start(this.#opts.handler, this.#ctx, this.#started.input);
      await this.#settleDown();
    }
    while (history.hasUnwalked && this.#isRunning()) {
      const index = history.walkNext();
      if (this.#delivery.deliver(history.at(index)!, index)) {
        this.#replaying = index + 1 < history.persistedLength;
        await this.#settleDown();
      }
    }
    this.#replaying = false;
    if (this.#isRunning()) this.#checkQuiescence();
  }

  /** No failure, and the code has neither finished nor asked to continue as new. */
  #isRunning(): boolean {
    return (
      this.#scope.error === undefined && !this.#run.isDone && this.#continueAsNew === undefined
    );
  }

  /** Lets the code run to its next suspension, then validates what it scheduled. */
  async #settleDown(): Promise<void> {
    await this.#opts.drain();
    this.#matcher.validateClaims();
  }

  /**
   * After the walk the code still runs: some durable task it waits on must be pending, or it
   * is awaiting something that will never be delivered by the engine.
   */
  #checkQuiescence(): void {
    if (this.#tasks.isAnyAwaited()) return;
    this.#scope.fail(
      configurationError(
        'NonDurableAwait',
        `${this.#scope.where()}: the orchestration is awaiting something that is not a durable task (a fetch, setTimeout or plain Promise?). Orchestration code may only await tasks returned by ctx; move I/O and delays into activities or ctx.scheduleTimer`,
      ),
    );
  }

  // ---------------------------------------------------------------- host API (called by ctx)

  /** @internal Schedules (or, on replay, claims) one durable action. */
  schedule<T>(
    spec: ScheduleSpec,
    kind: DurableTask<T>['internals']['kind'],
    mapValue?: (value: unknown) => unknown,
  ): DurableTask<T> {
    const task = new DurableTask<T>(kind);
    // Before the claim: a queued message may settle the task right away.
    if (mapValue !== undefined) task.mapValue(mapValue);
    this.#assertActive();
    if (this.#scope.error !== undefined || this.#finished) return task;
    const claimed = this.#matcher.claim(spec);
    if (claimed === undefined) return task;
    const { event, index } = claimed;
    this.#tasks.bind(event.eventId, task);
    switch (event.type) {
      case 'ActivityScheduled':
        task.setTagHandler((tag) => this.#setTag(index, tag));
        break;
      case 'QueueSubscribed':
        this.#subscriptions.addQueueWait(event.eventId, event.name, task);
        break;
      case 'OrchestrationChained':
      case 'CustomStatusUpdated':
        this.#tasks.settle(task, VOID_SETTLEMENT);
        break;
      default:
        break;
    }
    return task;
  }

  /**
   * @internal `utcNow` / `newGuid`: recorded like activities, completed inline in the same turn
   * (docs/decisions/0003-spec-deviations.md).
   */
  systemCall<T>(name: string, produce: () => T): DurableTask<T> {
    const isNew = !this.#matcher.hasUnclaimedSchedule();
    const task = this.schedule<T>({ type: 'ActivityScheduled', name, input: 'null' }, 'system');
    const eventId = task.internals.scheduleEventId;
    if (isNew && eventId !== undefined && this.#scope.error === undefined) {
      this.#history.append(
        { type: 'ActivityCompleted', result: JSON.stringify(produce()) },
        eventId,
      );
    }
    return task;
  }

  /** @internal */
  requestContinueAsNew(input: string, version: string | undefined): DurableTask<never> {
    this.#assertActive();
    const task = new DurableTask<never>('continueAsNew');
    this.#continueAsNew ??= { input, version };
    this.#tasks.addLive(task);
    return task;
  }

  /** @internal Composite tasks (all/race) register so the quiescence check sees them. */
  track(task: DurableTask<unknown>): void {
    this.#tasks.track(task);
  }

  /** @internal Marks a task discarded (race loser); its completion will be ignored. */
  drop(task: DurableTask<unknown>): void {
    this.#tasks.drop(task);
  }

  /** @internal */
  setCustomStatus(value: string | undefined): void {
    if (value !== undefined) {
      const bytes = utf8Bytes(value);
      if (bytes > this.limits.maxCustomStatusBytes) {
        throw new InvalidInputError(
          `custom status is ${bytes} bytes; the limit is ${this.limits.maxCustomStatusBytes}`,
          this.#scope.context(),
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

  /** @internal Sets a KV value (JSON text); recorded as `KeyValueSet`. */
  kvSet(key: string, value: string): void {
    this.#assertActive();
    this.#kv.checkSet(key, value);
    const now = this.#opts.clock();
    const claimed =
      this.#scope.error === undefined
        ? this.#matcher.claim({ type: 'KeyValueSet', key, value, lastUpdatedAt: now })
        : undefined;
    // On replay the recorded timestamp wins, so pruning decisions replay identically.
    const at = claimed?.event.type === 'KeyValueSet' ? claimed.event.lastUpdatedAt : now;
    this.#kv.set(key, value, at);
  }

  /** @internal */
  kvClear(key: string): void {
    this.#assertActive();
    if (this.#scope.error === undefined) this.#matcher.claim({ type: 'KeyValueCleared', key });
    this.#kv.delete(key);
  }

  /** @internal */
  kvClearAll(): void {
    this.#assertActive();
    if (this.#scope.error === undefined) this.#matcher.claim({ type: 'KeyValuesCleared' });
    this.#kv.clear();
  }

  /** @internal */
  kvEntries(): ReadonlyMap<string, KvEntry> {
    return this.#kv.entries;
  }

  /** @internal */
  now(): number {
    return this.#opts.clock();
  }

  /** @internal */
  newGuid(): string {
    return this.#opts.newGuid();
  }

  /** @internal Replay-safe trace: silent while replaying. */
  trace(level: TraceLevel, message: string): void {
    if (this.#replaying) return;
    this.#scope.trace(level, message);
  }

  /**
   * @internal Child instance id for an auto-named sub-orchestration
   * (docs/decisions/0003-spec-deviations.md, A8).
   */
  autoChildId(): string {
    const eventId = this.#matcher.nextScheduleEventId();
    return this.executionId === 1
      ? `${this.instanceId}::sub::${eventId}`
      : `${this.instanceId}::sub::${this.executionId}_${eventId}`;
  }

  #setTag(index: number, tag: string): void {
    if (typeof tag !== 'string' || tag.length === 0)
      throw new InvalidInputError('tag must be a non-empty string');
    const bytes = utf8Bytes(tag);
    if (bytes > this.limits.maxTagBytes) {
      throw new InvalidInputError(
        `tag is ${bytes} bytes; the limit is ${this.limits.maxTagBytes}`,
        this.#scope.context(),
      );
    }
    this.#matcher.tagActivity(index, tag);
  }

  #assertActive(): void {
    if (!this.#active) {
      this.#finished = true; // never reuse an engine whose code runs outside a turn
      throw new DuroxideError(
        'NON_DURABLE_AWAIT',
        `${this.#scope.where()}: orchestration code called the context outside of a turn; it probably resumed after awaiting something that is not a durable task`,
        { category: 'configuration', context: this.#scope.context() },
      );
    }
  }
}
