/**
 * The provider contract (SPEC §7): a transactional store with two peek-lock queues, history,
 * and instance/execution metadata. Providers never create events, allocate ids or interpret
 * orchestration semantics; the runtime owns all of that.
 *
 * Errors: providers throw `ProviderError` with `retryable` set for transient conditions
 * (busy database, lost connection) and unset for permanent ones (invalid or expired lock
 * token, duplicate event id, corrupt data).
 * @module
 */
import type { HistoryEvent } from '../core/history/history-event.js';
import type { WorkItem, WorkItemOfType } from '../core/history/work-item.js';
import type { CancelledActivity } from '../core/replay/turn-result.js';
import type { StoredVersionPolicy } from '../core/versioning/version-policy.js';

/** Status of one execution (SPEC §6.2). A cancelled execution is `Failed`. */
export type ExecutionStatus = 'Running' | 'Completed' | 'Failed' | 'ContinuedAsNew';

export const EXECUTION_STATUSES: readonly ExecutionStatus[] = [
  'Running',
  'Completed',
  'Failed',
  'ContinuedAsNew',
];

/** One locked batch of orchestrator messages for one instance (SPEC §7.3). */
export interface OrchestrationItem {
  readonly instanceId: string;
  /** From the instance row, else history, else the batch's start item; absent if unknown. */
  readonly orchestrationName: string | undefined;
  /** Version recorded for the current execution, if known. */
  readonly orchestrationVersion: string | undefined;
  /** The instance's current execution id (1 when the instance row does not exist yet). */
  readonly executionId: number;
  /**
   * The current execution's history ordered by event id — or `[]` with `historyCached: true`
   * when the caller's cache hint matched (see {@link FetchOrchestrationOptions.cachedHistory}).
   */
  readonly history: readonly HistoryEvent[];
  readonly historyCached: boolean;
  /** Set when stored history could not be parsed; `history` is then empty (SPEC §7.3 step 8). */
  readonly historyError?: string | undefined;
  /** The batch, in queue order. */
  readonly messages: readonly WorkItem[];
  /** Creation time of the instance row (epoch ms), absent when the row does not exist yet. */
  readonly instanceCreatedAt?: number | undefined;
  /**
   * The instance's KV store as merged at the end of earlier executions (`kv_store`, never the
   * current execution's delta; SPEC §4.9). Loaded together with history; absent (empty) when
   * `historyCached` is true. Only executions that completed or continued as new are merged: a
   * Failed execution's changes stay in the delta (visible to `getKvValue`), a `reopen` goes on
   * with them, and the ack that creates a new execution of the instance deletes them first.
   */
  readonly kvSnapshot?: ReadonlyMap<string, KvEntryRecord> | undefined;
  /** The instance's sticky version pin (`instances.version_pin`), if set. */
  readonly versionPin?: string | undefined;
  /** Version an operator asked the next continue-as-new to move to (`instances.next_version`). */
  readonly nextVersion?: string | undefined;
  /** History format of the current execution (absent = 1, legacy rows). */
  readonly historyFormat?: number | undefined;
}

/** One stored KV value: JSON text and when it was last set (epoch ms). */
export interface KvEntryRecord {
  readonly value: string;
  readonly lastUpdatedAt: number;
}

export interface LockedOrchestrationItem {
  readonly item: OrchestrationItem;
  readonly lockToken: string;
  /** Max fetch count over the batch's rows; the first fetch returns 1 (SPEC §7.6). */
  readonly attemptCount: number;
}

/** What the caller already holds in memory for an instance (the live-instance cache). */
export interface CachedHistoryHint {
  readonly executionId: number;
  /** Largest event id held. */
  readonly lastEventId: number;
  /** `instanceCreatedAt` of the item the cache was built from. */
  readonly instanceCreatedAt: number;
}

export interface FetchOrchestrationOptions {
  readonly lockTimeoutMs: number;
  /** Long-poll budget; short-polling providers return at once. */
  readonly pollTimeoutMs?: number;
  /**
   * Called with the chosen instance id while the lock is held. When it returns a hint that
   * still matches storage (same instance creation time, same execution, same largest event
   * id), the provider skips loading history and returns `historyCached: true`.
   */
  readonly cachedHistory?: (instanceId: string) => CachedHistoryHint | undefined;
  /**
   * Instances not to lock in this fetch: the runtime recently found it lacks their code and
   * leaves them to other nodes for a while (rolling deployments).
   */
  readonly excludeInstances?: readonly string[];
  /**
   * Engine capability filter: skip (do not lock, do not load) instances whose current execution
   * was recorded in a history format above this (absent format counts as 1). New instances
   * (no row yet) always match. Absent: no filter.
   */
  readonly maxHistoryFormat?: number;
}

