import { cancelledError, displayMessage } from '../errors/error-details.js';
/** Most unconsumed queue messages a continue-as-new carries into the next execution. */
const MAX_CARRY_FORWARD_EVENTS = 20;
export class TurnFinalizer {
    #history;
    #tasks;
    #subscriptions;
    #scope;
    #started;
    constructor(history, tasks, subscriptions, scope, started) {
        this.#history = history;
        this.#tasks = tasks;
        this.#subscriptions = subscriptions;
        this.#scope = scope;
        this.#started = started;
    }
    /**
     * Appends the turn's closing events and collects what to dispatch. `codeDone` says whether
     * the code returned or threw; `customStatus` is the status a continue-as-new starts with.
     */
    finish(outcome, codeDone, customStatus) {
        const history = this.#history;
        const delta = [];
        const workerItems = [];
        const orchestratorItems = [];
        const cancelledActivities = [];
        const terminal = outcome.kind !== 'continue';
        // Dropped tasks (race losers; on code completion everything still pending).
        if (outcome.kind === 'completed' || (outcome.kind === 'failed' && codeDone))
            this.#tasks.dropAllScheduled();
        this.#cancelDropped(orchestratorItems, cancelledActivities);
        this.#collectNewWork(terminal, workerItems, orchestratorItems);
        let status = 'Running';
        let output;
        let error;
        if (terminal) {
            this.#terminalCleanup(outcome, orchestratorItems, cancelledActivities);
            switch (outcome.kind) {
                case 'completed':
                    history.append({ type: 'OrchestrationCompleted', output: outcome.output });
                    status = 'Completed';
                    output = outcome.output;
                    this.#notifyParent(orchestratorItems, { ok: true, result: outcome.output });
                    break;
                case 'failed':
                case 'cancelled': {
                    const details = outcome.kind === 'failed' ? outcome.details : cancelledError(outcome.reason);
                    history.append({ type: 'OrchestrationFailed', details });
                    status = 'Failed';
                    output = displayMessage(details);
                    error = details;
                    this.#notifyParent(orchestratorItems, { ok: false, details });
                    break;
                }
                case 'continuedAsNew': {
                    const carry = this.#carryForward();
                    history.append({ type: 'OrchestrationContinuedAsNew', input: outcome.input });
                    status = 'ContinuedAsNew';
                    output = outcome.input;
                    orchestratorItems.push({
                        type: 'ContinueAsNew',
                        instance: this.#scope.instanceId,
                        orchestration: this.#scope.orchestrationName,
                        input: outcome.input,
                        version: outcome.version,
                        parent: this.#started.parent,
                        carryForwardEvents: carry.length > 0 ? carry : undefined,
                        initialCustomStatus: customStatus,
                    });
                    break;
                }
            }
        }
        history.collectTurnDelta(delta);
        history.walkToEnd();
        let statusUpdate;
        for (const e of delta)
            if (e.type === 'CustomStatusUpdated')
                statusUpdate = { value: e.status };
        const startedNow = history.turnStartLength === 0 && delta[0]?.type === 'OrchestrationStarted';
        return {
            historyDelta: delta,
            workerItems,
            orchestratorItems,
            cancelledActivities,
            status,
            output,
            error,
            customStatus: statusUpdate,
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
    /** `dropped_future` breadcrumbs for tasks dropped this turn; cancels what was dispatched. */
    #cancelDropped(orchestratorItems, cancelledActivities) {
        const history = this.#history;
        for (const task of this.#tasks.takeDropped()) {
            const eventId = task.internals.scheduleEventId;
            if (eventId === undefined || history.isCancelled(eventId))
                continue;
            const schedule = history.scheduleEvents.get(eventId);
            const isNew = history.isNewThisTurn(schedule);
            switch (schedule.type) {
                case 'ActivityScheduled':
                    history.append({ type: 'ActivityCancelRequested', reason: 'dropped_future' }, eventId);
                    if (!isNew)
                        cancelledActivities.push(this.#activityKey(eventId));
                    break;
                case 'SubOrchestrationScheduled':
                    history.append({ type: 'SubOrchestrationCancelRequested', reason: 'dropped_future' }, eventId);
                    if (!isNew) {
                        orchestratorItems.push({
                            type: 'CancelInstance',
                            instance: schedule.instance,
                            reason: 'parent dropped sub-orchestration future',
                        });
                    }
                    break;
                case 'ExternalSubscribed':
                    history.append({ type: 'ExternalSubscribedCancelled', reason: 'dropped_future' }, eventId);
                    break;
                case 'QueueSubscribed':
                    history.append({ type: 'QueueSubscriptionCancelled', reason: 'dropped_future' }, eventId);
                    break;
                default:
                    break;
            }
        }
    }
    /**
     * Work items for what this turn scheduled. Terminal turns dispatch only detached starts
     * (docs/decisions/0003-spec-deviations.md, A5).
     */
    #collectNewWork(terminal, workerItems, orchestratorItems) {
        const history = this.#history;
        const scope = this.#scope;
        for (let i = history.turnStartLength; i < history.length; i++) {
            const e = history.at(i);
            const task = this.#tasks.get(e.eventId);
            const live = task !== undefined && !task.internals.dropped;
            switch (e.type) {
                case 'ActivityScheduled':
                    if (!terminal && live && !task.isSettled && !history.isCompleted('activity', e.eventId)) {
                        workerItems.push({
                            type: 'ActivityExecute',
                            instance: scope.instanceId,
                            executionId: scope.executionId,
                            id: e.eventId,
                            name: e.name,
                            input: e.input,
                            sessionId: e.sessionId,
                            tag: e.tag,
                            orchestrationName: scope.orchestrationName,
                            orchestrationVersion: scope.orchestrationVersion,
                        });
                    }
                    break;
                case 'TimerCreated':
                    if (!terminal && live) {
                        orchestratorItems.push({
                            type: 'TimerFired',
                            instance: scope.instanceId,
                            executionId: scope.executionId,
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
                            parent: {
                                instanceId: scope.instanceId,
                                executionId: scope.executionId,
                                scheduleEventId: e.eventId,
                            },
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
    }
    /**
     * Terminal cleanup: cancel in-flight activities and open subscriptions before the terminal
     * event (docs/decisions/0003-spec-deviations.md, A4), and cancel outstanding children unless
     * continuing as new.
     */
    #terminalCleanup(outcome, orchestratorItems, cancelled) {
        const history = this.#history;
        const activityReason = outcome.kind === 'completed'
            ? 'orchestration_terminal_completed'
            : outcome.kind === 'continuedAsNew'
                ? 'orchestration_terminal_continued_as_new'
                : 'orchestration_terminal_failed';
        for (const [eventId, schedule] of history.scheduleEvents) {
            if (history.isCancelled(eventId))
                continue;
            switch (schedule.type) {
                case 'ActivityScheduled':
                    if (history.isCompleted('activity', eventId))
                        break;
                    history.append({ type: 'ActivityCancelRequested', reason: activityReason }, eventId);
                    if (!history.isNewThisTurn(schedule))
                        cancelled.push(this.#activityKey(eventId));
                    break;
                case 'SubOrchestrationScheduled':
                    if (history.isCompleted('sub', eventId) || outcome.kind === 'continuedAsNew')
                        break;
                    if (!history.isNewThisTurn(schedule)) {
                        orchestratorItems.push({
                            type: 'CancelInstance',
                            instance: schedule.instance,
                            reason: outcome.kind === 'cancelled' ? 'parent canceled' : 'parent terminated',
                        });
                    }
                    break;
                // A subscription is outstanding while its task is claimed and unsettled (settled tasks
                // leave the tracker); when the code never ran this turn there is nothing to cancel.
                case 'ExternalSubscribed':
                    if (this.#tasks.get(eventId)?.isSettled === false) {
                        history.append({ type: 'ExternalSubscribedCancelled', reason: 'orchestration_terminal' }, eventId);
                    }
                    break;
                case 'QueueSubscribed':
                    if (this.#tasks.get(eventId)?.isSettled === false) {
                        history.append({ type: 'QueueSubscriptionCancelled', reason: 'orchestration_terminal' }, eventId);
                    }
                    break;
                default:
                    break;
            }
        }
    }
    /** Unconsumed queue messages, the first 20 in history order, for the next execution. */
    #carryForward() {
        const history = this.#history;
        const carry = [];
        this.#subscriptions.collectUnconsumed(carry);
        // Messages that arrived after the code asked to continue were never walked.
        for (let i = history.walked; i < history.length; i++) {
            const e = history.at(i);
            if (e.type === 'QueueEventDelivered')
                carry.push({ eventId: e.eventId, name: e.name, data: e.data });
        }
        carry.sort((a, b) => a.eventId - b.eventId);
        if (carry.length > MAX_CARRY_FORWARD_EVENTS) {
            this.#scope.trace('warn', `dropping ${carry.length - MAX_CARRY_FORWARD_EVENTS} queue messages beyond the carry-forward limit of ${MAX_CARRY_FORWARD_EVENTS}`);
        }
        return carry.slice(0, MAX_CARRY_FORWARD_EVENTS).map((c) => [c.name, c.data]);
    }
    #notifyParent(items, result) {
        const parent = this.#started.parent;
        if (parent === undefined)
            return;
        const base = {
            parentInstance: parent.instanceId,
            parentExecutionId: parent.executionId,
            parentId: parent.scheduleEventId,
        };
        items.push(result.ok
            ? { type: 'SubOrchCompleted', ...base, result: result.result }
            : { type: 'SubOrchFailed', ...base, details: result.details });
    }
    #activityKey(activityId) {
        return { instanceId: this.#scope.instanceId, executionId: this.#scope.executionId, activityId };
    }
}
//# sourceMappingURL=turn-finalizer.js.map