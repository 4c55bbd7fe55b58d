/**
 * `ExecutionStart`: how a new execution starts, and how the engine finds (or, for a new
 * execution, appends) the execution's `OrchestrationStarted` event.
 * @module
 */
import type { EventOfType, ExecutionTraceContext, ParentLink } from '../history/history-event.js';
import type { ExecutionHistory } from './execution-history.js';

/** How a new execution starts: from a start item or a continue-as-new item. */
export interface ExecutionStart {
  readonly name: string;
  readonly version: string;
  readonly input: string;
  readonly parent?: ParentLink | undefined;
  readonly carryForwardEvents?: ReadonlyArray<readonly [string, string]> | undefined;
  readonly initialCustomStatus?: string | undefined;
  /** The execution's span, decided by the runtime before the first turn (tracing on). */
  readonly traceContext?: ExecutionTraceContext | undefined;
}

/** The execution's `OrchestrationStarted` event; `corruption` says why history is unusable. */
export interface StartedEvent {
  readonly started: EventOfType<'OrchestrationStarted'>;
  readonly corruption?: string | undefined;
}

/**
 * The first event held, or — for an empty history — one appended from `start`. A history that
 * begins with anything else is corrupted: a stand-in event is returned with the reason, so the
 * first turn fails with a clear message.
 */
export function openStartedEvent(
  history: ExecutionHistory,
  start: ExecutionStart | undefined,
  instanceId: string,
  executionId: number,
  duroxideVersion: string,
): StartedEvent {
  const first = history.at(0);
  if (first === undefined) {
    if (start === undefined) {
      throw new TypeError('ReplayEngine: an empty history needs `start`');
    }
    const started = history.append({
      type: 'OrchestrationStarted',
      name: start.name,
      version: start.version,
      input: start.input,
      parent: start.parent,
      carryForwardEvents:
        start.carryForwardEvents !== undefined && start.carryForwardEvents.length > 0
          ? start.carryForwardEvents
          : undefined,
      initialCustomStatus: start.initialCustomStatus,
      ...(start.traceContext === undefined ? {} : { traceContext: start.traceContext }),
    }) as EventOfType<'OrchestrationStarted'>;
    return { started };
  }
  if (first.type === 'OrchestrationStarted') return { started: first };
  return {
    started: {
      type: 'OrchestrationStarted',
      eventId: 0,
      instanceId,
      executionId,
      timestampMs: 0,
      duroxideVersion,
      name: 'unknown',
      version: '0.0.0',
      input: 'null',
    },
    corruption: `corrupted history of instance '${instanceId}' execution ${executionId}: first event must be OrchestrationStarted, found ${first.type}`,
  };
}