/** Metadata computed by the runtime and stored blindly by the provider (SPEC §7.4). */
export interface ExecutionMetadata {
  readonly status?: Exclude<ExecutionStatus, 'Running'> | undefined;
  /** Completed: output JSON; Failed: error display message; ContinuedAsNew: next input JSON. */
  readonly output?: string | undefined;
  /** Set on the turn that contains `OrchestrationStarted`; creates the instance row. */
  readonly orchestrationName?: string | undefined;
  readonly orchestrationVersion?: string | undefined;
  readonly parentInstanceId?: string | undefined;
  /** Engine version that created the execution (from `OrchestrationStarted`). */
  readonly pinnedDuroxideVersion?: string | undefined;
  /** Present when the turn changed the custom status: the new value (JSON text) or null. */
  readonly customStatus?: { readonly value: string | null } | undefined;
  /** History format of the execution, set on the turn that contains `OrchestrationStarted`. */
  readonly historyFormat?: number | undefined;
  /** Present when the turn changes the instance's sticky pin: the new pin, or null to clear. */
  readonly versionPin?: { readonly value: string | null } | undefined;
  /**
   * The `nextVersion` this turn consumed (a continue-as-new moved to it): cleared on the
   * instance row only while it still equals this value (an operator may have changed it since).
   */
  readonly consumedNextVersion?: string | undefined;
}

/** A worker row to delete because its activity was cancelled (lock stealing, SPEC §3.12). */
export type { CancelledActivity };

/** Everything one orchestration turn commits, atomically (SPEC §7.4). */
export interface OrchestrationAck {
  readonly executionId: number;
  readonly historyDelta: readonly HistoryEvent[];
  /** `ActivityExecute` items for the worker queue. */
  readonly workerItems: readonly WorkItem[];
  /** Items for orchestrator queues (any instance); `TimerFired` becomes visible at `fireAt`. */
  readonly orchestratorItems: readonly WorkItem[];
  readonly metadata: ExecutionMetadata;
  /** Worker rows to delete (lock stealing), applied after `workerItems` are inserted. */
  readonly cancelledActivities: readonly CancelledActivity[];
  /**
   * Lock tokens of worker items the caller claimed (see {@link OrchestrationAckOptions}) and ran
   * itself, whose completions this turn consumed directly (they are in `historyDelta`, never in
   * the orchestrator queue). Each row is deleted only while its lock is valid; an unknown or
   * expired token fails the whole ack and writes nothing.
   */
  readonly completedWorkItems?: readonly string[] | undefined;
  /**
   * Resume of a Failed execution (client.resumeInstance), applied before `historyDelta` is
   * appended: delete the execution's `OrchestrationFailed` event `failedEventId` (it must be the
   * execution's last event, else the ack fails writing nothing), set the execution and the
   * instance back to `Running` with no output, and record `version` on the execution, the
   * instance and the execution's `OrchestrationStarted` event. The execution's KV delta (not
   * merged when it failed) is kept.
   */
  readonly reopen?: { readonly failedEventId: number; readonly version: string } | undefined;
}

/**
 * How one ack hands work straight back to its caller, saving the queue round trips of the
 * common path (a turn schedules an activity, the activity completes, the next turn runs).
 */
export interface OrchestrationAckOptions {
  /**
   * Insert these `workerItems` (indexes into the ack's list) already locked for the caller, as
   * if it had fetched them (attempt 1, locked for `lockTimeoutMs`), so it runs them without a
   * fetch. Callers do not claim items the same ack cancels.
   */
  readonly claimWorkItems?: { readonly indexes: readonly number[]; readonly lockTimeoutMs: number } | undefined;
  /**
   * Keep the instance lock (the same token, valid `lockTimeoutMs` more) instead of releasing it,
   * so the caller can commit the next turn without a fetch — unless the ack ended the execution
   * or the instance has visible orchestrator messages waiting; then it is released as usual.
   */
  readonly keepLock?: { readonly lockTimeoutMs: number } | undefined;
}

