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
import { isScheduleEvent } from '../history/history-event.js';
const COMPLETION_FAMILY = {
    ActivityCompleted: 'activity',
    ActivityFailed: 'activity',
    TimerFired: 'timer',
    SubOrchestrationCompleted: 'sub',
    SubOrchestrationFailed: 'sub',
};
export class ExecutionHistory {
    #instanceId;
    #executionId;
    #clock;
    #duroxideVersion;
    #events = [];
    #scheduleEvents = new Map();
    /** `${family}:${sourceEventId}` of every completion held (de-duplication). */
    #completedSources = new Set();
    /** Schedule event ids with a cancellation breadcrumb. */
    #cancelBreadcrumbs = new Set();
    #cancelReason;
    #nextEventId = 1;
    #persistedLength;
    #turnStartLength = 0;
    /** First event id of the current turn: schedules below it were dispatched by earlier turns. */
    #turnStartEventId = 1;
    /** Events already walked (delivered to the code, or passed over). */
    #walked = 0;
    constructor(instanceId, executionId, clock, duroxideVersion, persisted) {
        this.#instanceId = instanceId;
        this.#executionId = executionId;
        this.#clock = clock;
        this.#duroxideVersion = duroxideVersion;
        for (const e of persisted)
            this.#record(e);
        this.#persistedLength = this.#events.length;
    }
    /** Number of events held (persisted + appended since). */
    get length() {
        return this.#events.length;
    }
    at(index) {
        return this.#events[index];
    }
    get nextEventId() {
        return this.#nextEventId;
    }
    /** Events the provider has stored: everything before the current turn once it is committed. */
    get persistedLength() {
        return this.#persistedLength;
    }
    /** Reason of the first `OrchestrationCancelRequested` held, if any. */
    get cancelReason() {
        return this.#cancelReason;
    }
    /** Schedule events by event id. */
    get scheduleEvents() {
        return this.#scheduleEvents;
    }
    /** Whether a completion of `family` for schedule `eventId` is held. */
    isCompleted(family, eventId) {
        return this.#completedSources.has(`${family}:${eventId}`);
    }
    /** Whether schedule `eventId` already has a cancellation breadcrumb. */
    isCancelled(eventId) {
        return this.#cancelBreadcrumbs.has(eventId);
    }
    /** True for events appended by the current turn (not dispatched by an earlier one). */
    isNewThisTurn(event) {
        return event.eventId >= this.#turnStartEventId;
    }
    // ------------------------------------------------------------------- turns
    beginTurn() {
        this.#turnStartLength = this.#persistedLength;
        this.#turnStartEventId = this.#events[this.#persistedLength]?.eventId ?? this.#nextEventId;
    }
    get turnStartLength() {
        return this.#turnStartLength;
    }
    /** Appends the events of the current turn, in event-id order, to `into`. */
    collectTurnDelta(into) {
        for (let i = this.#turnStartLength; i < this.#events.length; i++)
            into.push(this.#events[i]);
    }
    /** Marks every event as persisted (after a successful commit). */
    commit() {
        this.#persistedLength = this.#events.length;
    }
    // ------------------------------------------------------------------- walk cursor
    /** Index of the next event to walk. */
    get walked() {
        return this.#walked;
    }
    /** Starts the walk after `OrchestrationStarted`, which needs no delivery. */
    startWalk() {
        this.#walked = 1;
    }
    get hasUnwalked() {
        return this.#walked < this.#events.length;
    }
    /** Index of the next event to walk; advances the cursor. */
    walkNext() {
        return this.#walked++;
    }
    /** The code saw (or made) everything held: the next turn walks only its new events. */
    walkToEnd() {
        this.#walked = this.#events.length;
    }
    // ------------------------------------------------------------------- writing
    /** Appends a new event with the next event id. */
    append(kind, sourceEventId) {
        const event = {
            eventId: this.#nextEventId,
            sourceEventId,
            instanceId: this.#instanceId,
            executionId: this.#executionId,
            timestampMs: this.#clock(),
            duroxideVersion: this.#duroxideVersion,
            ...kind,
        };
        this.#record(event);
        return event;
    }
    /** Replaces the (unpersisted) schedule event at `index`, e.g. to add a tag. */
    replaceSchedule(index, event) {
        this.#events[index] = event;
        this.#scheduleEvents.set(event.eventId, event);
    }
    /** Adds an event to the events and their indexes. */
    #record(event) {
        this.#events.push(event);
        if (event.eventId >= this.#nextEventId)
            this.#nextEventId = event.eventId + 1;
        if (isScheduleEvent(event)) {
            this.#scheduleEvents.set(event.eventId, event);
            return;
        }
        const family = COMPLETION_FAMILY[event.type];
        if (family !== undefined && event.sourceEventId !== undefined) {
            this.#completedSources.add(`${family}:${event.sourceEventId}`);
            return;
        }
        if (event.sourceEventId !== undefined &&
            (event.type === 'ActivityCancelRequested' ||
                event.type === 'SubOrchestrationCancelRequested' ||
                event.type === 'ExternalSubscribedCancelled' ||
                event.type === 'QueueSubscriptionCancelled')) {
            this.#cancelBreadcrumbs.add(event.sourceEventId);
        }
        if (event.type === 'OrchestrationCancelRequested')
            this.#cancelReason ??= event.reason;
    }
}
//# sourceMappingURL=execution-history.js.map