/**
 * What to do with a locked orchestration batch, decided without I/O: a pure function of the
 * fetched item (history, messages, format), whether a cached engine holds the execution, and
 * the attempt count. The dispatcher carries the decision out (see orchestration-dispatcher.ts);
 * test/runtime/dispatchers/batch-resolution.test.ts covers every branch on plain objects.
 *
 * Two steps, because the version of a new execution may have to be decided by the fleet (an
 * async read) between them: {@link resolveBatch} picks the execution the batch belongs to,
 * {@link resolveCode} then decides whether this node can run its code.
 * @module
 */
import type { HistoryEvent } from '../../core/history/history-event.js';
import type { WorkItem, WorkItemOfType } from '../../core/history/work-item.js';
import type { OrchestrationItem } from '../../providers/provider.js';
import { unregisteredDelayMs } from '../options.js';
import type { OperatorRequest } from './operator-requests.js';

/** A start message: what a new execution is created from. */
export type StartItem = WorkItemOfType<'StartOrchestration'> | WorkItemOfType<'ContinueAsNew'>;
type ResumeRequest = WorkItemOfType<'ResumeOrchestration'>;
type RestartRequest = WorkItemOfType<'RestartOrchestration'>;

/** Retry and backoff limits of this node. */
export interface ResolutionLimits {
  readonly maxAttempts: number;
  /** Newest history format this node replays. */
  readonly historyFormat: number;
  readonly unregisteredBackoff: { readonly baseMs: number; readonly maxMs: number };
}

export interface BatchInput {
  readonly item: OrchestrationItem;
  /** The current execution's history: the item's, or re-read when the hinted cache entry was gone. */
  readonly history: readonly HistoryEvent[];
  /** The code of the suspended engine the cache holds for the current execution, if any. */
  readonly cached: { readonly name: string; readonly version: string } | undefined;
  readonly attemptCount: number;
  readonly limits: ResolutionLimits;
}

/** The batch's messages, sorted by what the resolution does with them. */
export interface SortedMessages {
  /** Everything but operator requests, in queue order: what a turn delivers. */
  readonly messages: readonly WorkItem[];
  /** Starts (`StartOrchestration`, `ContinueAsNew`) among {@link messages}. */
  readonly starts: readonly StartItem[];
  /** Operator requests (resume, restart), in queue order. */
  readonly requests: readonly OperatorRequest[];
}

/** A turn on a new execution: a start, a continue-as-new, or an operator's restart. */
export interface NewExecution extends SortedMessages {
  readonly kind: 'newExecution';
  readonly cause: 'start' | 'continueAsNew' | 'restart';
  readonly executionId: number;
  readonly start: StartItem;
  /** The restart request this execution applies (the others are refused). */
  readonly restart?: RestartRequest | undefined;
}

/** A turn on the current execution, replayed from its history or resumed from the cached engine. */
export interface ExistingExecution extends SortedMessages {
  readonly kind: 'existingExecution';
  readonly executionId: number;
  readonly history: readonly HistoryEvent[];
  /** True when the cached engine runs the turn (no replay). */
  readonly cached: boolean;
}

export type BatchResolution =
  /** Stored history does not parse and attempts are left: hand the batch back, retry later. */
  | { readonly kind: 'retryUnreadable'; readonly error: string }
  /** Stored history does not parse, attempts exhausted: fail the execution. */
  | { readonly kind: 'poison'; readonly reason: string }
  /** Recorded in a history format this node cannot replay: leave it to newer nodes. */
  | { readonly kind: 'deferFormat'; readonly historyFormat: number; readonly delayMs: number }
  /** An operator's resume of the Failed current execution. */
  | ({
      readonly kind: 'resume';
      readonly request: ResumeRequest;
      readonly history: readonly HistoryEvent[];
    } & SortedMessages)
  /** Consume the messages without a turn; `refuse` are the operator requests to answer. */
  | {
      readonly kind: 'discard';
      readonly why: string;
      readonly executionId: number;
      readonly starts: readonly StartItem[];
      readonly refuse: readonly OperatorRequest[];
    }
  | NewExecution
  | ExistingExecution;

const isRequest = (m: WorkItem): m is OperatorRequest =>
  m.type === 'ResumeOrchestration' || m.type === 'RestartOrchestration';
const isStart = (m: WorkItem): m is StartItem =>
  m.type === 'StartOrchestration' || m.type === 'ContinueAsNew';

/** Splits the batch into operator requests, the rest, and the starts among the rest. */
export function sortMessages(all: readonly WorkItem[]): SortedMessages {
  const requests = all.filter(isRequest);
  const messages = requests.length === 0 ? all : all.filter((m) => !isRequest(m));
  return { messages, starts: messages.filter(isStart), requests };
}