export interface OrchestrationAckResult {
  /** The claimed work items, in the order of `claimWorkItems.indexes`. */
  readonly claimedWorkItems: readonly LockedWorkItem[];
  /** True when the instance lock is still held (see `keepLock`). */
  readonly lockKept: boolean;
  /** `createdAt` of the instance row after the commit; undefined when the instance has no row. */
  readonly instanceCreatedAt: number | undefined;
}

/** Which activity tags a worker accepts (SPEC §7.7). */
export type TagFilter =
  | 'defaultOnly'
  | 'any'
  | 'none'
  | { readonly tags: readonly string[] }
  | { readonly defaultAnd: readonly string[] };

export interface FetchWorkOptions {
  readonly lockTimeoutMs: number;
  readonly pollTimeoutMs?: number;
  /** Default `'defaultOnly'`. */
  readonly tagFilter?: TagFilter;
  /**
   * Activity names not to fetch: the runtime recently found it lacks them and leaves them to
   * other nodes for a while (rolling deployments).
   */
  readonly excludeActivities?: readonly string[];
  /**
   * Session routing (SPEC §7.7). Absent: only items without a session are returned. Present:
   * items without a session, items whose session this owner holds, and items whose session is
   * not held by anyone (the fetch then claims it for `ownerId` for `lockTimeoutMs`).
   */
  readonly session?: { readonly ownerId: string; readonly lockTimeoutMs: number };
}

export interface LockedWorkItem {
  readonly item: WorkItem;
  readonly lockToken: string;
  readonly attemptCount: number;
}

export interface AbandonOptions {
  /** Make the item visible again only after this delay. */
  readonly delayMs?: number;
  /** Decrement the attempt count (never below zero). */
  readonly ignoreAttempt?: boolean;
}

/** Instance read model (SPEC §6.4); `status`/`output` are the current execution's. */
export interface InstanceRecord {
  readonly instanceId: string;
  readonly orchestrationName: string;
  readonly orchestrationVersion: string | undefined;
  readonly currentExecutionId: number;
  readonly status: ExecutionStatus;
  readonly output: string | undefined;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly parentInstanceId: string | undefined;
  readonly customStatus: string | undefined;
  readonly customStatusVersion: number;
  /** Sticky version pin: continue-as-new keeps this version until moved. */
  readonly versionPin?: string | undefined;
  /** Version the next continue-as-new moves to (operator request), if any. */
  readonly nextVersion?: string | undefined;
}

export interface ExecutionRecord {
  readonly executionId: number;
  readonly orchestrationName: string | undefined;
  readonly orchestrationVersion: string | undefined;
  readonly status: ExecutionStatus;
  readonly output: string | undefined;
  readonly startedAt: number;
  readonly completedAt: number | undefined;
  readonly eventCount: number;
}

// ----- management (SPEC §6.3–6.4, §7.9) -----

/** Counts of what a deletion removed (SPEC §6.4 `DeleteInstanceResult`). */
export interface DeleteInstancesResult {
  /** Instance rows deleted (tree members included). */
  readonly instancesDeleted: number;
  readonly executionsDeleted: number;
  /** History rows deleted. */
  readonly eventsDeleted: number;
  /** Orchestrator-queue plus worker-queue rows deleted. */
  readonly queueMessagesDeleted: number;
}

/** Which root instances `deleteInstanceBulk` / `pruneExecutionsBulk` consider; all criteria ANDed. */
export interface InstanceSelectionFilter {
  /** Allow-list of instance ids; an empty list selects nothing. */
  readonly instanceIds?: readonly string[] | undefined;
  /** Epoch ms; see each method for which completion time it is compared with. */
  readonly completedBefore?: number | undefined;
  /** At most this many instances per call (default 1000). */
  readonly limit?: number | undefined;
}

/** Which executions `pruneExecutions` removes besides the always-kept current one; ANDed. */
export interface PruneExecutionsOptions {
  /** Keep the N highest execution ids; undefined, 0 and 1 all mean "only the current one". */
  readonly keepLast?: number | undefined;
  /** Only executions that completed strictly before this epoch-ms time. */
  readonly completedBefore?: number | undefined;
}

