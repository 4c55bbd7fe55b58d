/**
 * What one orchestration turn decided, ready to be committed in one provider call.
 * @module
 */
import type { HistoryEvent, ParentLink } from '../history/history-event.js';
import type { WorkItem } from '../history/work-item.js';
import type { ErrorDetails } from '../errors/error-details.js';
export type TurnStatus = 'Running' | 'Completed' | 'Failed' | 'ContinuedAsNew';
export interface CancelledActivity {
    readonly instanceId: string;
    readonly executionId: number;
    readonly activityId: number;
}
export interface TurnResult {
    /** Events appended by this turn, in event-id order. */
    readonly historyDelta: HistoryEvent[];
    /** `ActivityExecute` items. */
    readonly workerItems: WorkItem[];
    /** Timers, sub-orchestration starts, parent notifications, cancellations, continue-as-new. */
    readonly orchestratorItems: WorkItem[];
    readonly cancelledActivities: CancelledActivity[];
    readonly status: TurnStatus;
    /** Completed: output JSON; Failed: display message; ContinuedAsNew: next input JSON. */
    readonly output?: string | undefined;
    /** Set when the orchestration failed. */
    readonly error?: ErrorDetails | undefined;
    /** Present when the custom status changed this turn. */
    readonly customStatus?: {
        readonly value: string | null;
    } | undefined;
    /** Present on the turn that appended `OrchestrationStarted`. */
    readonly started?: {
        readonly name: string;
        readonly version: string;
        readonly parent: ParentLink | undefined;
        readonly duroxideVersion: string;
    } | undefined;
}
