/**
 * Views derived from an execution's history: what a running execution waits on (open
 * activities, timers, awaited events and queues, running children) and its timeline of
 * scheduled→completed spans. Read models only; the history is the source of truth.
 * @module
 */
import { eventFields } from '../client/read-models.js';
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
export function structuredEvent(e: HistoryEventInfo): StructuredEvent {
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
const CLOSERS: Readonly<Record<string, 'completed' | 'failed' | 'cancelled'>> = {
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

const SPAN_KINDS: Readonly<Record<string, SpanKind>> = {
  ActivityScheduled: 'activity',
  TimerCreated: 'timer',
  ExternalSubscribed: 'event',
  QueueSubscribed: 'queue',
  SubOrchestrationScheduled: 'subOrchestration',
};

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
  readonly activities: readonly { eventId: number; name: string; scheduledAt: number }[];
  readonly timers: readonly { eventId: number; fireAt: number }[];
  readonly events: readonly { eventId: number; name: string }[];
  readonly queues: readonly { eventId: number; name: string }[];
  readonly children: readonly { eventId: number; name: string; instanceId: string }[];
}

function text(
  data: Readonly<Record<string, unknown>> | undefined,
  key: string,
): string | undefined {
  const v = data?.[key];
  return typeof v === 'string' ? v : undefined;
}

/**
 * Scheduled→completed spans, in scheduling order. External events and queue messages carry no
 * link to their subscription, so they close the oldest open subscription of their name.
 */
export function timeline(events: readonly StructuredEvent[]): TimelineSpan[] {
  const spans = new Map<number, { -readonly [K in keyof TimelineSpan]: TimelineSpan[K] }>();
  const openByName = new Map<string, number[]>();
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
    let target: number | undefined;
    let outcome = CLOSERS[e.kind];
    if (outcome !== undefined) target = e.sourceEventId;
    else if (e.kind === 'ExternalEvent' || e.kind === 'QueueEventDelivered') {
      const key = `${e.kind === 'ExternalEvent' ? 'event' : 'queue'}:${text(e.data, 'name') ?? ''}`;
      const queue = openByName.get(key) ?? [];
      // The oldest subscription of that name still open.
      while (queue.length > 0 && spans.get(queue[0] as number)?.outcome !== 'open') queue.shift();
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
export function waitingOn(events: readonly StructuredEvent[]): WaitingOn {
  const finished = events.some(
    (e) =>
      e.kind === 'OrchestrationCompleted' ||
      e.kind === 'OrchestrationFailed' ||
      e.kind === 'OrchestrationContinuedAsNew',
  );
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
