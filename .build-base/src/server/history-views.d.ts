import type { HistoryEventInfo } from '../client/types.js';
/** A history event with its fields as an object (the API's and the views' shape). */
export interface StructuredEvent {
    readonly eventId: number;
    readonly kind: string;
    readonly sourceEventId?: number;
    readonly timestampMs: number;
    readonly data?: Readonly<Record<string, unknown>>;
}
/** The Client's history event (fields as JSON text) as a {@link StructuredEvent}. */
export declare function structuredEvent(e: HistoryEventInfo): StructuredEvent;
type SpanKind = 'activity' | 'timer' | 'event' | 'queue' | 'subOrchestration';
export interface TimelineSpan {
    /** The scheduling event. */
    readonly eventId: number;
    readonly kind: SpanKind;
    /** Activity, event, queue or child orchestration name; absent for timers. */
    readonly name?: string;
    /** Child instance id (sub-orchestrations). */
    readonly instanceId?: string;
    /** Timers: when it fires (epoch ms). */
    readonly fireAt?: number;
    readonly startedAt: number;
    readonly endedAt?: number;
    readonly outcome: 'open' | 'completed' | 'failed' | 'cancelled';
}
export interface WaitingOn {
    readonly activities: readonly {
        eventId: number;
        name: string;
        scheduledAt: number;
    }[];
    readonly timers: readonly {
        eventId: number;
        fireAt: number;
    }[];
    readonly events: readonly {
        eventId: number;
        name: string;
    }[];
    readonly queues: readonly {
        eventId: number;
        name: string;
    }[];
    readonly children: readonly {
        eventId: number;
        name: string;
        instanceId: string;
    }[];
}
/**
 * Scheduled→completed spans, in scheduling order. External events and queue messages carry no
 * link to their subscription, so they close the oldest open subscription of their name.
 */
export declare function timeline(events: readonly StructuredEvent[]): TimelineSpan[];
/** What the execution whose history this is waits on (empty for a finished execution). */
export declare function waitingOn(events: readonly StructuredEvent[]): WaitingOn;
export {};
