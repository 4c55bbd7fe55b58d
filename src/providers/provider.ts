/**
 * The provider contract: a transactional store with two peek-lock queues, history,
 * and instance/execution metadata. Providers never create events, allocate ids or interpret
 * orchestration semantics; the runtime owns all of that.
 *
 * Shape (docs/decisions/0006-provider-capabilities.md): a required core ({@link ProviderCore})
 * plus optional groups ({@link SessionStore}, {@link ManagementStore}, {@link FleetStore}) and
 * behaviours, each declared in {@link ProviderCapabilities}; the runtime and client fall back
 * or refuse when a provider lacks one.
 *
 * Errors: providers throw `ProviderError` with `retryable` set for transient conditions
 * (busy database, lost connection) and unset for permanent ones (invalid or expired lock
 * token, duplicate event id, corrupt data).
 * @module
 */
import type { ExecutionTraceContext, HistoryEvent } from '../core/history/history-event.js';
import type { WorkItem, WorkItemOfType } from '../core/history/work-item.js';
import type { CancelledActivity } from '../core/replay/turn-result.js';
import type { StoredVersionPolicy } from '../core/versioning/version-policy.js';
import type {
  ExecutionStatus,
  InstanceRecord,
  ExecutionRecord,
  DeleteInstancesResult,
  InstanceSelectionFilter,
  PruneExecutionsOptions,
  PruneExecutionsResult,
  SystemMetricsRecord,
  QueueDepthsRecord,
  OrchestrationStatsRecord,
  InstanceQueryFilter,
  InstanceQuery,
  InstanceRecordPage,
  InstanceCountGroupBy,
  InstanceCount,
  VersionPolicyRecord,
  AuditEntryInput,
  AuditRecord,
  AuditQuery,
  NodeRecord,
  InstanceVersionChange,
  OperatorStore,
  WorkItemClaim,
  PoisonHandling,
  PoisonedItemQuery,
  PoisonedItemPage,
  ProviderSignalListener,
  QueuedStartRecord,
} from './provider-records.js';

export { EXECUTION_STATUSES, INSTANCE_COUNT_GROUP_BYS } from './provider-records.js';
export type * from './provider-records.js';
export type { StoredVersionPolicy };

/** One locked batch of orchestrator messages for one instance. */
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
  /** Set when stored history could not be parsed; `history` is then empty. */
  readonly historyError?: string | undefined;
  /** The batch, in queue order. */
  readonly messages: readonly WorkItem[];
  /** Creation time of the instance row (epoch ms), absent when the row does not exist yet. */
  readonly instanceCreatedAt?: number | undefined;
  /**
   * The instance's KV store as merged at the end of earlier executions (`kv_store`, never the
   * current execution's delta). Loaded together with history; absent (empty) when
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
  /** Max fetch count over the batch's rows; the first fetch returns 1. */
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