export interface PruneExecutionsResult {
  readonly instancesProcessed: number;
  readonly executionsDeleted: number;
  readonly eventsDeleted: number;
}

/** Counts over instances joined with their current execution (SPEC §6.4 `SystemMetrics`). */
export interface SystemMetricsRecord {
  readonly totalInstances: number;
  readonly totalExecutions: number;
  /** Current execution `Running` (an instance between two executions, `ContinuedAsNew`, is not counted). */
  readonly runningInstances: number;
  readonly completedInstances: number;
  readonly failedInstances: number;
  /** History rows over all executions. */
  readonly totalEvents: number;
}

/** Queue backlog (SPEC §6.4 `QueueDepths`). */
export interface QueueDepthsRecord {
  /** Orchestrator rows not validly locked, including not-yet-visible timers. */
  readonly orchestratorQueue: number;
  /** Worker rows not validly locked. */
  readonly workerQueue: number;
  /**
   * Timers not due yet (`TimerFired` rows with a future `visibleAt`). Timers live in the
   * orchestrator queue, so these are a subset of `orchestratorQueue`, not an addition.
   */
  readonly timerQueue: number;
}

/** Size of one instance's live state (Appendix B `get_orchestration_stats`). */
export interface OrchestrationStatsRecord {
  /** Events in the current execution's history. */
  readonly historyEventCount: number;
  /** UTF-8 bytes of the current execution's stored events. */
  readonly historySizeBytes: number;
  /** Orchestrator-queue rows for the instance (locked or not, visible or not). */
  readonly queuePendingCount: number;
  /** User keys in the instance's KV store (0 until the provider has one). */
  readonly kvUserKeyCount: number;
  /** UTF-8 bytes of the instance's KV values (0 until the provider has one). */
  readonly kvTotalValueBytes: number;
}

/**
 * Criteria of the instance query; every criterion present is ANDed. Time ranges are epoch ms,
 * `…From` inclusive and `…To` exclusive.
 */
export interface InstanceQueryFilter {
  /** Status of the instance's CURRENT execution. */
  readonly status?: ExecutionStatus | undefined;
  /** Exact orchestration name. */
  readonly name?: string | undefined;
  /** Exact version of the current execution. */
  readonly version?: string | undefined;
  /** Version starts with this text, e.g. `1.0.` for "any 1.0.x". */
  readonly versionPrefix?: string | undefined;
  readonly createdFrom?: number | undefined;
  readonly createdTo?: number | undefined;
  readonly updatedFrom?: number | undefined;
  readonly updatedTo?: number | undefined;
  /** Direct children of this instance. */
  readonly parentInstanceId?: string | undefined;
  /** Instance id starts with this text (case-sensitive). */
  readonly idPrefix?: string | undefined;
}

/** One page request of the instance query. */
export interface InstanceQuery extends InstanceQueryFilter {
  /** Page size, 1..1000 (callers validate). */
  readonly limit: number;
  /** `nextCursor` of the previous page; absent for the first page. Opaque to callers. */
  readonly cursor?: string | undefined;
}

/**
 * One page: instances ordered newest first (`createdAt` descending, then `instanceId`
 * ascending), and the cursor of the next page, or null on the last one. Keyset pagination:
 * instances created while paging never shift or repeat the later pages.
 */
export interface InstanceRecordPage {
  readonly items: readonly InstanceRecord[];
  readonly nextCursor: string | null;
}

export type InstanceCountGroupBy = 'status' | 'name' | 'version';

export const INSTANCE_COUNT_GROUP_BYS: readonly InstanceCountGroupBy[] = ['status', 'name', 'version'];

/** One facet of `countInstances`; a never-recorded version counts under `'unknown'`. */
export interface InstanceCount {
  readonly key: string;
  readonly count: number;
}

/** In-process notifications a provider emits after committing. */
export type ProviderSignal =
  | { readonly kind: 'orchestrator'; readonly visibleAt: number }
  | { readonly kind: 'worker' }
  /**
   * A commit changed the instance. `executionStatus` is the current execution's status after
   * an orchestration ack (`Running` unless the turn ended the execution); absent for other
   * commits (deletion), after which readers must re-read.
   */
  | { readonly kind: 'instance'; readonly instanceId: string; readonly executionStatus?: ExecutionStatus }
  /** An ack cancelled a queued or running activity (its worker row was deleted). */
  | { readonly kind: 'activityCancelled'; readonly instanceId: string; readonly executionId: number; readonly activityId: number };

