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
import { type EventKind, type HistoryEvent } from '../history/history-event.js';
/** Which schedules a completion event belongs to; completions are de-duplicated per family. */
export type CompletionFamily = 'activity' | 'timer' | 'sub';
export declare class ExecutionHistory {
    #private;
    constructor(instanceId: string, executionId: number, clock: () => number, duroxideVersion: string, persisted: readonly HistoryEvent[]);
    /** Number of events held (persisted + appended since). */
    get length(): number;
    at(index: number): HistoryEvent | undefined;
    get nextEventId(): number;
    /** Events the provider has stored: everything before the current turn once it is committed. */
    get persistedLength(): number;
    /** Reason of the first `OrchestrationCancelRequested` held, if any. */
    get cancelReason(): string | undefined;
    /** Schedule events by event id. */
    get scheduleEvents(): ReadonlyMap<number, HistoryEvent>;
    /** Whether a completion of `family` for schedule `eventId` is held. */
    isCompleted(family: CompletionFamily, eventId: number): boolean;
    /** Whether schedule `eventId` already has a cancellation breadcrumb. */
    isCancelled(eventId: number): boolean;
    /** True for events appended by the current turn (not dispatched by an earlier one). */
    isNewThisTurn(event: HistoryEvent): boolean;
    beginTurn(): void;
    get turnStartLength(): number;
    /** Appends the events of the current turn, in event-id order, to `into`. */
    collectTurnDelta(into: HistoryEvent[]): void;
    /** Marks every event as persisted (after a successful commit). */
    commit(): void;
    /** Index of the next event to walk. */
    get walked(): number;
    /** Starts the walk after `OrchestrationStarted`, which needs no delivery. */
    startWalk(): void;
    get hasUnwalked(): boolean;
    /** Index of the next event to walk; advances the cursor. */
    walkNext(): number;
    /** The code saw (or made) everything held: the next turn walks only its new events. */
    walkToEnd(): void;
    /** Appends a new event with the next event id. */
    append(kind: EventKind, sourceEventId?: number): HistoryEvent;
    /** Replaces the (unpersisted) schedule event at `index`, e.g. to add a tag. */
    replaceSchedule(index: number, event: HistoryEvent): void;
}
