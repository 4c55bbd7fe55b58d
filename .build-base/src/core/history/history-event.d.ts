/**
 * History events: the append-only record of one execution.
 *
 * Every event is an envelope (`eventId`, `sourceEventId`, identity, timestamp, engine version)
 * flattened together with one kind-specific payload, discriminated by `type`. Payload strings
 * (`input`, `result`, `data`, `output`) are JSON text: the runtime encodes values at the edges.
 *
 * @module
 */
import type { ErrorDetails } from '../errors/error-details.js';
/** Fields every history event carries. */
interface EventEnvelope {
    /** Position in the execution; `OrchestrationStarted` is always 1. */
    readonly eventId: number;
    /** For completions and cancellation breadcrumbs: the scheduling event's id. */
    readonly sourceEventId?: number | undefined;
    readonly instanceId: string;
    readonly executionId: number;
    /** Wall-clock creation time, epoch ms. */
    readonly timestampMs: number;
    /** Version of the duroxide-ts engine that wrote the event. */
    readonly duroxideVersion: string;
}
/** Link from a sub-orchestration to the parent that awaits it. */
export interface ParentLink {
    readonly instanceId: string;
    readonly executionId: number;
    /** The parent's `SubOrchestrationScheduled` event id. */
    readonly scheduleEventId: number;
}
export type EventKind = {
    readonly type: 'OrchestrationStarted';
    readonly name: string;
    readonly version: string;
    readonly input: string;
    readonly parent?: ParentLink | undefined;
    /** Queue messages carried across continue-as-new, as `[queueName, data]`. */
    readonly carryForwardEvents?: ReadonlyArray<readonly [string, string]> | undefined;
    readonly initialCustomStatus?: string | undefined;
} | {
    readonly type: 'OrchestrationCompleted';
    readonly output: string;
} | {
    readonly type: 'OrchestrationFailed';
    readonly details: ErrorDetails;
} | {
    readonly type: 'OrchestrationContinuedAsNew';
    readonly input: string;
} | {
    readonly type: 'OrchestrationCancelRequested';
    readonly reason: string;
} | {
    readonly type: 'ActivityScheduled';
    readonly name: string;
    readonly input: string;
    readonly sessionId?: string | undefined;
    readonly tag?: string | undefined;
} | {
    readonly type: 'ActivityCompleted';
    readonly result: string;
} | {
    readonly type: 'ActivityFailed';
    readonly details: ErrorDetails;
} | {
    readonly type: 'ActivityCancelRequested';
    readonly reason: string;
} | {
    readonly type: 'TimerCreated';
    readonly fireAt: number;
} | {
    readonly type: 'TimerFired';
    readonly fireAt: number;
} | {
    readonly type: 'ExternalSubscribed';
    readonly name: string;
} | {
    readonly type: 'ExternalEvent';
    readonly name: string;
    readonly data: string;
} | {
    readonly type: 'ExternalSubscribedCancelled';
    readonly reason: string;
} | {
    readonly type: 'QueueSubscribed';
    readonly name: string;
} | {
    readonly type: 'QueueEventDelivered';
    readonly name: string;
    readonly data: string;
} | {
    readonly type: 'QueueSubscriptionCancelled';
    readonly reason: string;
} | {
    readonly type: 'SubOrchestrationScheduled';
    readonly name: string;
    /** Full child instance id. */
    readonly instance: string;
    readonly input: string;
    /** Explicit version requested by the parent, if any. */
    readonly version?: string | undefined;
} | {
    readonly type: 'SubOrchestrationCompleted';
    readonly result: string;
} | {
    readonly type: 'SubOrchestrationFailed';
    readonly details: ErrorDetails;
} | {
    readonly type: 'SubOrchestrationCancelRequested';
    readonly reason: string;
} | {
    readonly type: 'OrchestrationChained';
    readonly name: string;
    readonly instance: string;
    readonly input: string;
    readonly version?: string | undefined;
} | {
    readonly type: 'CustomStatusUpdated';
    readonly status: string | null;
} | {
    readonly type: 'KeyValueSet';
    readonly key: string;
    readonly value: string;
    readonly lastUpdatedAt: number;
} | {
    readonly type: 'KeyValueCleared';
    readonly key: string;
} | {
    readonly type: 'KeyValuesCleared';
};
export type HistoryEvent = EventEnvelope & EventKind;
type EventType = EventKind['type'];
export type EventOfType<T extends EventType> = EventEnvelope & Extract<EventKind, {
    type: T;
}>;
/**
 * Events produced by a context call and matched positionally on replay.
 */
export declare function isScheduleEvent(e: HistoryEvent): boolean;
/**
 * Parses one stored event. Throws a plain `Error` naming the problem when the JSON is not an
 * event this engine knows, which providers report as `historyError`.
 */
export declare function parseHistoryEvent(text: string): HistoryEvent;
/** One-line description of an event for error messages ("activity 'charge'"). */
export declare function describeEvent(e: HistoryEvent): string;
export {};
