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

/**
 * W3C trace context (https://www.w3.org/TR/trace-context/) carried by work items, so the runtime
 * that runs the work continues the trace of whoever created it (docs/observability.md).
 */
export interface TraceContext {
  /** `00-<trace id>-<span id>-<flags>`. */
  readonly traceparent: string;
  readonly tracestate?: string | undefined;
}

/**
 * The trace of one execution, recorded in its `OrchestrationStarted` event: `traceparent` names
 * the execution's own span, so turns and activities on any node (and replays) become its
 * children; `parentSpanId` is the span that started it (same trace), if any.
 */
export interface ExecutionTraceContext extends TraceContext {
  readonly parentSpanId?: string | undefined;
  /**
   * For an execution resumed after it failed (`client.resumeInstance`): the `traceparent` of
   * the failed attempt's span, which this attempt's span links to. The resume records a fresh
   * context in place of the failed attempt's, so each attempt's span is emitted once.
   */
  readonly resumedFrom?: string | undefined;
  /** For a resumed execution: when its span (the resumed attempt's) started, epoch ms. */
  readonly resumedAtMs?: number | undefined;
}

/** Link from a sub-orchestration to the parent that awaits it. */
export interface ParentLink {
  readonly instanceId: string;
  readonly executionId: number;
  /** The parent's `SubOrchestrationScheduled` event id. */
  readonly scheduleEventId: number;
}

export type EventKind =
  | {
      readonly type: 'OrchestrationStarted';
      readonly name: string;
      readonly version: string;
      readonly input: string;
      readonly parent?: ParentLink | undefined;
      /** Queue messages carried across continue-as-new, as `[queueName, data]`. */
      readonly carryForwardEvents?: ReadonlyArray<readonly [string, string]> | undefined;
      readonly initialCustomStatus?: string | undefined;
      /** Absent when tracing was off when the execution started (and in older histories). */
      readonly traceContext?: ExecutionTraceContext | undefined;
    }
  | { readonly type: 'OrchestrationCompleted'; readonly output: string }
  | { readonly type: 'OrchestrationFailed'; readonly details: ErrorDetails }
  | { readonly type: 'OrchestrationContinuedAsNew'; readonly input: string }
  | { readonly type: 'OrchestrationCancelRequested'; readonly reason: string }
  | {
      readonly type: 'ActivityScheduled';
      readonly name: string;
      readonly input: string;
      readonly sessionId?: string | undefined;
      readonly tag?: string | undefined;
    }
  | { readonly type: 'ActivityCompleted'; readonly result: string }
  | { readonly type: 'ActivityFailed'; readonly details: ErrorDetails }
  | { readonly type: 'ActivityCancelRequested'; readonly reason: string }
  | { readonly type: 'TimerCreated'; readonly fireAt: number }
  | { readonly type: 'TimerFired'; readonly fireAt: number }
  | { readonly type: 'ExternalSubscribed'; readonly name: string }
  | { readonly type: 'ExternalEvent'; readonly name: string; readonly data: string }
  | { readonly type: 'ExternalSubscribedCancelled'; readonly reason: string }
  | { readonly type: 'QueueSubscribed'; readonly name: string }
  | { readonly type: 'QueueEventDelivered'; readonly name: string; readonly data: string }
  | { readonly type: 'QueueSubscriptionCancelled'; readonly reason: string }
  | {
      readonly type: 'SubOrchestrationScheduled';
      readonly name: string;
      /** Full child instance id. */
      readonly instance: string;
      readonly input: string;
      /** Explicit version requested by the parent, if any. */
      readonly version?: string | undefined;
    }
  | { readonly type: 'SubOrchestrationCompleted'; readonly result: string }
  | { readonly type: 'SubOrchestrationFailed'; readonly details: ErrorDetails }
  | { readonly type: 'SubOrchestrationCancelRequested'; readonly reason: string }
  | {
      readonly type: 'OrchestrationChained';
      readonly name: string;
      readonly instance: string;
      readonly input: string;
      readonly version?: string | undefined;
    }
  | { readonly type: 'CustomStatusUpdated'; readonly status: string | null }
  | {
      readonly type: 'KeyValueSet';
      readonly key: string;
      readonly value: string;
      readonly lastUpdatedAt: number;
    }
  | { readonly type: 'KeyValueCleared'; readonly key: string }
  | { readonly type: 'KeyValuesCleared' };

