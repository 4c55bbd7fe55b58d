/**
 * `EventDelivery`: what one history event does when the walk reaches it — settle the task it
 * completes, hand an event or queue message to a waiting subscription, or check that it is
 * consistent with what the code did.
 *
 * The engine delivers one event at a time, in history order, and lets the code run to its next
 * suspension before the next delivery, so races and joins resolve the same way on every
 * replay (docs/decisions/0001-async-engine-emit-on-call.md).
 * @module
 */
import { type HistoryEvent } from '../history/history-event.js';
import type { EventSubscriptions } from './event-subscriptions.js';
import type { ExecutionHistory } from './execution-history.js';
import type { ExecutionScope } from './execution-scope.js';
import type { ScheduleMatcher } from './schedule-matcher.js';
import { type TaskTracker } from './task-tracker.js';
export declare class EventDelivery {
    #private;
    constructor(history: ExecutionHistory, matcher: ScheduleMatcher, tasks: TaskTracker, subscriptions: EventSubscriptions, scope: ExecutionScope);
    /** Applies the event at `index`; returns true if a task the code may wait on settled. */
    deliver(event: HistoryEvent, index: number): boolean;
}
