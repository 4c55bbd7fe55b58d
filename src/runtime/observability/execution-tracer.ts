/**
 * `ExecutionTracer`: OpenTelemetry spans for orchestration executions, turns and activity
 * attempts (docs/observability.md, docs/decisions/0009-observability.md).
 *
 * - The execution span starts with the execution's first turn; its W3C context is recorded in
 *   the `OrchestrationStarted` event, so every later turn — on any node, after any restart or
 *   replay — is its child, and it ends with the turn that completes, fails or continues the
 *   execution as new. When that turn runs on another node (or after a restart) the span object
 *   is gone; the finishing node then emits it again with the recorded ids and start time.
 * - A resumed execution (`client.resumeInstance`) gets a new span per attempt: the resume
 *   records its context in place of the failed attempt's (linked to it), so the failed
 *   attempt's span, emitted when it failed, is never emitted again, on any node.
 * - A turn span per turn actually run (a replay inside a turn is part of that turn, never a
 *   span of its own, so nothing is emitted twice).
 * - An activity span per attempt, child of the turn that scheduled it (its work item carries the
 *   context), active while the handler runs so the handler's own spans nest under it.
 * - Sub-orchestration starts carry the parent turn's context; continue-as-new carries the
 *   execution's, so an instance stays one trace.
 * - An execution the sampler left out costs no span beyond its first: its turns and activity
 *   attempts create none, and its work items carry the execution's unsampled context instead
 *   (so the handlers' own spans stay out of the trace too). Parent contexts are parsed once per
 *   recorded context object and turn attributes built once per execution (docs/performance.md,
 *   "Observability overhead").
 * @module
 */
import type { Attributes, Context, Span, SpanContext, Tracer } from '@opentelemetry/api';
import type { ExecutionTraceContext, TraceContext } from '../../core/history/history-event.js';
import type { WorkItem } from '../../core/history/work-item.js';
import { DUROXIDE_VERSION } from '../../core/version.js';
import type { OtelApi } from '../../client/otel-api.js';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
/** Execution spans kept open in memory; beyond it the oldest is dropped (and re-emitted at its end). */
const MAX_LIVE_EXECUTIONS = 10_000;

/** What a span needs to know about the execution it belongs to. */
export interface ExecutionInfo {
  readonly instanceId: string;
  readonly executionId: number;
  readonly orchestrationName: string;
  readonly orchestrationVersion: string;
  readonly traceContext: ExecutionTraceContext | undefined;
  readonly startedAt: number;
}

function formatTraceparent(sc: SpanContext): string {
  return `00-${sc.traceId}-${sc.spanId}-${sc.traceFlags.toString(16).padStart(2, '0')}`;
}

interface Parsed {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
}

/** The sampled flag of a recorded traceparent (its last two hex digits). */
function isSampled(tc: TraceContext): boolean {
  const c = tc.traceparent.charCodeAt(tc.traceparent.length - 1); // '0'-'9' or 'a'-'f'
  return ((c <= 57 ? c - 48 : c - 87) & 1) === 1;
}

function parse(traceparent: string): Parsed | undefined {
  const m = TRACEPARENT.exec(traceparent);
  if (m === null) return undefined;
  return { traceId: m[1]!, spanId: m[2]!, traceFlags: parseInt(m[3]!, 16) };
}

export class ExecutionTracer {
  readonly #api: OtelApi;
  readonly #tracer: Tracer;
  readonly #live = new Map<string, Span>();
  /**
   * Parent contexts by the recorded trace context object: the turns of a cached execution share
   * one (its `OrchestrationStarted` event's), and the activities a turn stamps share its, so
   * each is parsed once.
   */
  readonly #contexts = new WeakMap<TraceContext, Context>();
  /**
   * What an unsampled execution's work items carry, by its recorded context object: one object
   * per execution, so an activity run here finds its parsed context.
   */
  readonly #unsampledChild = new WeakMap<ExecutionTraceContext, TraceContext>();
  /** Turn span attributes by the execution's recorded context object (one per execution). */
  readonly #turnAttributes = new WeakMap<ExecutionTraceContext, Attributes>();

