/**
 * `Observability`: what the dispatchers call to record metrics and spans — one object per
 * runtime holding its {@link RuntimeInstruments} and, when `@opentelemetry/api` is installed,
 * its {@link ExecutionTracer} and the OpenTelemetry mirror of its metrics.
 * @module
 */
import type { Span } from '@opentelemetry/api';
import type {
  ExecutionTraceContext,
  HistoryEvent,
  TraceContext,
} from '../../core/history/history-event.js';
import type { WorkItem, WorkItemOfType } from '../../core/history/work-item.js';
import type { TurnResult } from '../../core/replay/turn-result.js';
import { ExecutionTracer, type ExecutionInfo } from './execution-tracer.js';
import { renderPrometheus } from './metric-registry.js';
import { loadOtelApi } from '../../client/otel-api.js';
import {
  errorType,
  RuntimeInstruments,
  type ActivityOutcome,
  type GaugeSources,
  type InitiatedBy,
  type LockKind,
} from './runtime-instruments.js';

/** How the execution a turn started was created (the start item it consumed). */
export interface TurnStart {
  readonly type: string;
  readonly parent?: unknown;
}

export class Observability {
  readonly instruments: RuntimeInstruments;
  #tracer: ExecutionTracer | undefined;
  #unbridge: (() => void) | undefined;

  constructor(gauges: GaugeSources) {
    this.instruments = new RuntimeInstruments(gauges);
  }

  /**
   * Connects to OpenTelemetry when the application has `@opentelemetry/api` installed; spans
   * only with `tracing` (the runtime option, default true).
   */
  async start(tracing = true): Promise<void> {
    const api = await loadOtelApi();
    if (api === undefined) return;
    if (tracing) this.#tracer = new ExecutionTracer(api);
    this.#unbridge = this.instruments.bridgeToOpenTelemetry(api);
  }

  stop(): void {
    this.#unbridge?.();
    this.#unbridge = undefined;
  }

  /** Spans are recorded (the OpenTelemetry API is installed). */
  get tracer(): ExecutionTracer | undefined {
    return this.#tracer;
  }

  /** Every metric in the Prometheus text format (reads the store's queue depths). */
  async prometheusText(): Promise<string> {
    return renderPrometheus(this.instruments.families, await this.instruments.readGauges());
  }

