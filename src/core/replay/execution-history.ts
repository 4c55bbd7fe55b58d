/**
 * `ExecutionHistory`: the events of one execution held by the replay engine, with the indexes
 * a turn needs and the walk cursor over the events replayed to the code.
 *
 * The events are the persisted history followed by the events of turns not yet committed.
 * Every event goes through one place ({@link ExecutionHistory.append} or the constructor), so
 * the indexes — schedule events by id, completed schedules, cancellation breadcrumbs, the
 * cancel request — always describe exactly the events held.
 * @module
 */
import { isScheduleEvent, type EventKind, type HistoryEvent } from '../history/history-event.js';

/** Which schedules a completion event belongs to; completions are de-duplicated per family. */
export type CompletionFamily = 'activity' | 'timer' | 'sub';

const COMPLETION_FAMILY: Partial<Record<HistoryEvent['type'], CompletionFamily>> = {
  ActivityCompleted: 'activity',
  ActivityFailed: 'activity',
  TimerFired: 'timer',
  SubOrchestrationCompleted: 'sub',
  SubOrchestrationFailed: 'sub',
};

export class ExecutionHistory {
  readonly #instanceId: string;
  readonly #executionId: number;
  readonly #clock: () => number;
  readonly #duroxideVersion: string;
  readonly #events: HistoryEvent[] = [];
  readonly #scheduleEvents = new Map<number, HistoryEvent>();
  /** `${family}:${sourceEventId}` of every completion held (de-duplication). */
  readonly #completedSources = new Set<string>();
  /** Schedule event ids with a cancellation breadcrumb. */
  readonly #cancelBreadcrumbs = new Set<number>();
  #cancelReason: string | undefined;
  #nextEventId = 1;
  #persistedLength: number;
  #turnStartLength = 0;
  /** First event id of the current turn: schedules below it were dispatched by earlier turns. */
  #turnStartEventId = 1;
  /** Events already walked (delivered to the code, or passed over). */
  #walked = 0;

  constructor(
    instanceId: string,
    executionId: number,
    clock: () => number,
    duroxideVersion: string,
    persisted: readonly HistoryEvent[],
  ) {
    this.#instanceId = instanceId;
    this.#executionId = executionId;
    this.#clock = clock;
    this.#duroxideVersion = duroxideVersion;
    for (const e of persisted) this.#record(e);
    this.#persistedLength = this.#events.length;
  }

  /** Number of events held (persisted + appended since). */
  get length(): number {
    return this.#events.length;
  }

  at(index: number): HistoryEvent | undefined {
    return this.#events[index];
  }

  get nextEventId(): number {
    return this.#nextEventId;
  }

  /** Events the provider has stored: everything before the current turn once it is committed. */
  get persistedLength(): number {
    return this.#persistedLength;
  }

  /** Reason of the first `OrchestrationCancelRequested` held, if any. */
  get cancelReason(): string | undefined {
    return this.#cancelReason;
  }

  /** Schedule events by event id. */
  get scheduleEvents(): ReadonlyMap<number, HistoryEvent> {
    return this.#scheduleEvents;
  }

  /** Whether a completion of `family` for schedule `eventId` is held. */
  isCompleted(family: CompletionFamily, eventId: number): boolean {
    return this.#completedSources.has(`${family}:${eventId}`);
  }

  /** Whether schedule `eventId` already has a cancellation breadcrumb. */
  isCancelled(eventId: number): boolean {
    return this.#cancelBreadcrumbs.has(eventId);
  }

  /** True for events appended by the current turn (not dispatched by an earlier one). */
  isNewThisTurn(event: HistoryEvent): boolean {
    return event.eventId >= this.#turnStartEventId;
  }

  // ------------------------------------------------------------------- turns

  beginTurn(): void {
    this.#turnStartLength = this.#persistedLength;
    this.#turnStartEventId = this.#events[this.#persistedLength]?.eventId ?? this.#nextEventId;
  }

  get turnStartLength(): number {
    return this.#turnStartLength;
  }

  /** Appends the events of the current turn, in event-id order, to `into`. */
  collectTurnDelta(into: HistoryEvent[]): void {
    for (let i = this.#turnStartLength; i < this.#events.length; i++) into.push(this.#events[i]!);
  }

  /** Marks every event as persisted (after a successful commit). */
  commit(): void {
    this.#persistedLength = this.#events.length;
  }

  // ------------------------------------------------------------------- walk cursor

  /** Index of the next event to walk. */
  get walked(): number {
    return this.#walked;
  }

  /** Starts the walk after `OrchestrationStarted`, which needs no delivery. */
  startWalk(): void {
    this.#walked = 1;
  }

  get hasUnwalked(): boolean {
    return this.#walked < this.#events.length;
  }

  /** Index of the next event to walk; advances the cursor. */
  walkNext(): number {
    return this.#walked++;
  }

  /** The code saw (or made) everything held: the next turn walks only its new events. */
  walkToEnd(): void {
    this.#walked = this.#events.length;
  }

  // ------------------------------------------------------------------- writing

  /** Appends a new event with the next event id. */
  append(kind: EventKind, sourceEventId?: number): HistoryEvent {
    const event = {
      eventId: this.#nextEventId,
      sourceEventId,
      instanceId: this.#instanceId,
      executionId: this.#executionId,
      timestampMs: this.#clock(),
      duroxideVersion: this.#duroxideVersion,
      ...kind,
    } as HistoryEvent;
    this.#record(event);
    return event;
  }

  /** Replaces the (unpersisted) schedule event at `index`, e.g. to add a tag. */
  replaceSchedule(index: number, event: HistoryEvent): void {
    this.#events[index] = event;
    this.#scheduleEvents.set(event.eventId, event);
  }

  /** Adds an event to the events and their indexes. */
  #record(event: HistoryEvent): void {
    this.#events.push(event);
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
}
