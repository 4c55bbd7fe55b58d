/**
 * Records of the provider contract (providers/provider.ts): instance and execution read models,
 * the management results and queries, and the fleet records. Split from the contract file to
 * keep it readable; import them from providers/provider.ts, which re-exports every one.
 * @module
 */
import type { StoredVersionPolicy } from '../core/versioning/version-policy.js';

/** Status of one execution. A cancelled execution is `Failed`. */
export type ExecutionStatus = 'Running' | 'Completed' | 'Failed' | 'ContinuedAsNew';

export const EXECUTION_STATUSES: readonly ExecutionStatus[] = [
  'Running',
  'Completed',
  'Failed',
  'ContinuedAsNew',
];

/** Instance read model; `status`/`output` are the current execution's. */
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

// ----- management -----

/** Counts of what a deletion removed. */
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

/** Counts over instances joined with their current execution. */
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

/** Queue backlog. */
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

export const INSTANCE_COUNT_GROUP_BYS: readonly InstanceCountGroupBy[] = [
  'status',
  'name',
  'version',
];

/** One facet of `countInstances`; a never-recorded version counts under `'unknown'`. */
export interface InstanceCount {
  readonly key: string;
  readonly count: number;
}
// ----- fleet: version policies, nodes, audit log, per-instance version targets -----

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

/** What a runtime announces about itself (docs/versioning.md, "Node registry"). */
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

/** `OrchestrationAckOptions.claimWorkItems`: worker items an ack inserts locked for its caller. */
export interface WorkItemClaim {
  /** Indexes into the ack's `workerItems`. */
  readonly indexes: readonly number[];
  readonly lockTimeoutMs: number;
  /** Who claims them (a node id), as `FetchWorkOptions.lockOwner`. */
  readonly lockOwner?: string;
}

// ----- operator store: queue statistics, open work items, bulk jobs, stored API keys -----

/** One peek-lock queue at a point in time ({@link OperatorStore.getQueueStats}). */
export interface QueueStatRecord {
  /** Visible now and not validly locked: waiting for a dispatcher. */
  readonly ready: number;
  /** Validly locked: being processed. */
  readonly locked: number;
  /** Not locked and not visible yet (timers, delayed retries, abandons with a delay). */
  readonly delayed: number;
  /**
   * When the longest-waiting ready row became ready (epoch ms: the later of its `visibleAt` and
   * its creation); null when none is ready.
   */
  readonly oldestReadyAt: number | null;
  /** Earliest future `visibleAt` among delayed rows; null when none. */
  readonly nextVisibleAt: number | null;
}

export interface QueueStatsRecord {
  readonly orchestrator: QueueStatRecord;
  readonly worker: QueueStatRecord;
  /** `TimerFired` rows not due yet: a subset of `orchestrator.delayed`. */
  readonly timers: { readonly pending: number; readonly nextFireAt: number | null };
  /** The provider's clock when it read them (epoch ms), to turn times into ages. */
  readonly at: number;
}

/** One worker-queue row of an instance: a scheduled activity not completed yet. */
export interface WorkItemStateRecord {
  readonly executionId: number;
  /** The scheduling event id. */
  readonly activityId: number;
  readonly activityName: string | undefined;
  /** Fetches so far (0 while never fetched). */
  readonly attemptCount: number;
  readonly visibleAt: number;
  /** While a worker holds a valid lock: who (the fetch's `lockOwner`, if given) and until when. */
  readonly lock: { readonly owner: string | undefined; readonly lockedUntil: number } | undefined;
  readonly sessionId: string | undefined;
  readonly tag: string | undefined;
}

export type BulkJobState = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

/** A new bulk job; the provider stamps the times. */
export interface BulkJobInput {
  readonly jobId: string;
  readonly action: string;
  /** JSON text of the request (what to do to which instances); stored blindly. */
  readonly request: string;
  readonly actor: string | undefined;
  /** `queued` to run it, or a terminal state for a job done at creation (a dry run). */
  readonly state: BulkJobState;
  /** JSON text of the progress; stored blindly. */
  readonly progress: string;
}

export interface BulkJobRecord extends BulkJobInput {
  readonly error: string | undefined;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Someone asked to cancel a running job; its runner ends it as `cancelled`. */
  readonly isCancelRequested: boolean;
  /** The runner holding the job and until when (epoch ms); absent while queued. */
  readonly leaseOwner: string | undefined;
  readonly leaseUntil: number | undefined;
}

export interface BulkJobQuery {
  /** At most this many (1–1000), newest first (by `createdAt`, then `jobId`). */
  readonly limit: number;
  /** Only jobs after this one in that order (keyset paging). */
  readonly after?: { readonly createdAt: number; readonly jobId: string } | undefined;
  readonly state?: BulkJobState | undefined;
}

/** A runner's write to a job it holds: progress, and optionally its end. */
export interface BulkJobUpdate {
  readonly progress: string;
  readonly state?: 'completed' | 'failed' | 'cancelled' | undefined;
  readonly error?: string | undefined;
  /** Extends the lease to now + this. */
  readonly leaseMs: number;
}

/** An API key of the management server kept in the store: no secret, only its scrypt hash. */
export interface StoredApiKeyRecord {
  /** The key's public part (`dxk_<prefix>_…`). */
  readonly prefix: string;
  readonly name: string;
  readonly role: string;
  readonly hash: string;
  readonly createdAt: number;
  readonly createdBy: string | undefined;
  readonly expiresAt: number | undefined;
  /** Set once revoked (epoch ms); a revoked key is refused. */
  readonly revokedAt: number | undefined;
}