/** Which execution the batch belongs to, or why it runs no turn here. */
export function resolveBatch(input: BatchInput): BatchResolution {
  const { item, history, cached, attemptCount, limits } = input;
  if (item.historyError !== undefined) {
    return attemptCount > limits.maxAttempts
      ? { kind: 'poison', reason: `history could not be read: ${item.historyError}` }
      : { kind: 'retryUnreadable', error: item.historyError };
  }
  const format = item.historyFormat ?? 1;
  if (format > limits.historyFormat) {
    // A guard for providers that ignore maxHistoryFormat: never replay a newer format.
    return {
      kind: 'deferFormat',
      historyFormat: format,
      delayMs: unregisteredDelayMs(attemptCount, limits.unregisteredBackoff),
    };
  }
  const sorted = sortMessages(item.messages);
  const { starts, requests } = sorted;
  const executionId = item.executionId;
  if (cached !== undefined)
    return { kind: 'existingExecution', executionId, history, cached: true, ...sorted };

  const last = history[history.length - 1];
  if (last === undefined) {
    const start = starts.find((m) => m.type === 'StartOrchestration') ?? starts[0];
    if (start === undefined) {
      return {
        kind: 'discard',
        why: 'no start message for an instance that has not started',
        executionId,
        starts,
        refuse: [],
      };
    }
    return {
      kind: 'newExecution',
      cause: start.type === 'ContinueAsNew' ? 'continueAsNew' : 'start',
      executionId,
      start,
      ...sorted,
    };
  }
  if (last.type === 'OrchestrationCompleted' || last.type === 'OrchestrationFailed') {
    const resume = requests.find(
      (r): r is ResumeRequest => r.type === 'ResumeOrchestration' && r.executionId === executionId,
    );
    if (resume !== undefined && last.type === 'OrchestrationFailed')
      return { kind: 'resume', request: resume, history, ...sorted };
    const restart = requests.find((r): r is RestartRequest => r.type === 'RestartOrchestration');
    if (restart === undefined)
      return {
        kind: 'discard',
        why: 'instance already finished',
        executionId,
        starts,
        refuse: requests,
      };
    const start: StartItem = {
      type: 'StartOrchestration',
      instance: item.instanceId,
      orchestration: restart.orchestration,
      input: restart.input,
      version: restart.version,
      ...(restart.traceContext === undefined ? {} : { traceContext: restart.traceContext }),
    };
    return {
      kind: 'newExecution',
      cause: 'restart',
      executionId: executionId + 1,
      start,
      restart,
      ...sorted,
    };
  }
  if (last.type === 'OrchestrationContinuedAsNew') {
    const start = starts.find((m) => m.type === 'ContinueAsNew');
    if (start === undefined)
      return {
        kind: 'discard',
        why: 'execution continued as new',
        executionId,
        starts,
        refuse: [],
      };
    return {
      kind: 'newExecution',
      cause: 'continueAsNew',
      executionId: executionId + 1,
      start,
      ...sorted,
    };
  }
  return { kind: 'existingExecution', executionId, history, cached: false, ...sorted };
}

/** The code a turn needs: requested by the start of a new execution, recorded for an existing one. */
export interface ExecutionCode {
  readonly name: string;
  /** Undefined for a new execution whose start names none (the fleet policy decides it). */
  readonly version: string | undefined;
}

/**
 * The code of the execution. An existing execution ALWAYS replays with the version recorded in
 * its `OrchestrationStarted`; the cached engine knows it, else the history, else
 * the instance row.
 */
export function executionCode(
  target: NewExecution | ExistingExecution,
  input: Pick<BatchInput, 'item' | 'cached'>,
): ExecutionCode {
  if (target.kind === 'newExecution')
    return { name: target.start.orchestration, version: target.start.version };
  if (input.cached !== undefined) return input.cached;
  const first = target.history[0];
  if (first?.type === 'OrchestrationStarted') return { name: first.name, version: first.version };
  return {
    name: input.item.orchestrationName ?? 'unknown',
    version: input.item.orchestrationVersion,
  };
}

export interface CodeInput<H> {
  readonly code: ExecutionCode;
  /** This node's handler for `code`; undefined when it registers none (or the version is unknown). */
  readonly handler: H | undefined;
  readonly attemptCount: number;
  readonly limits: ResolutionLimits;
}

export type CodeResolution<H> =
  /** This node lacks the code and attempts are exhausted, or a registered turn keeps failing. */
  | { readonly kind: 'poison'; readonly reason: string | undefined }
  /** This node lacks the code: leave the batch to other nodes for `delayMs` (the attempt counts). */
  | {
      readonly kind: 'deferCode';
      readonly what: string;
      readonly delayMs: number;
      readonly attemptsLeft: number;
    }
  | { readonly kind: 'run'; readonly handler: H };

/** Whether this node runs the turn, and with which handler. */
export function resolveCode<H>(input: CodeInput<H>): CodeResolution<H> {
  const { code, handler, attemptCount, limits } = input;
  if (handler === undefined) {
    const what =
      code.version === undefined
        ? `'${code.name}' (no version registered here)`
        : `'${code.name}'@${code.version}`;
    if (attemptCount > limits.maxAttempts) {
      return {
        kind: 'poison',
        reason: `orchestration ${what} is not registered on the runtimes that tried it; register it (or deploy a runtime that has it)`,
      };
    }
    return {
      kind: 'deferCode',
      what,
      delayMs: unregisteredDelayMs(attemptCount, limits.unregisteredBackoff),
      attemptsLeft: limits.maxAttempts - attemptCount + 1,
    };
  }
  if (attemptCount > limits.maxAttempts) return { kind: 'poison', reason: undefined };
  return { kind: 'run', handler };
}
