/**
 * Read models returned by the `Client`.
 * @module
 */
import type { ExecutionStatus, PoisonedItemRecord } from '../providers/provider.js';

export type { ExecutionStatus, PoisonedItemRecord };

/**
 * Status of an instance as `getStatus` reports it (duroxide-node shape, plus `Pending`):
 * - `Pending`: the start is accepted (queued) but no runtime has run its first turn yet — e.g.
 *   no runtime is started, or none registers the orchestration (docs/decisions/0015-pending-status.md);
 * - `Running`: it has run at least one turn and has not finished (between two executions of
 *   continue-as-new too);
 * - `Completed` / `Failed`: its current execution ended;
 * - `NotFound`: no instance and no queued start with this id.
 */
export interface OrchestrationStatus<T = unknown> {
  readonly status: 'Pending' | 'Running' | 'Completed' | 'Failed' | 'NotFound';
  /** The orchestration's output (Completed). */
  readonly output?: T;
  /** The failure's display message (Failed). */
  readonly error?: string;
  readonly customStatus?: unknown;
  readonly customStatusVersion: number;
}

export interface InstanceInfo {
  readonly instanceId: string;
  readonly orchestrationName: string;
  /** The version the current execution runs (`'unknown'` if never recorded). */
  readonly orchestrationVersion: string;
  readonly currentExecutionId: number;
  /** Status of the current execution. */
  readonly status: ExecutionStatus;
  /** Completed: output; ContinuedAsNew: next input; Failed: error message. */
  readonly output?: unknown;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly parentInstanceId?: string;
  readonly customStatus?: unknown;
  readonly customStatusVersion: number;
  /** Sticky version pin: continue-as-new keeps this version until moved. */
  readonly versionPin?: string;
  /** Version the next continue-as-new moves to (an operator's request). */
  readonly nextVersion?: string;
}

export interface ExecutionInfo {
  readonly executionId: number;
  readonly orchestrationName?: string;
  /** The version this execution ran. */
  readonly orchestrationVersion?: string;
  readonly status: ExecutionStatus;
  /** Completed: output; ContinuedAsNew: next input; Failed: error message. */
  readonly output?: unknown;
  readonly startedAt: number;
  readonly completedAt?: number;
  readonly eventCount: number;
}

/** One history event as `readExecutionHistory` returns it. */
export interface HistoryEventInfo {
  readonly eventId: number;
  /** The event type, e.g. `ActivityScheduled`. */
  readonly kind: string;
  readonly sourceEventId?: number;
  readonly timestampMs: number;
  /**
   * The event's own data as JSON text, as duroxide-node gives it: for `ActivityCompleted`,
   * `SubOrchestrationCompleted` and `OrchestrationCompleted` the result/output itself; for other
   * events an object of the event's fields (e.g. `{ name, version, input }` for
   * `OrchestrationStarted`) with JSON payloads (input, result, output, data, status, value)
   * embedded as values. `JSON.parse` it. Absent for events without fields.
   */
  readonly data?: string;
}

/** An instance and all its descendants (sub-orchestrations, recursively). */
export interface InstanceTree {
  readonly rootId: string;
  /** Root first, then descendants breadth first. */
  readonly allIds: readonly string[];
  /** `allIds.length`; 1 when the instance has no sub-orchestrations. */
  readonly size: number;
}

/** What `deleteInstance` / `deleteInstanceBulk` removed. */
export interface DeleteInstanceResult {
  /** Instances removed, descendants included. */
  readonly instancesDeleted: number;
  readonly executionsDeleted: number;
  readonly eventsDeleted: number;
  /** Orchestrator- and worker-queue messages removed. */
  readonly queueMessagesDeleted: number;
}

/** Which instances a bulk operation considers; every criterion given is ANDed. */
export interface InstanceFilter {
  /** Only these instances; an empty list matches nothing. */
  readonly instanceIds?: readonly string[];
  /** Epoch ms: deleteInstanceBulk — the instance completed before it; pruneExecutionsBulk — it has an old execution completed before it. */
  readonly completedBefore?: number;
  /** At most this many instances, 1..1000 (default 1000). */
  readonly limit?: number;
}