/**
 * What operators' tools (the management server, the CLI) read from and keep in the store beyond
 * the management reads: queue statistics, an instance's open work items, durable bulk jobs and
 * API keys. Reached through `ManagementStore.operatorStore()`. Times are the provider's clock.
 */
export interface OperatorStore {
  getQueueStats(): Promise<QueueStatsRecord>;
  /** The instance's worker-queue rows (every execution), by activity id. */
  listWorkItems(instanceId: string): Promise<WorkItemStateRecord[]>;
  /** @throws ProviderError when `jobId` exists. */
  createBulkJob(job: BulkJobInput): Promise<BulkJobRecord>;
  getBulkJob(jobId: string): Promise<BulkJobRecord | null>;
  listBulkJobs(query: BulkJobQuery): Promise<BulkJobRecord[]>;
  /**
   * Takes the oldest queued or running job whose lease is absent or expired (only `jobId` when
   * given) for `owner` until now + `leaseMs`, setting it `running`; null when none. Atomic: of
   * concurrent claims one wins.
   */
  claimBulkJob(owner: string, leaseMs: number, jobId?: string): Promise<BulkJobRecord | null>;
  /** Writes while `owner` still holds the running job; null (nothing written) otherwise. */
  updateBulkJob(jobId: string, owner: string, update: BulkJobUpdate): Promise<BulkJobRecord | null>;
  /**
   * A queued job becomes `cancelled`; a running one is marked `isCancelRequested`; a finished
   * one is unchanged. Null for an unknown id.
   */
  cancelBulkJob(jobId: string): Promise<BulkJobRecord | null>;
  /** False (nothing written) when the prefix exists or a key not revoked has the name. */
  insertApiKey(key: Omit<StoredApiKeyRecord, 'createdAt' | 'revokedAt'>): Promise<boolean>;
  /** Every key, revoked ones included, oldest first. */
  listApiKeys(): Promise<StoredApiKeyRecord[]>;
  /** Revokes the key not revoked yet with this name; null when there is none. */
  revokeApiKey(name: string): Promise<StoredApiKeyRecord | null>;
}

/** Which queue a poisoned (quarantined) row came from. */
export type PoisonedQueue = 'orchestrator' | 'worker';

/** What a fetch reports when it moves a row it cannot process out of its queue. */
export interface PoisonedItemReport {
  readonly poisonId: number;
  readonly queue: PoisonedQueue;
  /** The row's instance id as stored (absent when the row has none). */
  readonly instanceId: string | undefined;
  /** The row's item type column (`ActivityExecute` on the worker queue). */
  readonly itemType: string | undefined;
  readonly reason: string;
  /** Size of the stored `work_item` text in bytes (UTF-8). */
  readonly sizeBytes: number;
}

/** A row quarantined in `poisoned_items`: kept for an operator, never fetched again. */
export interface PoisonedItemRecord extends PoisonedItemReport {
  /** Fetch attempts the row had when it was moved. */
  readonly attemptCount: number;
  /** When the row was first enqueued (epoch ms). */
  readonly enqueuedAt: number;
  /** When the fetch moved it (epoch ms). */
  readonly poisonedAt: number;
  /** The first 200 characters of the stored text (the full text stays in the store). */
  readonly preview: string;
}

/** One page of poisoned rows, newest first. */
export interface PoisonedItemQuery {
  /** 1 to 1000, default 100. */
  readonly limit?: number | undefined;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string | undefined;
}

export interface PoisonedItemPage {
  readonly items: PoisonedItemRecord[];
  /** Present when more rows follow. */
  readonly nextCursor: string | undefined;
}

/**
 * Fetch options both queues share: rows the fetch cannot process are quarantined
 * (docs/reliability.md) — moved to the provider's poisoned items, reported, never fetched again.
 */
export interface PoisonHandling {
  /**
   * Rows whose stored work item is larger than this many bytes are quarantined without being
   * loaded. Absent: no size limit. Rows that do not decode as work items are quarantined always.
   */
  readonly maxItemBytes?: number | undefined;
  /** Called once per quarantined row after the fetch committed (the runtime logs it). */
  readonly onPoisoned?: ((report: PoisonedItemReport) => void) | undefined;
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
  | {
      readonly kind: 'instance';
      readonly instanceId: string;
      readonly executionStatus?: ExecutionStatus;
      /**
       * With a `Completed` or `Failed` `executionStatus`: what `getInstance` reports right
       * after that commit, so a waiter resolves without reading it. Optional even then (a
       * provider may leave it out, e.g. when it would not fit a notification): absent, re-read.
       */
      readonly final?: {
        /** The output (`Completed`) or error (`Failed`), as stored. */
        readonly output: string | undefined;
        readonly customStatus: string | undefined;
        readonly customStatusVersion: number;
      };
    }
  /** An ack cancelled a queued or running activity (its worker row was deleted). */
  | {
      readonly kind: 'activityCancelled';
      readonly instanceId: string;
      readonly executionId: number;
      readonly activityId: number;
    };

export type ProviderSignalListener = (signal: ProviderSignal) => void;

/** A queued `StartOrchestration` as `getQueuedStart` reports it. */
export interface QueuedStartRecord {
  /** Fetches so far (0 while no runtime has taken it). */
  readonly attemptCount: number;
  /** A runtime holds it now (its lock is valid). */
  readonly locked: boolean;
}