  constructor(api: OtelApi) {
    this.#api = api;
    this.#tracer = api.trace.getTracer('duroxide-ts', DUROXIDE_VERSION);
  }

  /** A context whose active span is the remote span `tc` names (ROOT for none or a bad one). */
  contextOf(tc: TraceContext | undefined): Context {
    const { ROOT_CONTEXT, trace, createTraceState } = this.#api;
    if (tc === undefined) return ROOT_CONTEXT;
    const known = this.#contexts.get(tc);
    if (known !== undefined) return known;
    const parsed = parse(tc.traceparent);
    if (parsed === undefined) return ROOT_CONTEXT;
    const context = trace.setSpanContext(ROOT_CONTEXT, {
      ...parsed,
      isRemote: true,
      ...(tc.tracestate === undefined ? {} : { traceState: createTraceState(tc.tracestate) }),
    });
    this.#contexts.set(tc, context);
    return context;
  }

  #attributes(e: Omit<ExecutionInfo, 'traceContext' | 'startedAt'>): Attributes {
    return {
      'orchestration.name': e.orchestrationName,
      'orchestration.version': e.orchestrationVersion,
      'duroxide.instance_id': e.instanceId,
      'duroxide.execution_id': e.executionId,
    };
  }

  /**
   * Starts the span of a new execution (before its first turn) and returns the context to
   * record in its `OrchestrationStarted` event, or undefined when there is no trace to continue
   * (no SDK registered and no incoming context).
   */
  startExecution(
    e: Omit<ExecutionInfo, 'traceContext' | 'startedAt'>,
    from: TraceContext | undefined,
  ): ExecutionTraceContext | undefined {
    const parent = this.contextOf(from);
    const span = this.#tracer.startSpan(
      `orchestration ${e.orchestrationName}`,
      { attributes: this.#attributes(e) },
      parent,
    );
    return this.#record(e, span, parent, {});
  }

  /**
   * Starts the span of a Failed execution's resumed attempt (`client.resumeInstance`): a new
   * span, child of the resume turn's span (else of the caller's, else of the failed attempt's),
   * linked to the failed attempt's span. Returns the context the resume records in place of the
   * failed attempt's, so whichever node ends the execution emits this span, once; undefined
   * when there is no span to record (no SDK registered).
   */
  resumeExecution(
    e: ExecutionInfo,
    resume: Span | undefined,
    caller: TraceContext | undefined,
  ): ExecutionTraceContext | undefined {
    const { trace, ROOT_CONTEXT } = this.#api;
    const tc = e.traceContext;
    const failed = tc === undefined ? undefined : trace.getSpanContext(this.contextOf(tc));
    const parent =
      resume === undefined ? this.contextOf(caller ?? tc) : trace.setSpan(ROOT_CONTEXT, resume);
    const resumedAtMs = Date.now();
    const span = this.#tracer.startSpan(
      `orchestration ${e.orchestrationName}`,
      {
        attributes: this.#attributes(e),
        startTime: resumedAtMs,
        ...(failed === undefined ? {} : { links: [{ context: failed }] }),
      },
      parent,
    );
    // Without an SDK the "span" is the parent's context: nothing new to record.
    if (span.spanContext().spanId === failed?.spanId) return undefined;
    return this.#record(e, span, parent, {
      ...(tc === undefined ? {} : { resumedFrom: tc.traceparent }),
      resumedAtMs,
    });
  }

  /** Forgets the span of a resumed attempt whose resume was not committed (never emitted). */
  discardExecution(e: ExecutionInfo): void {
    this.#live.delete(`${e.instanceId}|${e.executionId}`);
  }

  #record(
    e: Omit<ExecutionInfo, 'traceContext' | 'startedAt'>,
    span: Span,
    parent: Context,
    resumed: Pick<ExecutionTraceContext, 'resumedFrom' | 'resumedAtMs'>,
  ): ExecutionTraceContext | undefined {
    const sc = span.spanContext();
    if (!this.#api.isSpanContextValid(sc)) return undefined;
    if (span.isRecording()) {
      const key = `${e.instanceId}|${e.executionId}`;
      this.#live.delete(key);
      this.#live.set(key, span);
      if (this.#live.size > MAX_LIVE_EXECUTIONS) {
        const oldest = this.#live.keys().next().value as string;
        this.#live.delete(oldest);
      }
    }
    const parentSpanId = this.#api.trace.getSpanContext(parent)?.spanId;
    const tracestate = sc.traceState?.serialize();
    return {
      traceparent: formatTraceparent(sc),
      ...(tracestate === undefined || tracestate === '' ? {} : { tracestate }),
      ...(parentSpanId === undefined || parentSpanId === sc.spanId ? {} : { parentSpanId }),
      ...resumed,
    };
  }

  /**
   * Starts the span of one turn, child of the execution span; none when the execution is not
   * traced or was not sampled.
   */
  startTurn(e: ExecutionInfo): Span | undefined {
    const tc = e.traceContext;
    if (tc === undefined || !isSampled(tc)) return undefined;
    let attributes = this.#turnAttributes.get(tc);
    if (attributes === undefined) {
      attributes = this.#attributes(e);
      this.#turnAttributes.set(tc, attributes);
    }
    return this.#tracer.startSpan(
      `turn ${e.orchestrationName}`,
      { attributes },
      this.contextOf(tc),
    );
  }

  /**
   * Starts the span of the turn that resumes a Failed execution: a child of the caller's span
   * (linked to the execution span) or, without a caller, of the execution span.
   */
  startResume(e: ExecutionInfo, caller: TraceContext | undefined): Span | undefined {
    const tc = e.traceContext;
    if (caller === undefined && (tc === undefined || !isSampled(tc))) return undefined;
    const execution =
      tc === undefined ? undefined : this.#api.trace.getSpanContext(this.contextOf(tc));
    return this.#tracer.startSpan(
      `resume ${e.orchestrationName}`,
      {
        attributes: this.#attributes(e),
        ...(caller === undefined || execution === undefined
          ? {}
          : { links: [{ context: execution }] }),
      },
      this.contextOf(caller ?? tc),
    );
  }

  /**
   * The turn's work items with the trace context they continue: activities and
   * sub-orchestrations the turn span's (the execution's when the turn has no span: an
   * unsampled execution), continue-as-new the execution span's.
   */
  stamp(
    items: readonly WorkItem[],
    turn: Span | undefined,
    execution: ExecutionTraceContext | undefined,
  ): WorkItem[] {
    if (turn === undefined && execution === undefined) return [...items];
    let fromTurn: TraceContext | undefined;
    return items.map((item) => {
      if (item.type === 'ActivityExecute' || item.type === 'StartOrchestration')
        return {
          ...item,
          traceContext: (fromTurn ??=
            turn === undefined
              ? this.#childOf(execution!)
              : { traceparent: formatTraceparent(turn.spanContext()) }),
        };
      if (item.type === 'ContinueAsNew' && execution !== undefined)
        return {
          ...item,
          traceContext: {
            traceparent: execution.traceparent,
            ...(execution.tracestate === undefined ? {} : { tracestate: execution.tracestate }),
          },
        };
      return item;
    });
  }

  #childOf(execution: ExecutionTraceContext): TraceContext {
    let child = this.#unsampledChild.get(execution);
    if (child === undefined) {
      child = { traceparent: execution.traceparent };
      this.#unsampledChild.set(execution, child);
    }
    return child;
  }

  /** Ends a turn span; `error` marks it failed (the turn was not committed). */
  endTurn(span: Span | undefined, error?: string | Error): void {
    if (span === undefined) return;
    if (error !== undefined) {
      const message = error instanceof Error ? error.message : error;
      span.setStatus({ code: this.#api.SpanStatusCode.ERROR, message });
    }
    span.end();
  }

  /**
   * Ends the execution span: the one started here, or — when the execution started on another
   * node or before a restart — a span emitted now with the recorded ids and start time.
   */
  endExecution(e: ExecutionInfo, status: string, failure?: string): void {
    if (e.traceContext === undefined) return;
    const key = `${e.instanceId}|${e.executionId}`;
    let span = this.#live.get(key);
    this.#live.delete(key);
    if (span === undefined) span = this.#recreate(e, e.traceContext);
    if (span === undefined) return;
    span.setAttribute('duroxide.status', status);
    if (failure !== undefined)
      span.setStatus({ code: this.#api.SpanStatusCode.ERROR, message: failure });
    span.end();
  }

  #recreate(e: ExecutionInfo, tc: ExecutionTraceContext): Span | undefined {
    const own = parse(tc.traceparent);
    if (own === undefined || (own.traceFlags & 1) === 0) return undefined;
    const parent =
      tc.parentSpanId === undefined
        ? this.#api.ROOT_CONTEXT
        : this.contextOf({
            traceparent: `00-${own.traceId}-${tc.parentSpanId}-${tc.traceparent.slice(-2)}`,
            tracestate: tc.tracestate,
          });
    const failed = tc.resumedFrom === undefined ? undefined : parse(tc.resumedFrom);
    const span = this.#tracer.startSpan(
      `orchestration ${e.orchestrationName}`,
      {
        attributes: this.#attributes(e),
        startTime: tc.resumedAtMs ?? e.startedAt,
        ...(failed === undefined ? {} : { links: [{ context: { ...failed, isRemote: true } }] }),
      },
      parent,
    );
    adoptIds(span, own);
    return span;
  }

  /**
   * Starts the span of one activity attempt, child of the turn that scheduled it; returns it
   * with the context to run the handler in. An attempt of an unsampled execution gets no span,
   * only its parent's context (so the handler's own spans are left out as well).
   */
  startActivity(
    item: WorkItem & { readonly type: 'ActivityExecute' },
    attempt: number,
  ): { readonly span: Span | undefined; readonly context: Context } | undefined {
    if (item.traceContext === undefined) return undefined;
    const parent = this.contextOf(item.traceContext);
    if (!isSampled(item.traceContext)) return { span: undefined, context: parent };
    const attributes: Record<string, string | number> = {
      'activity.name': item.name,
      'duroxide.instance_id': item.instance,
      'duroxide.execution_id': item.executionId,
      'duroxide.activity_id': item.id,
      'duroxide.attempt': attempt,
    };
    if (item.orchestrationName !== undefined)
      attributes['orchestration.name'] = item.orchestrationName;
    if (item.orchestrationVersion !== undefined)
      attributes['orchestration.version'] = item.orchestrationVersion;
    const span = this.#tracer.startSpan(`activity ${item.name}`, { attributes }, parent);
    return { span, context: this.#api.trace.setSpan(parent, span) };
  }

  /** Ends an activity span with its outcome. */
  endActivity(span: Span, outcome: string, error?: string): void {
    span.setAttribute('duroxide.outcome', outcome);
    if (error !== undefined)
      span.setStatus({ code: this.#api.SpanStatusCode.ERROR, message: error });
    span.end();
  }

  /** Runs `fn` with `context` active (the handler's own spans become children). */
  runIn<T>(context: Context, fn: () => T): T {
    return this.#api.context.with(context, fn);
  }
}

/**
 * Gives a span emitted again (see {@link ExecutionTracer.endExecution}) the ids its children
 * already point to. The API cannot choose span ids, so this sets the recorded ids on the SDK's
 * span object before it ends, as other durable-execution tracers do; an SDK whose spans keep
 * their context elsewhere keeps its own ids (the span is then marked `duroxide.span.reissued`).
 */
function adoptIds(span: Span, ids: Parsed): void {
  const holder = span as unknown as { _spanContext?: SpanContext };
  const current = holder._spanContext;
  if (current !== undefined && typeof current === 'object' && span.isRecording()) {
    holder._spanContext = { ...current, traceId: ids.traceId, spanId: ids.spanId };
    if (span.spanContext().spanId === ids.spanId) return;
  }
  span.setAttribute('duroxide.span.reissued', true);
}
