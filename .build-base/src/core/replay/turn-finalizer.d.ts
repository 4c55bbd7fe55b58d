/**
 * `TurnFinalizer`: turns the end state of a turn into its `TurnResult` — cancellation
 * breadcrumbs for dropped tasks, the work items for what the code newly scheduled, and on a
 * terminal turn the cleanup, the terminal event and the parent notification.
 * @module
 */
import type { EventOfType } from '../history/history-event.js';
import type { EventSubscriptions } from './event-subscriptions.js';
import type { ExecutionHistory } from './execution-history.js';
import type { ExecutionScope } from './execution-scope.js';
import type { TaskTracker } from './task-tracker.js';
import type { TurnOutcome } from './turn-outcome.js';
import type { TurnResult } from './turn-result.js';
export declare class TurnFinalizer {
    #private;
    constructor(history: ExecutionHistory, tasks: TaskTracker, subscriptions: EventSubscriptions, scope: ExecutionScope, started: EventOfType<'OrchestrationStarted'>);
    /**
     * Appends the turn's closing events and collects what to dispatch. `codeDone` says whether
     * the code returned or threw; `customStatus` is the status a continue-as-new starts with.
     */
    finish(outcome: TurnOutcome, codeDone: boolean, customStatus: string | undefined): TurnResult;
}