  /** Starts measuring a turn of `execution` (the replay engine). */
  turn(execution: ExecutionInfo): TurnObservation {
    return new TurnObservation(this.instruments, this.#tracer, execution, undefined);
  }

  /**
   * Starts measuring the turn that resumes a Failed execution (`client.resumeInstance`): its
   * span is `resume <name>`, child of the caller's span (or of the execution span), and it
   * starts the resumed attempt's execution span (see {@link TurnObservation.traceContext}).
   */
  resumeTurn(execution: ExecutionInfo, caller: TraceContext | undefined): TurnObservation {
    return new TurnObservation(this.instruments, this.#tracer, execution, { caller });
  }

  /** Starts measuring one activity attempt. */
  activity(item: WorkItemOfType<'ActivityExecute'>, attemptCount: number): ActivityObservation {
    return new ActivityObservation(this.instruments, this.#tracer, item, attemptCount);
  }

  /**
   * Ends the span of an execution that failed as poison, with ERROR status: no turn ran to end
   * it. A start poisoned before its first turn gets a span started and ended here.
   */
  executionPoisoned(p: {
    readonly instanceId: string;
    readonly executionId: number;
    /** The cached engine of the execution, when there was one. */
    readonly engine: ExecutionInfo | undefined;
    readonly history: readonly HistoryEvent[];
    readonly start: { readonly traceContext?: TraceContext | undefined } | undefined;
    /** What the poison ack recorded for an execution it started. */
    readonly started: {
      readonly orchestrationName?: string | undefined;
      readonly orchestrationVersion?: string | undefined;
    };
    readonly message: string;
  }): void {
    const tracer = this.#tracer;
    if (tracer === undefined) return;
    const { instanceId, executionId } = p;
    let execution = p.engine;
    const first = p.history[0];
    if (execution === undefined && first?.type === 'OrchestrationStarted') {
      execution = {
        instanceId,
        executionId,
        orchestrationName: first.name,
        orchestrationVersion: first.version,
        traceContext: first.traceContext,
        startedAt: first.timestampMs,
      };
    }
    const name = p.started.orchestrationName;
    if (execution === undefined && p.start !== undefined && name !== undefined) {
      const e = {
        instanceId,
        executionId,
        orchestrationName: name,
        orchestrationVersion: p.started.orchestrationVersion ?? 'unknown',
      };
      execution = {
        ...e,
        traceContext: tracer.startExecution(e, p.start.traceContext),
        startedAt: Date.now(),
      };
    }
    if (execution !== undefined) tracer.endExecution(execution, 'failed', p.message);
  }

  lockRenewed(kind: LockKind): void {
    this.instruments.lockRenewals.inc([kind]);
  }

  lockLost(kind: LockKind): void {
    this.instruments.lockLosses.inc([kind]);
  }
}

export class TurnObservation {
  readonly #instruments: RuntimeInstruments;
  readonly #tracer: ExecutionTracer | undefined;
  readonly #execution: ExecutionInfo;
  readonly #startedAt = performance.now();
  readonly #span: Span | undefined;
  /** A resume turn that recorded no fresh execution context (no SDK): it ends no execution span. */
  readonly #resumedWithoutContext: boolean;
  /** The resumed attempt's fresh execution context, to record in the reopen. */
  readonly #fresh: ExecutionTraceContext | undefined;
  #ended = false;

  constructor(
    instruments: RuntimeInstruments,
    tracer: ExecutionTracer | undefined,
    execution: ExecutionInfo,
    resume: { readonly caller: TraceContext | undefined } | undefined,
  ) {
    this.#instruments = instruments;
    this.#tracer = tracer;
    if (resume === undefined) {
      this.#execution = execution;
      this.#span = tracer?.startTurn(execution);
      this.#resumedWithoutContext = false;
      return;
    }
    this.#span = tracer?.startResume(execution, resume.caller);
    this.#fresh = tracer?.resumeExecution(execution, this.#span, resume.caller);
    this.#execution =
      this.#fresh === undefined ? execution : { ...execution, traceContext: this.#fresh };
    this.#resumedWithoutContext = this.#fresh === undefined;
  }

  /**
   * For a resume: the resumed attempt's execution context, recorded in place of the failed
   * attempt's (`OrchestrationAck.reopen.traceContext`) so its span is emitted once, by
   * whichever node ends the execution; undefined when spans are not recorded.
   */
  get traceContext(): ExecutionTraceContext | undefined {
    return this.#fresh;
  }

  /** The turn's work items carrying the trace context they continue. */
  stamp<T extends readonly WorkItem[]>(items: T): T | WorkItem[] {
    if (
      this.#tracer === undefined ||
      this.#execution.traceContext === undefined ||
      items.length === 0
    )
      return items;
    return this.#tracer.stamp(items, this.#span, this.#execution.traceContext);
  }

  /** The turn was committed: counts it and ends its span (and the execution's, when it ended). */
  committed(result: TurnResult, start: TurnStart | undefined): void {
    if (this.#ended) return;
    this.#ended = true;
    const m = this.#instruments;
    const e = this.#execution;
    const labels = [e.orchestrationName, e.orchestrationVersion];
    m.turnDuration.observe(labels, (performance.now() - this.#startedAt) / 1000);
    if (result.started !== undefined && start !== undefined) {
      const by: InitiatedBy =
        start.type === 'ContinueAsNew'
          ? 'continueAsNew'
          : start.parent === undefined
            ? 'client'
            : 'suborchestration';
      m.orchestrationStarts.inc([...labels, by]);
    }
    for (const event of result.historyDelta)
      if (event.type === 'SubOrchestrationScheduled') m.suborchestrationCalls.inc(labels);
    let failure: string | undefined;
    switch (result.status) {
      case 'Running':
        break;
      case 'Completed':
        m.orchestrationCompletions.inc([...labels, 'success']);
        break;
      case 'ContinuedAsNew':
        m.orchestrationCompletions.inc([...labels, 'continuedAsNew']);
        m.continueAsNew.inc(labels);
        break;
      case 'Failed':
        failure = result.error?.message ?? result.output ?? 'failed';
        m.orchestrationCompletions.inc([...labels, 'failed']);
        m.orchestrationFailures.inc([...labels, errorType(result.error?.category)]);
        if (result.error?.kind === 'Nondeterminism') m.nondeterminism.inc(labels);
        break;
    }
    this.#tracer?.endTurn(this.#span);
    // A resume without a fresh context would end the failed attempt's span a second time.
    if (result.status !== 'Running' && !this.#resumedWithoutContext)
      this.#tracer?.endExecution(e, statusLabel(result.status), failure);
  }

  /** The turn was not committed (it failed, or its commit did): its span ends failed. */
  failed(error: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#fresh !== undefined) this.#tracer?.discardExecution(this.#execution);
    this.#tracer?.endTurn(
      this.#span,
      error instanceof Error ? error : typeof error === 'string' ? error : 'turn not committed',
    );
  }
}

function statusLabel(status: TurnResult['status']): string {
  return status === 'Completed' ? 'success' : status === 'Failed' ? 'failed' : 'continuedAsNew';
}

export class ActivityObservation {
  readonly #instruments: RuntimeInstruments;
  readonly #tracer: ExecutionTracer | undefined;
  readonly #item: WorkItemOfType<'ActivityExecute'>;
  readonly #startedAt = performance.now();
  readonly #trace: ReturnType<ExecutionTracer['startActivity']>;

  constructor(
    instruments: RuntimeInstruments,
    tracer: ExecutionTracer | undefined,
    item: WorkItemOfType<'ActivityExecute'>,
    attemptCount: number,
  ) {
    this.#instruments = instruments;
    this.#tracer = tracer;
    this.#item = item;
    if (attemptCount > 1) instruments.activityRedeliveries.inc([item.name]);
    this.#trace = tracer?.startActivity(item, attemptCount);
  }

  /** Runs the handler with the activity span active. */
  run<T>(fn: () => T): T {
    const t = this.#trace;
    return t === undefined || this.#tracer === undefined ? fn() : this.#tracer.runIn(t.context, fn);
  }

  /** Counts the attempt and ends its span. */
  finish(outcome: ActivityOutcome, error?: string): void {
    const m = this.#instruments;
    const labels = [this.#item.name, outcome];
    m.activityExecutions.inc(labels);
    m.activityDuration.observe(labels, (performance.now() - this.#startedAt) / 1000);
    const span = this.#trace?.span;
    if (span !== undefined) this.#tracer?.endActivity(span, outcome, error);
  }
}