export type ProviderSignalListener = (signal: ProviderSignal) => void;


// ----- fleet: version policies, nodes, audit log, per-instance version targets -----

export type { StoredVersionPolicy };

/** The stored version policy of one orchestration name. */
export interface VersionPolicyRecord {
  readonly orchestrationName: string;
  readonly policy: StoredVersionPolicy;
  /** Epoch ms of the last change. */
  readonly updatedAt: number;
  readonly updatedBy: string | undefined;
  readonly reason: string | undefined;
  /** 1 for the first stored policy of the name, +1 on every change (clearing included). */
  readonly revision: number;
}

/** One operator action, recorded in the audit log. */
export interface AuditEntryInput {
  /** Epoch ms. */
  readonly at: number;
  /** Who did it (user, API key name, `runtime:<nodeId>`); absent when unknown. */
  readonly actor: string | undefined;
  /** Dotted verb, e.g. `version-policy.set`, `instance.resume`, `instance.resume-refused`. */
  readonly action: string;
  /** What it acted on, e.g. `orchestration:Monitor`, `instance:order-42`. */
  readonly target: string;
  readonly reason: string | undefined;
  /** JSON text with the action's particulars (old and new values, request id). */
  readonly details: string;
}

export interface AuditRecord extends AuditEntryInput {
  /** Increasing id; newer entries have larger ids. */
  readonly auditId: number;
}

export interface AuditQuery {
  /** Only entries for this target. */
  readonly target?: string | undefined;
  /** Only entries with `auditId` below this (paging, newest first). */
  readonly beforeId?: number | undefined;
  /** At most this many (1–1000). */
  readonly limit: number;
}

/** What a runtime announces about itself (SPEC-free: docs/versioning.md "Node registry"). */
export interface NodeRecord {
  readonly nodeId: string;
  readonly host: string;
  readonly pid: number;
  /** duroxide-ts build of the node. */
  readonly duroxideVersion: string;
  /** Newest history format the node can replay. */
  readonly historyFormat: number;
  /** Epoch ms. */
  readonly startedAt: number;
  /** Epoch ms of the last heartbeat. */
  readonly lastSeenAt: number;
  /**
   * How often the node heartbeats; readers count it live while `now - lastSeenAt` is at most
   * three times this.
   */
  readonly heartbeatIntervalMs: number;
  /** Registered orchestrations, by name, with their versions ascending. */
  readonly orchestrations: readonly {
    readonly name: string;
    readonly versions: readonly string[];
    /** The node's in-code default policy for the name (`runtime.setVersionPolicy`), if set. */
    readonly defaultPolicy?: StoredVersionPolicy | undefined;
  }[];
  /** Registered activity names. */
  readonly activities: readonly string[];
}

/** A change to one instance's version targets; absent fields stay as they are. */
export interface InstanceVersionChange {
  /** New sticky pin, or null to clear it. */
  readonly versionPin?: string | null;
  /** Version the next continue-as-new moves to, or null to clear the request. */
  readonly nextVersion?: string | null;
}

export interface Provider {
  /** For logs, e.g. `sqlite`. */
  readonly name: string;
  /**
   * True when `subscribe` also reports commits made by other processes (PostgreSQL
   * LISTEN/NOTIFY); runtimes then poll only as a safety net.
   */
  readonly signalsAcrossProcesses?: boolean;

  // ----- orchestrator queue -----
  fetchOrchestrationItem(options: FetchOrchestrationOptions): Promise<LockedOrchestrationItem | null>;
  ackOrchestrationItem(lockToken: string, ack: OrchestrationAck, options?: OrchestrationAckOptions): Promise<OrchestrationAckResult>;
  abandonOrchestrationItem(lockToken: string, options?: AbandonOptions): Promise<void>;
  renewOrchestrationItemLock(lockToken: string, extendForMs: number): Promise<void>;
  /** Enqueue for an instance's orchestrator queue. Never creates instance rows. */
  enqueueForOrchestrator(item: WorkItem, delayMs?: number): Promise<void>;
  /**
   * Enqueues a `StartOrchestration` (visible now) unless the instance row exists or a
   * `StartOrchestration` for it is already queued; returns false, writing nothing, then.
   * Atomic: of concurrent calls for one instance id exactly one enqueues.
   */
  enqueueStartIfAbsent(item: WorkItemOfType<'StartOrchestration'>): Promise<boolean>;
  /** Earliest future `visibleAt` among unlocked orchestrator rows, or null. */
  nextOrchestratorVisibleAt(): Promise<number | null>;

