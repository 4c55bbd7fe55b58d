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
import { describeEvent, isScheduleEvent } from '../history/history-event.js';
import { displayMessage, nondeterminismError } from '../errors/error-details.js';
import { ActivityFailedError, SubOrchestrationFailedError } from '../errors/duroxide-error.js';
import { decodeJson } from '../json/json-codec.js';
import { TIMER_SETTLEMENT } from './task-tracker.js';
export class EventDelivery {
    #history;
    #matcher;
    #tasks;
    #subscriptions;
    #scope;
    constructor(history, matcher, tasks, subscriptions, scope) {
        this.#history = history;
        this.#matcher = matcher;
        this.#tasks = tasks;
        this.#subscriptions = subscriptions;
        this.#scope = scope;
    }
    /** Applies the event at `index`; returns true if a task the code may wait on settled. */
    deliver(event, index) {
        if (isScheduleEvent(event)) {
            if (!this.#matcher.isClaimed(index)) {
                this.#matcher.passUnclaimed(event, index);
            }
            else if (event.type === 'ExternalSubscribed') {
                this.#subscriptions.addExternalWait(event.eventId, event.name);
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
            case 'ExternalEvent':
                return this.#subscriptions.deliverExternal(event.name, event.data);
            case 'QueueEventDelivered':
                return this.#subscriptions.deliverQueueMessage(event.eventId, event.name, event.data);
            case 'ActivityCancelRequested':
            case 'SubOrchestrationCancelRequested':
            case 'ExternalSubscribedCancelled':
            case 'QueueSubscriptionCancelled':
                this.#checkBreadcrumb(event);
                return false;
            case 'OrchestrationStarted':
                this.#scope.fail(nondeterminismError(`${this.#scope.where()}: corrupted history: OrchestrationStarted at event ${event.eventId}`));
                return false;
            default:
                // OrchestrationCancelRequested included: the history recorded its reason when it was added.
                return false;
        }
    }
    #deliverCompletion(event) {
        const source = event.sourceEventId ?? -1;
        const task = this.#tasks.get(source);
        const schedule = this.#history.scheduleEvents.get(source);
        if (task === undefined || schedule === undefined) {
            this.#scope.fail(nondeterminismError(`${this.#scope.where()}: ${event.type} at event ${event.eventId} completes event ${source}, which the code never scheduled (completion without open schedule)`));
            return false;
        }
        switch (event.type) {
            case 'ActivityCompleted':
                return this.#tasks.settle(task, { ok: true, value: decodeJson(event.result) });
            case 'SubOrchestrationCompleted':
                return this.#tasks.settle(task, { ok: true, value: decodeJson(event.result) });
            case 'TimerFired':
                return this.#tasks.settle(task, TIMER_SETTLEMENT);
            case 'ActivityFailed': {
                const name = schedule.type === 'ActivityScheduled' ? schedule.name : '';
                const error = new ActivityFailedError(displayMessage(event.details), event.details, {
                    ...this.#scope.context(),
                    activityName: name,
                    eventId: source,
                });
                return this.#tasks.settle(task, { ok: false, error });
            }
            case 'SubOrchestrationFailed': {
                const error = new SubOrchestrationFailedError(displayMessage(event.details), event.details, {
                    ...this.#scope.context(),
                    eventId: source,
                });
                return this.#tasks.settle(task, { ok: false, error });
            }
            default:
                return false;
        }
    }
    /**
     * A `dropped_future` breadcrumb in history must match a task the code has dropped by now
     * (docs/decisions/0001-async-engine-emit-on-call.md); terminal-cleanup reasons are not checked.
     */
    #checkBreadcrumb(event) {
        if (!('reason' in event) || event.reason !== 'dropped_future')
            return;
        const source = event.sourceEventId ?? -1;
        const task = this.#tasks.get(source);
        if (task !== undefined && !task.internals.dropped && !task.isSettled) {
            this.#scope.fail(nondeterminismError(`${this.#scope.where()}: cancellation mismatch: history cancelled ${describeEvent(this.#history.scheduleEvents.get(source) ?? event)} (event ${source}) at event ${event.eventId}, but the code still waits for it`));
        }
    }
}
//# sourceMappingURL=event-delivery.js.map