export interface FetchOrchestrationOptions extends PoisonHandling {
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

/** Metadata computed by the runtime and stored blindly by the provider. */
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

/** A worker row to delete because its activity was cancelled (lock stealing). */
export type { CancelledActivity };

/** Everything one orchestration turn commits, atomically. */
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
   * merged when it failed) is kept. With `traceContext`, the `OrchestrationStarted` event's
   * trace context is replaced by it (the resumed attempt's span, docs/observability.md); without
   * it the recorded one stays.
   */
  readonly reopen?:
    | {
        readonly failedEventId: number;
        readonly version: string;
        readonly traceContext?: ExecutionTraceContext | undefined;
      }
    | undefined;
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
  readonly claimWorkItems?: WorkItemClaim | undefined;
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

/** Which activity tags a worker accepts. */
export type TagFilter =
  | 'defaultOnly'
  | 'any'
  | 'none'
  | { readonly tags: readonly string[] }
  | { readonly defaultAnd: readonly string[] };

export interface FetchWorkOptions extends PoisonHandling {
  readonly lockTimeoutMs: number;
  readonly pollTimeoutMs?: number;
  /** Default `'defaultOnly'`. */
  readonly tagFilter?: TagFilter;
  /**
   * Activity names not to fetch: the runtime recently found it lacks them and leaves them to
   * other nodes for a while (rolling deployments).
   */
  readonly excludeActivities?: readonly string[];
  /** Who fetches (a node id), shown by `OperatorStore.listWorkItems` while the lock is valid. */
  readonly lockOwner?: string;
  /**
   * Session routing. Absent: only items without a session are returned. Present:
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

// ----- capabilities -----

/**
 * What a provider supports beyond the required core (docs/decisions/0006-provider-capabilities.md).
 * Every flag is required: `false` says the provider lacks the group, and the runtime and client
 * fall back (or refuse the operation with a `CAPABILITY_MISSING` ConfigurationError). A provider
 * that declares a group with methods must implement all of them; runtimes and clients check
 * that when they are constructed.
 */
export interface ProviderCapabilities {
  /**
   * The ack honours {@link OrchestrationAckOptions} (`claimWorkItems`, `keepLock`) and
   * {@link OrchestrationAck.completedWorkItems}. Without it the runtime never passes them: every
   * activity goes through the worker queue and every turn through a fetch.
   */
  readonly localActivityHandoff: boolean;
  /**
   * Activity sessions: {@link SessionStore} and session routing in `fetchWorkItem`
   * ({@link FetchWorkOptions.session}). Without it the runtime fails activities scheduled on a
   * session with `CAPABILITY_MISSING` instead of running them unrouted.
   */
  readonly sessions: boolean;
  /** {@link ManagementStore}: deletion, pruning, metrics, instance query and counts. */
  readonly management: boolean;
  /**
   * {@link FleetStore}: version policies, node registry, audit log and per-instance version
   * targets, plus the fleet parts of the core calls (`versionPin`/`nextVersion` on the fetched
   * item and in the ack metadata, `reopen`, `maxHistoryFormat`). Without it a runtime decides
   * versions from its own registry and in-code policy only and writes no heartbeat.
   */
  readonly fleet: boolean;
  /**
   * `subscribe` also reports commits made by other processes (PostgreSQL LISTEN/NOTIFY);
   * runtimes and clients then poll only as a safety net.
   */
  readonly crossProcessSignals: boolean;
}

export type ProviderCapability = keyof ProviderCapabilities;

export const PROVIDER_CAPABILITIES: readonly ProviderCapability[] = [
  'localActivityHandoff',
  'sessions',
  'management',
  'fleet',
  'crossProcessSignals',
];

/** The required core: queues, history, instance reads, KV, custom status, signals (in process). */
export interface ProviderCore {
  /** For logs, e.g. `sqlite`. */
  readonly name: string;
  /** What the provider supports beyond this core; read once when a runtime or client is built. */
  readonly capabilities: ProviderCapabilities;

  // ----- orchestrator queue -----
  fetchOrchestrationItem(
    options: FetchOrchestrationOptions,
  ): Promise<LockedOrchestrationItem | null>;
  ackOrchestrationItem(
    lockToken: string,
    ack: OrchestrationAck,
    options?: OrchestrationAckOptions,
  ): Promise<OrchestrationAckResult>;
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
  // ----- reads -----
  /** One execution's history (the latest when `executionId` is omitted). */
  readHistory(instanceId: string, executionId?: number): Promise<HistoryEvent[]>;
  getInstance(instanceId: string): Promise<InstanceRecord | null>;
  /** True when the instance row exists or a `StartOrchestration` for it is queued. */
  instanceExists(instanceId: string): Promise<boolean>;
  /**
   * Optional: the queued `StartOrchestration` of `instanceId` (the first if several), or null.
   * `getStatus` reads `Pending` for an instance with no row whose start a runtime fetched and
   * left (docs/decisions/0015-pending-status.md); without this method it reads `NotFound`.
   */
  getQueuedStart?(instanceId: string): Promise<QueuedStartRecord | null>;
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

  // ----- lifecycle -----
  /** Subscribe to in-process commit notifications; returns an unsubscribe function. */
  subscribe(listener: ProviderSignalListener): () => void;
  /**
   * Optional, for providers without `crossProcessSignals`: calls `listener` soon after another
   * connection committed to the store, without saying what changed (SQLite: `PRAGMA
   * data_version`). Client waits then re-read on their backoff only while others write, and
   * otherwise trust `subscribe` and a slow safety-net poll (docs/performance.md). Returns an
   * unsubscribe function.
   */
  subscribeExternalCommits?(listener: () => void): () => void;
  close(): Promise<void>;
}

/** Capability `sessions`: session lease renewal and cleanup. @public (for provider authors) */
export interface SessionStore {
  /**
   * Extends the leases of sessions owned by any of `ownerIds` that are still held and were
   * active within `idleTimeoutMs`. Returns how many were extended.
   */
  renewSessionLocks(
    ownerIds: readonly string[],
    extendForMs: number,
    idleTimeoutMs: number,
  ): Promise<number>;
  /** Deletes expired sessions that no queued item references. Returns how many. */
  cleanupOrphanedSessions(idleTimeoutMs: number): Promise<number>;
}

/** Capability `management`: trees, deletion, pruning, metrics and the instance query. @public (for provider authors) */
export interface ManagementStore {
  /**
   * Deletes the listed instances in ONE transaction: history, executions, both queues' rows,
   * quarantined rows (`poisoned_items`), instance locks and instance rows, plus queued starts of
   * children of a listed instance.
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
  pruneExecutions(
    instanceId: string,
    options: PruneExecutionsOptions,
  ): Promise<PruneExecutionsResult>;
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
  countInstances(
    filter: InstanceQueryFilter,
    groupBy: InstanceCountGroupBy,
  ): Promise<InstanceCount[]>;
  /** Queue statistics, open work items, bulk jobs and API keys (the management server's). */
  operatorStore(): OperatorStore;

  /**
   * Rows the fetches quarantined (see {@link PoisonHandling}), newest first, paged.
   * @throws InvalidInputError for a `limit` outside 1–1000 or a cursor this provider did not make.
   */
  listPoisonedItems(query: PoisonedItemQuery): Promise<PoisonedItemPage>;
  /**
   * Deletes the quarantined rows moved there strictly before `poisonedBefore` (epoch ms);
   * returns how many. (`deleteInstances` also deletes the rows of the instances it deletes.)
   */
  prunePoisonedItems(poisonedBefore: number): Promise<number>;
}

/** Capability `fleet`: version policies, audit log, node registry, per-instance version targets. @public (for provider authors) */
export interface FleetStore {
  /**
   * Stores (or with `null` clears) the policy of a name and appends `audit` to the audit log,
   * in one transaction. Returns the stored record (null after clearing).
   */
  setVersionPolicy(
    orchestrationName: string,
    policy: StoredVersionPolicy | null,
    audit: AuditEntryInput,
  ): Promise<VersionPolicyRecord | null>;
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
  setInstanceVersion(
    instanceId: string,
    change: InstanceVersionChange,
    audit: AuditEntryInput,
  ): Promise<boolean>;
}

/** The methods each capability adds (none for capabilities that change how core calls behave). */
export interface CapabilityMethods {
  readonly localActivityHandoff: Record<never, never>;
  readonly sessions: SessionStore;
  readonly management: ManagementStore;
  readonly fleet: FleetStore;
  readonly crossProcessSignals: Record<never, never>;
}

/** Method names of each capability group, for checking a provider's declaration. */
export const CAPABILITY_METHOD_NAMES: {
  readonly [C in ProviderCapability]: readonly (keyof CapabilityMethods[C])[];
} = {
  localActivityHandoff: [],
  sessions: ['renewSessionLocks', 'cleanupOrphanedSessions'],
  management: [
    'deleteInstances',
    'getInstanceTree',
    'deleteInstanceBulk',
    'pruneExecutions',
    'pruneExecutionsBulk',
    'getSystemMetrics',
    'getQueueDepths',
    'getOrchestrationStats',
    'queryInstances',
    'countInstances',
    'operatorStore',
    'listPoisonedItems',
    'prunePoisonedItems',
  ],
  fleet: [
    'setVersionPolicy',
    'getVersionPolicy',
    'listVersionPolicies',
    'appendAudit',
    'listAudit',
    'heartbeatNode',
    'removeNode',
    'listNodes',
    'pruneNodes',
    'setInstanceVersion',
  ],
  crossProcessSignals: [],
};

/**
 * A provider: the required core plus whichever capability groups it declares in
 * `capabilities` (the methods of an undeclared group may be absent).
 */
export interface Provider
  extends ProviderCore, Partial<SessionStore>, Partial<ManagementStore>, Partial<FleetStore> {}

/** A provider known to have capability `C` (see `hasCapability` in the client). */
export type ProviderWith<C extends ProviderCapability> = Provider & CapabilityMethods[C];

/** A provider with every capability group: what the built-in providers implement. */
export interface CompleteProvider extends ProviderCore, SessionStore, ManagementStore, FleetStore {}