  // ----- worker queue -----
  fetchWorkItem(options: FetchWorkOptions): Promise<LockedWorkItem | null>;
  /** Deletes the locked row (only while the lock is valid) and enqueues the completion. */
  ackWorkItem(lockToken: string, completion?: WorkItem): Promise<void>;
  abandonWorkItem(lockToken: string, options?: AbandonOptions): Promise<void>;
  renewWorkItemLock(lockToken: string, extendForMs: number): Promise<void>;
  /**
   * Extends the leases of sessions owned by any of `ownerIds` that are still held and were
   * active within `idleTimeoutMs` (SPEC §7.2). Returns how many were extended.
   */
  renewSessionLocks(ownerIds: readonly string[], extendForMs: number, idleTimeoutMs: number): Promise<number>;
  /** Deletes expired sessions that no queued item references. Returns how many. */
  cleanupOrphanedSessions(idleTimeoutMs: number): Promise<number>;

  // ----- reads -----
  /** One execution's history (the latest when `executionId` is omitted). */
  readHistory(instanceId: string, executionId?: number): Promise<HistoryEvent[]>;
  getInstance(instanceId: string): Promise<InstanceRecord | null>;
  /** True when the instance row exists or a `StartOrchestration` for it is queued. */
  instanceExists(instanceId: string): Promise<boolean>;
  getExecution(instanceId: string, executionId: number): Promise<ExecutionRecord | null>;
  /** Execution ids, ascending; empty for an unknown instance. */
  listExecutions(instanceId: string): Promise<number[]>;
  /** All instance ids, newest first. */
  listInstances(): Promise<string[]>;
  /** Ids of instances whose current execution has `status`. */
  listInstancesByStatus(status: ExecutionStatus): Promise<string[]>;
  /** Merged KV view (store overlaid with the current execution's changes); null if absent. */
  getKvValue(instanceId: string, key: string): Promise<string | null>;
  /** Merged KV view of every key; empty for an unknown instance. */
  getKvAllValues(instanceId: string): Promise<Map<string, string>>;
  /** Custom status if its version is newer than `lastSeenVersion`, else null. */
  getCustomStatus(
    instanceId: string,
    lastSeenVersion: number,
  ): Promise<{ readonly value: string | null; readonly version: number } | null>;
  /**
   * The instance's KV store as merged at the end of earlier executions: exactly what a fetch
   * returns as {@link OrchestrationItem.kvSnapshot} (never the current execution's changes, which
   * its history replays). Empty for an unknown instance. The replay check replays from it.
   */
  readKvSnapshot(instanceId: string): Promise<Map<string, KvEntryRecord>>;
  /**
   * True while a `CancelInstance` for the instance waits in its orchestrator queue (locked by a
   * turn in progress or not): the instance is about to fail although its status says Running.
   */
  hasQueuedCancel(instanceId: string): Promise<boolean>;