export type HistoryEvent = EventEnvelope & EventKind;
type EventType = EventKind['type'];
export type EventOfType<T extends EventType> = EventEnvelope & Extract<EventKind, { type: T }>;

/** Every event type. Unknown types fail deserialization. */
const EVENT_TYPES: readonly EventType[] = [
  'OrchestrationStarted',
  'OrchestrationCompleted',
  'OrchestrationFailed',
  'OrchestrationContinuedAsNew',
  'OrchestrationCancelRequested',
  'ActivityScheduled',
  'ActivityCompleted',
  'ActivityFailed',
  'ActivityCancelRequested',
  'TimerCreated',
  'TimerFired',
  'ExternalSubscribed',
  'ExternalEvent',
  'ExternalSubscribedCancelled',
  'QueueSubscribed',
  'QueueEventDelivered',
  'QueueSubscriptionCancelled',
  'SubOrchestrationScheduled',
  'SubOrchestrationCompleted',
  'SubOrchestrationFailed',
  'SubOrchestrationCancelRequested',
  'OrchestrationChained',
  'CustomStatusUpdated',
  'KeyValueSet',
  'KeyValueCleared',
  'KeyValuesCleared',
];

const EVENT_TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);

/**
 * Events produced by a context call and matched positionally on replay.
 */
export function isScheduleEvent(e: HistoryEvent): boolean {
  switch (e.type) {
    case 'ActivityScheduled':
    case 'TimerCreated':
    case 'ExternalSubscribed':
    case 'QueueSubscribed':
    case 'SubOrchestrationScheduled':
    case 'OrchestrationChained':
    case 'CustomStatusUpdated':
    case 'KeyValueSet':
    case 'KeyValueCleared':
    case 'KeyValuesCleared':
      return true;
    default:
      return false;
  }
}

/**
 * Parses one stored event. Throws a plain `Error` naming the problem when the JSON is not an
 * event this engine knows, which providers report as `historyError`.
 */
export function parseHistoryEvent(text: string): HistoryEvent {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null) {
    throw new Error('history event is not a JSON object');
  }
  const record = value as Record<string, unknown>;
  if (typeof record['type'] !== 'string' || !EVENT_TYPE_SET.has(record['type'])) {
    throw new Error(`unknown history event type ${JSON.stringify(record['type'])}`);
  }
  if (typeof record['eventId'] !== 'number' || !Number.isInteger(record['eventId'])) {
    throw new Error('history event has no integer eventId');
  }
  return value as HistoryEvent;
}

/** One-line description of an event for error messages ("activity 'charge'"). */
export function describeEvent(e: HistoryEvent): string {
  switch (e.type) {
    case 'ActivityScheduled':
      return `activity '${e.name}'${e.tag !== undefined ? ` [tag ${e.tag}]` : ''}`;
    case 'TimerCreated':
      return 'timer';
    case 'ExternalSubscribed':
      return `wait for event '${e.name}'`;
    case 'QueueSubscribed':
      return `dequeue from '${e.name}'`;
    case 'SubOrchestrationScheduled':
      return `sub-orchestration '${e.name}'`;
    case 'OrchestrationChained':
      return `detached orchestration '${e.name}' (${e.instance})`;
    case 'CustomStatusUpdated':
      return 'custom status update';
    case 'KeyValueSet':
      return `set value '${e.key}'`;
    case 'KeyValueCleared':
      return `clear value '${e.key}'`;
    case 'KeyValuesCleared':
      return 'clear all values';
    default:
      return e.type;
  }
}