/** Which old executions `pruneExecutions` removes; the current execution is always kept. ANDed. */
export interface PruneOptions {
  /** Keep the N most recent executions; absent, 0 and 1 all mean "only the current one". */
  readonly keepLast?: number;
  /** Only executions completed strictly before this epoch-ms time. */
  readonly completedBefore?: number;
}

export interface PruneResult {
  readonly instancesProcessed: number;
  readonly executionsDeleted: number;
  readonly eventsDeleted: number;
}

/** Totals over all instances, by the status of each instance's current execution. */
export interface SystemMetrics {
  readonly totalInstances: number;
  readonly totalExecutions: number;
  readonly runningInstances: number;
  readonly completedInstances: number;
  readonly failedInstances: number;
  readonly totalEvents: number;
}

/** Messages waiting in the queues (not held by a dispatcher). */
export interface QueueDepths {
  /** Orchestrator messages, including timers not due yet. */
  readonly orchestratorQueue: number;
  /** Activities waiting for a worker. */
  readonly workerQueue: number;
  /** Timers not due yet — already counted in `orchestratorQueue`, where timers live. */
  readonly timerQueue: number;
}

/** Size of one instance's live state. */
/** duroxide-node's name for {@link OrchestrationStats}. */
export type SystemStats = OrchestrationStats;

export interface OrchestrationStats {
  /** Events in the current execution's history. */
  readonly historyEventCount: number;
  /** UTF-8 bytes of those events as stored. */
  readonly historySizeBytes: number;
  /** Messages queued for the instance. */
  readonly queuePendingCount: number;
  readonly kvUserKeyCount: number;
  readonly kvTotalValueBytes: number;
}

/**
 * Criteria of {@link Client.queryInstances} / {@link Client.countInstances}; every criterion
 * given is ANDed. Times are epoch ms, `…From` inclusive, `…To` exclusive.
 */
export interface InstanceQueryFilter {
  /** Status of the instance's current execution. */
  readonly status?: ExecutionStatus;
  /** Orchestration name, exact. */
  readonly name?: string;
  /**
   * Version of the current execution: exact (`'1.0.2'`), or a wildcard pattern — `'1.0.x'`
   * or `'1.0.*'` (any patch of 1.0, pre-releases included), `'1.x'` / `'1.*'` (any 1.y.z).
   */
  readonly version?: string;
  readonly createdFrom?: number;
  readonly createdTo?: number;
  readonly updatedFrom?: number;
  readonly updatedTo?: number;
  /** Direct sub-orchestrations of this instance. */
  readonly parentInstanceId?: string;
  /** Instance id starts with this text (case-sensitive). */
  readonly idPrefix?: string;
}

/** One page request: criteria plus paging. */
export interface InstanceQuery extends InstanceQueryFilter {
  /** Page size, 1..1000 (default 100). */
  readonly limit?: number;
  /** `nextCursor` of the previous page, unchanged; omit for the first page. */
  readonly cursor?: string;
}

/** One page, newest instance first; `nextCursor` is null on the last page. */
export interface InstanceQueryPage {
  readonly items: readonly InstanceInfo[];
  readonly nextCursor: string | null;
}

export type InstanceCountGroupBy = 'status' | 'name' | 'version';

/** One facet: `key` is a status, name or version (`'unknown'` when none was recorded). */
export interface InstanceCount {
  readonly key: string;
  readonly count: number;
}

export interface EnsureOrchestrationOptions {
  /** Start this exact semver version instead of the one the version policy picks. */
  readonly version?: string;
  /**
   * Longest wait, in ms, for a cancel queued for the instance to be processed before it is
   * replaced (default 30,000); past it the call throws a retryable `TimeoutError`.
   */
  readonly cancelWaitMs?: number;
}

/** What `ensureOrchestration` did. */
export interface EnsureOrchestrationResult {
  readonly action: 'started' | 'alreadyRunning' | 'restarted';
}

/** One page of queue rows the runtimes quarantined (docs/reliability.md), newest first. */
export interface PoisonedItemsPage {
  readonly items: readonly PoisonedItemRecord[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** What `prunePoisonedItems` removes: quarantined rows moved there strictly before this time. */
export interface PrunePoisonedItemsOptions {
  /** Epoch ms (e.g. `Date.now() - 7 * 86_400_000`). */
  readonly poisonedBefore: number;
}

export interface PrunePoisonedItemsResult {
  readonly itemsDeleted: number;
}