  // ----- management (SPEC §7.9) -----
  /**
   * Deletes the listed instances in ONE transaction: history, executions, both queues' rows,
   * instance locks and instance rows, plus queued starts of children of a listed instance.
   * Ids without an instance row are ignored (nothing of theirs is touched, not even queue rows).
   * Removing the instance lock makes an in-flight ack for a listed instance fail, so a
   * force-deleted instance is never recreated by a zombie turn.
   * @throws InstanceStillRunningError (message contains "still running") when `force` is false
   *   and a listed instance's current execution is `Running`; nothing is deleted.
   * @throws InstanceTreeChangedError (code `INSTANCE_TREE_CHANGED`) when an instance outside the
   *   list has a listed parent (it was created after the tree was read); nothing is deleted,
   *   re-read the tree and retry.
   */
  deleteInstances(instanceIds: readonly string[], force: boolean): Promise<DeleteInstancesResult>;
  /** Direct children (`parentInstanceId = instanceId`), oldest first; empty for unknown ids. */
  listChildren(instanceId: string): Promise<string[]>;
  /**
   * The parent's id, or null for a root.
   * @throws InstanceNotFoundError for an unknown instance.
   */
  getParentId(instanceId: string): Promise<string | null>;
  /** The instance and all its descendants, breadth first, root first; empty for unknown ids. */
  getInstanceTree(instanceId: string): Promise<string[]>;
  /**
   * Deletes, with their whole trees (forced), up to `limit` (default 1000) ROOT instances
   * (no parent, or a parent that no longer exists) whose current execution is terminal
   * (`Completed`, `Failed`, `ContinuedAsNew`) and, when given, is in `instanceIds` and
   * completed before `completedBefore`; oldest completion first. Running roots are skipped.
   */
  deleteInstanceBulk(filter: InstanceSelectionFilter): Promise<DeleteInstancesResult>;
  /**
   * Deletes old executions and their history, atomically: never the current execution, never
   * a `Running` one, outside the `keepLast` highest ids and completed before `completedBefore`
   * when given. KV state is untouched. `instancesProcessed` is 1.
   * @throws InstanceNotFoundError for an unknown instance.
   */
  pruneExecutions(instanceId: string, options: PruneExecutionsOptions): Promise<PruneExecutionsResult>;
  /**
   * Prunes, one instance at a time, up to `limit` (default 1000) instances of ANY status that
   * have at least one non-current, non-running execution — completed before
   * `filter.completedBefore` when given — and are in `filter.instanceIds` when given (ordered
   * by id). Running instances are included: only their old executions go.
   */
  pruneExecutionsBulk(
    filter: InstanceSelectionFilter,
    options: PruneExecutionsOptions,
  ): Promise<PruneExecutionsResult>;
  getSystemMetrics(): Promise<SystemMetricsRecord>;
  getQueueDepths(): Promise<QueueDepthsRecord>;
  /** Null for an unknown instance. */
  getOrchestrationStats(instanceId: string): Promise<OrchestrationStatsRecord | null>;
  /**
   * One page of instances matching the query, in SQL with indexes.
   * @throws InvalidInputError when `cursor` was not produced by this provider's query.
   */
  queryInstances(query: InstanceQuery): Promise<InstanceRecordPage>;
  /** Instances matching `filter` counted per status/name/version, largest count first, then key. */
  countInstances(filter: InstanceQueryFilter, groupBy: InstanceCountGroupBy): Promise<InstanceCount[]>;

  // ----- fleet -----
  /**
   * Stores (or with `null` clears) the policy of a name and appends `audit` to the audit log,
   * in one transaction. Returns the stored record (null after clearing).
   */
  setVersionPolicy(orchestrationName: string, policy: StoredVersionPolicy | null, audit: AuditEntryInput): Promise<VersionPolicyRecord | null>;
  getVersionPolicy(orchestrationName: string): Promise<VersionPolicyRecord | null>;
  /**
   * Every stored policy, by name (cleared ones are left out).
   * @throws ProviderError (permanent) when a stored policy is not valid JSON, naming it.
   */
  listVersionPolicies(): Promise<VersionPolicyRecord[]>;
  appendAudit(entry: AuditEntryInput): Promise<void>;
  /**
   * Newest first.
   * @throws InvalidInputError when `limit` is not an integer from 1 to 1000.
   */
  listAudit(query: AuditQuery): Promise<AuditRecord[]>;
  /** Inserts or replaces the node's row (by `nodeId`). */
  heartbeatNode(node: NodeRecord): Promise<void>;
  /** Deletes the node's row (graceful shutdown); unknown ids are ignored. */
  removeNode(nodeId: string): Promise<void>;
  /** Every node row, stale ones included, by `nodeId`. */
  listNodes(): Promise<NodeRecord[]>;
  /** Deletes rows not seen since `lastSeenBefore` (epoch ms); returns how many. */
  pruneNodes(lastSeenBefore: number): Promise<number>;
  /**
   * Changes an instance's sticky pin and/or next-version request and appends `audit`, in one
   * transaction. Returns false (writing nothing) when the instance row does not exist.
   */
  setInstanceVersion(instanceId: string, change: InstanceVersionChange, audit: AuditEntryInput): Promise<boolean>;

  // ----- lifecycle -----
  /** Subscribe to in-process commit notifications; returns an unsubscribe function. */
  subscribe(listener: ProviderSignalListener): () => void;
  close(): Promise<void>;
}
