/**
 * Views derived from an execution's history: what a running execution waits on (open
 * activities, timers, awaited events and queues, running children) and its timeline of
 * scheduled→completed spans. Read models only; the history is the source of truth.
 * @module
 */
import { eventFields } from '../client/read-models.js';
/** The Client's history event (fields as JSON text) as a {@link StructuredEvent}. */
export function structuredEvent(e) {
    const data = eventFields(e);
    return {
        eventId: e.eventId,
        kind: e.kind,
        ...(e.sourceEventId !== undefined ? { sourceEventId: e.sourceEventId } : {}),
        timestampMs: e.timestampMs,
        ...(data !== undefined ? { data } : {}),
    };
}
/** Events that close the scheduling event named by their `sourceEventId`. */
const CLOSERS = {
    ActivityCompleted: 'completed',
    ActivityFailed: 'failed',
    ActivityCancelRequested: 'cancelled',
    TimerFired: 'completed',
    ExternalSubscribedCancelled: 'cancelled',
    QueueSubscriptionCancelled: 'cancelled',
    SubOrchestrationCompleted: 'completed',
    SubOrchestrationFailed: 'failed',
    SubOrchestrationCancelRequested: 'cancelled',
};
const SPAN_KINDS = {
    ActivityScheduled: 'activity',
    TimerCreated: 'timer',
    ExternalSubscribed: 'event',
    QueueSubscribed: 'queue',
    SubOrchestrationScheduled: 'subOrchestration',
};
function text(data, key) {
    const v = data?.[key];
    return typeof v === 'string' ? v : undefined;
}
/**
 * Scheduled→completed spans, in scheduling order. External events and queue messages carry no
 * link to their subscription, so they close the oldest open subscription of their name.
 */
export function timeline(events) {
    const spans = new Map();
    const openByName = new Map();
    for (const e of events) {
        const kind = SPAN_KINDS[e.kind];
        if (kind !== undefined) {
            const name = kind === 'timer' ? undefined : text(e.data, 'name');
            const fireAt = e.data?.['fireAt'];
            const child = text(e.data, 'instance');
            spans.set(e.eventId, {
                eventId: e.eventId,
                kind,
                ...(name !== undefined ? { name } : {}),
                ...(child !== undefined ? { instanceId: child } : {}),
                ...(typeof fireAt === 'number' ? { fireAt } : {}),
                startedAt: e.timestampMs,
                outcome: 'open',
            });
            if ((kind === 'event' || kind === 'queue') && name !== undefined) {
                const key = `${kind}:${name}`;
                openByName.set(key, [...(openByName.get(key) ?? []), e.eventId]);
            }
            continue;
        }
        let target;
        let outcome = CLOSERS[e.kind];
        if (outcome !== undefined)
            target = e.sourceEventId;
        else if (e.kind === 'ExternalEvent' || e.kind === 'QueueEventDelivered') {
            const key = `${e.kind === 'ExternalEvent' ? 'event' : 'queue'}:${text(e.data, 'name') ?? ''}`;
            const queue = openByName.get(key) ?? [];
            // The oldest subscription of that name still open.
            while (queue.length > 0 && spans.get(queue[0])?.outcome !== 'open')
                queue.shift();
            target = queue.shift();
            outcome = 'completed';
        }
        const span = target === undefined ? undefined : spans.get(target);
        if (span !== undefined && span.outcome === 'open' && outcome !== undefined) {
            span.outcome = outcome;
            span.endedAt = e.timestampMs;
        }
    }
    return [...spans.values()];
}
/** What the execution whose history this is waits on (empty for a finished execution). */
export function waitingOn(events) {
    const finished = events.some((e) => e.kind === 'OrchestrationCompleted' ||
        e.kind === 'OrchestrationFailed' ||
        e.kind === 'OrchestrationContinuedAsNew');
    const open = finished ? [] : timeline(events).filter((s) => s.outcome === 'open');
    return {
        activities: open
            .filter((s) => s.kind === 'activity')
            .map((s) => ({ eventId: s.eventId, name: s.name ?? '', scheduledAt: s.startedAt })),
        timers: open
            .filter((s) => s.kind === 'timer')
            .map((s) => ({ eventId: s.eventId, fireAt: s.fireAt ?? 0 })),
        events: open
            .filter((s) => s.kind === 'event')
            .map((s) => ({ eventId: s.eventId, name: s.name ?? '' })),
        queues: open
            .filter((s) => s.kind === 'queue')
            .map((s) => ({ eventId: s.eventId, name: s.name ?? '' })),
        children: open
            .filter((s) => s.kind === 'subOrchestration')
            .map((s) => ({ eventId: s.eventId, name: s.name ?? '', instanceId: s.instanceId ?? '' })),
    };
}
//# sourceMappingURL=history-views.js.map