/**
 * The SQLite provider: the whole provider contract on one better-sqlite3
 * connection, for embedded use and tests.
 *
 * better-sqlite3 is synchronous; every method runs its statements to completion before the
 * returned promise settles, so calls never interleave inside a transaction. Several processes
 * (or several providers in one process) may share a database file: every write is a
 * `BEGIN IMMEDIATE` transaction, so writers queue on SQLite's write lock instead of
 * deadlocking on a read-to-write upgrade, and WAL lets readers proceed meanwhile.
 * @module
 */
import type Database from 'better-sqlite3';
import { InvalidInputError, ProviderError } from '../../core/errors/duroxide-error.js';
import type { HistoryEvent } from '../../core/history/history-event.js';
import type { WorkItem, WorkItemOfType } from '../../core/history/work-item.js';
import type {
  AbandonOptions,
  AuditEntryInput,
  AuditQuery,
  AuditRecord,
  DeleteInstancesResult,
  ExecutionRecord,
  ExecutionStatus,
  FetchOrchestrationOptions,
  FetchWorkOptions,
  InstanceCount,
  InstanceCountGroupBy,
  InstanceQuery,
  InstanceQueryFilter,
  InstanceRecord,
  QueuedStartRecord,
  InstanceRecordPage,
  PoisonedItemPage,
  PoisonedItemQuery,
  InstanceSelectionFilter,
  InstanceVersionChange,
  KvEntryRecord,
  LockedOrchestrationItem,
  LockedWorkItem,
  NodeRecord,
  OrchestrationAck,
  OrchestrationAckOptions,
  OrchestrationAckResult,
  OrchestrationStatsRecord,
  CompleteProvider,
  ProviderCapabilities,
  ProviderSignal,
  ProviderSignalListener,
  PruneExecutionsOptions,
  PruneExecutionsResult,
  QueueDepthsRecord,
  StoredVersionPolicy,
  SystemMetricsRecord,
  VersionPolicyRecord,
} from '../provider.js';
import { SignalFanOut } from '../shared/signal-fan-out.js';
import { ExternalCommitWatch } from './external-commit-watch.js';
import { GroupCommit } from './group-commit.js';
import { applyMigrations } from './migrations/apply-migrations.js';
import { openDatabase } from './open-database.js';
import { MEMORY_LOCATION, parseSqliteUrl } from './sqlite-url.js';
import type { QueueActivity } from './statements/read-queue-activity.js';
import { prepareOperations, type Operations } from './operations.js';
import { sqliteOperatorStore } from './sqlite-operator-store.js';
import type { OperatorStore } from '../provider-records.js';
import { toProviderError } from './to-provider-error.js';

/** Options of {@link SqliteProvider.open}, {@link SqliteProvider.openFile} and {@link SqliteProvider.inMemory}. */
export interface SqliteProviderOptions {
  /**
   * The clock every stored time is computed from (lock expiry, visibility, timestamps), in
   * epoch ms; default `Date.now`. Tests inject a clock they can move forward.
   */
  readonly now?: () => number;
}

/**
 * SQLite implementation of {@link Provider}.
 *
 * Short-polling: `pollTimeoutMs` is ignored and fetches return at once; use {@link subscribe}
 * (in-process commit signals) and {@link nextOrchestratorVisibleAt} to avoid busy polling.
 *
 * @example
 * const provider = await SqliteProvider.open('sqlite:./data/duroxide.db');
 * // … hand it to a Runtime / Client …
 * await provider.close();
 */
export class SqliteProvider implements CompleteProvider {
  readonly name = 'sqlite';
  /** Every capability but cross-process signals: other processes' commits are found by polling. */
  readonly capabilities: ProviderCapabilities = {
    localActivityHandoff: true,
    sessions: true,
    management: true,
    fleet: true,
    crossProcessSignals: false,
  };

  readonly #db: Database.Database;
  readonly #ops: Operations;
  readonly #signals = new SignalFanOut();
  readonly #group: GroupCommit;
  readonly #external: ExternalCommitWatch;
  readonly #now: () => number;
  #isClosed = false;
  #operatorStore: OperatorStore | undefined;

  private constructor(db: Database.Database, now: () => number, shared: boolean) {
    this.#db = db;
    this.#now = now;
    this.#ops = prepareOperations(db);
    this.#group = new GroupCommit(db, () => this.#isClosed);
    this.#external = new ExternalCommitWatch(db, shared, () => !this.#isClosed);
  }

  /**
   * Opens a database from a connection URL: `sqlite:path/to/file.db` (created if missing) or
   * `sqlite::memory:`.
   * @throws InvalidInputError (`INVALID_INPUT`) for any other url form.
   * @throws SchemaTooNewError (`SCHEMA_TOO_NEW`) when the file was migrated by a newer duroxide-ts.
   * @throws ProviderError (`PROVIDER_ERROR`) when the file cannot be opened.
   */
  static async open(url: string, options?: SqliteProviderOptions): Promise<SqliteProvider> {
    return SqliteProvider.#openLocation(parseSqliteUrl(url), options);
  }

  /** Opens (creating if missing) the database file at `path`; see {@link open}. */
  static async openFile(path: string, options?: SqliteProviderOptions): Promise<SqliteProvider> {
    return SqliteProvider.#openLocation(path, options);
  }

  /** A private in-memory database, gone when closed. */
  static async inMemory(options?: SqliteProviderOptions): Promise<SqliteProvider> {
    return SqliteProvider.#openLocation(MEMORY_LOCATION, options);
  }

  static async #openLocation(
    location: string,
    options: SqliteProviderOptions = {},
  ): Promise<SqliteProvider> {
    const now = options.now ?? Date.now;
    if (typeof now !== 'function') {
      throw new InvalidInputError(
        `SQLite provider option now must be a function returning epoch ms, got ${JSON.stringify(now)}`,
      );
    }
    let db: Database.Database;
    try {
      db = await openDatabase(location);
    } catch (error) {
      throw toProviderError('open', error);
    }
    try {
      applyMigrations(db, location, now());
      return new SqliteProvider(db, now, location !== MEMORY_LOCATION);
    } catch (error) {
      db.close();
      throw toProviderError('open', error);
    }
  }

  // ----- orchestrator queue -----

  async fetchOrchestrationItem(
    options: FetchOrchestrationOptions,
  ): Promise<LockedOrchestrationItem | null> {
    return this.#write('fetchOrchestrationItem', (ops) =>
      ops.fetchOrchestrationItem(options, this.#now()),
    );
  }

  async ackOrchestrationItem(
    lockToken: string,
    ack: OrchestrationAck,
    options: OrchestrationAckOptions = {},
  ): Promise<OrchestrationAckResult> {
    const result = await this.#write(
      'ackOrchestrationItem',
      (ops) => ops.ackOrchestrationItem(lockToken, ack, options, this.#now()),
      (result) => {
        if (result.orchestratorVisibleAt !== undefined) {
          this.#emit({ kind: 'orchestrator', visibleAt: result.orchestratorVisibleAt });
        }
        if (result.workerItemCount > 0) this.#emit({ kind: 'worker' });
        // Lets the runtime abort an activity running in this process now, instead of at its next
        // lock renewal (which would fail: the row is gone).
        for (const c of result.cancelledActivities) this.#emit({ kind: 'activityCancelled', ...c });
        this.#emit({
          kind: 'instance',
          instanceId: result.instanceId,
          executionStatus: ack.metadata.status ?? 'Running',
          // An ending commit carries the final state: waitForOrchestration resolves from it.
          ...(result.final === undefined ? {} : { final: result.final }),
        });
      },
    );
    return {
      claimedWorkItems: result.claimedWorkItems,
      lockKept: result.lockKept,
      instanceCreatedAt: result.instanceCreatedAt,
    };
  }

  async abandonOrchestrationItem(lockToken: string, options: AbandonOptions = {}): Promise<void> {
    await this.#write(
      'abandonOrchestrationItem',
      (ops) => ops.abandonOrchestrationItem(lockToken, options, this.#now()),
      (visibleAt) => this.#emit({ kind: 'orchestrator', visibleAt }),
    );
  }

  async renewOrchestrationItemLock(lockToken: string, extendForMs: number): Promise<void> {
    await this.#write('renewOrchestrationItemLock', (ops) =>
      ops.renewOrchestrationItemLock(lockToken, extendForMs, this.#now()),
    );
  }

  async enqueueForOrchestrator(item: WorkItem, delayMs?: number): Promise<void> {
    await this.#write(
      'enqueueForOrchestrator',
      (ops) => ops.enqueueForOrchestrator(item, delayMs, this.#now()),
      (visibleAt) => this.#emit({ kind: 'orchestrator', visibleAt }),
    );
  }

  async enqueueStartIfAbsent(item: WorkItemOfType<'StartOrchestration'>): Promise<boolean> {
    const visibleAt = await this.#write(
      'enqueueStartIfAbsent',
      (ops) => ops.enqueueStartIfAbsent(item, this.#now()),
      (at) => {
        if (at !== undefined) this.#emit({ kind: 'orchestrator', visibleAt: at });
      },
    );
    return visibleAt !== undefined;
  }

  async nextOrchestratorVisibleAt(): Promise<number | null> {
    return this.#run('nextOrchestratorVisibleAt', (ops) =>
      ops.nextOrchestratorVisibleAt(this.#now()),
    );
  }

  /**
   * Whether work is due or in flight, and the next delayed visibility; queued behind the
   * writes already requested, so it sees them.
   * @internal The test kit's virtual clock (`createTestEnvironment`).
   */
  async readQueueActivity(): Promise<QueueActivity> {
    return this.#write('readQueueActivity', (ops) => ops.queueActivity(this.#now()));
  }

  // ----- worker queue -----

  async fetchWorkItem(options: FetchWorkOptions): Promise<LockedWorkItem | null> {
    return this.#write('fetchWorkItem', (ops) => ops.fetchWorkItem(options, this.#now()));
  }

  async ackWorkItem(lockToken: string, completion?: WorkItem): Promise<void> {
    await this.#write(
      'ackWorkItem',
      (ops) => ops.ackWorkItem(lockToken, completion, this.#now()),
      (visibleAt) => {
        if (visibleAt !== undefined) this.#emit({ kind: 'orchestrator', visibleAt });
      },
    );
  }

  async abandonWorkItem(lockToken: string, options: AbandonOptions = {}): Promise<void> {
    await this.#write(
      'abandonWorkItem',
      (ops) => ops.abandonWorkItem(lockToken, options, this.#now()),
      () => this.#emit({ kind: 'worker' }),
    );
  }

  async renewWorkItemLock(lockToken: string, extendForMs: number): Promise<void> {
    await this.#write('renewWorkItemLock', (ops) =>
      ops.renewWorkItemLock(lockToken, extendForMs, this.#now()),
    );
  }

  async renewSessionLocks(
    ownerIds: readonly string[],
    extendForMs: number,
    idleTimeoutMs: number,
  ): Promise<number> {
    return this.#run('renewSessionLocks', (ops) =>
      ops.renewSessionLocks(ownerIds, extendForMs, idleTimeoutMs, this.#now()),
    );
  }

  /** `idleTimeoutMs` is not needed: an idle session is no longer renewed, so its lease expires. */
  async cleanupOrphanedSessions(_idleTimeoutMs: number): Promise<number> {
    return this.#run('cleanupOrphanedSessions', (ops) => ops.cleanupOrphanedSessions(this.#now()));
  }

  // ----- reads -----

  async readHistory(instanceId: string, executionId?: number): Promise<HistoryEvent[]> {
    return this.#run('readHistory', (ops) => ops.readHistory(instanceId, executionId));
  }

  async getInstance(instanceId: string): Promise<InstanceRecord | null> {
    return this.#run('getInstance', (ops) => ops.instances.getInstance(instanceId));
  }

  async instanceExists(instanceId: string): Promise<boolean> {
    return this.#run('instanceExists', (ops) => ops.instances.instanceExists(instanceId));
  }

  async getQueuedStart(instanceId: string): Promise<QueuedStartRecord | null> {
    return this.#run('getQueuedStart', (ops) =>
      ops.instances.getQueuedStart(instanceId, this.#now()),
    );
  }

  async getExecution(instanceId: string, executionId: number): Promise<ExecutionRecord | null> {
    return this.#run('getExecution', (ops) => ops.executions.getExecution(instanceId, executionId));
  }

  async listExecutions(instanceId: string): Promise<number[]> {
    return this.#run('listExecutions', (ops) => ops.executions.listExecutions(instanceId));
  }

  async listInstances(): Promise<string[]> {
    return this.#run('listInstances', (ops) => ops.instances.listInstances());
  }

  async listInstancesByStatus(status: ExecutionStatus): Promise<string[]> {
    return this.#run('listInstancesByStatus', (ops) => ops.instances.listInstancesByStatus(status));
  }

  async getKvValue(instanceId: string, key: string): Promise<string | null> {
    return this.#run('getKvValue', (ops) => ops.kv.getValue(instanceId, key));
  }

  async getKvAllValues(instanceId: string): Promise<Map<string, string>> {
    return this.#run('getKvAllValues', (ops) => ops.kv.getAllValues(instanceId));
  }

  async getCustomStatus(
    instanceId: string,
    lastSeenVersion: number,
  ): Promise<{ readonly value: string | null; readonly version: number } | null> {
    return this.#run('getCustomStatus', (ops) =>
      ops.instances.getCustomStatus(instanceId, lastSeenVersion),
    );
  }

  async readKvSnapshot(instanceId: string): Promise<Map<string, KvEntryRecord>> {
    return this.#run('readKvSnapshot', (ops) => ops.kv.readSnapshot(instanceId));
  }

  async hasQueuedCancel(instanceId: string): Promise<boolean> {
    return this.#run('hasQueuedCancel', (ops) => ops.hasQueuedCancel(instanceId));
  }

  // ----- management -----

  async deleteInstances(
    instanceIds: readonly string[],
    force: boolean,
  ): Promise<DeleteInstancesResult> {
    const result = this.#run('deleteInstances', (ops) =>
      ops.deletion.deleteInstances(instanceIds, force),
    );
    // Wake waiters on the deleted instances (they now read NotFound).
    if (result.instancesDeleted > 0) {
      for (const instanceId of instanceIds) this.#emit({ kind: 'instance', instanceId });
    }
    return result;
  }

  async getInstanceTree(instanceId: string): Promise<string[]> {
    return this.#run('getInstanceTree', (ops) => ops.trees.getInstanceTree(instanceId));
  }

  async deleteInstanceBulk(filter: InstanceSelectionFilter): Promise<DeleteInstancesResult> {
    const { deletedIds, ...result } = this.#run('deleteInstanceBulk', (ops) =>
      ops.deletion.deleteInstanceBulk(filter),
    );
    for (const instanceId of deletedIds) this.#emit({ kind: 'instance', instanceId });
    return result;
  }

  async pruneExecutions(
    instanceId: string,
    options: PruneExecutionsOptions,
  ): Promise<PruneExecutionsResult> {
    return this.#run('pruneExecutions', (ops) => ops.pruning.pruneExecutions(instanceId, options));
  }

  async pruneExecutionsBulk(
    filter: InstanceSelectionFilter,
    options: PruneExecutionsOptions,
  ): Promise<PruneExecutionsResult> {
    return this.#run('pruneExecutionsBulk', (ops) =>
      ops.pruning.pruneExecutionsBulk(filter, options),
    );
  }

  async getSystemMetrics(): Promise<SystemMetricsRecord> {
    return this.#run('getSystemMetrics', (ops) => ops.metrics.getSystemMetrics());
  }

  async getQueueDepths(): Promise<QueueDepthsRecord> {
    return this.#run('getQueueDepths', (ops) => ops.metrics.getQueueDepths(this.#now()));
  }

  async getOrchestrationStats(instanceId: string): Promise<OrchestrationStatsRecord | null> {
    return this.#run('getOrchestrationStats', (ops) =>
      ops.metrics.getOrchestrationStats(instanceId),
    );
  }

  async queryInstances(query: InstanceQuery): Promise<InstanceRecordPage> {
    return this.#run('queryInstances', (ops) => ops.queries.queryInstances(query));
  }

  async countInstances(
    filter: InstanceQueryFilter,
    groupBy: InstanceCountGroupBy,
  ): Promise<InstanceCount[]> {
    return this.#run('countInstances', (ops) => ops.queries.countInstances(filter, groupBy));
  }

  operatorStore(): OperatorStore {
    return (this.#operatorStore ??= sqliteOperatorStore({
      run: (operation, fn) => this.#run(operation, (ops) => fn(ops.operator)),
      now: this.#now,
    }));
  }

  async listPoisonedItems(query: PoisonedItemQuery): Promise<PoisonedItemPage> {
    return this.#run('listPoisonedItems', (ops) => ops.poisoned.list(query));
  }

  async prunePoisonedItems(poisonedBefore: number): Promise<number> {
    return this.#run('prunePoisonedItems', (ops) => ops.poisoned.prune(poisonedBefore));
  }

  // ----- fleet (transactions of their own, not group-committed: rare, operator-paced) -----

  async setVersionPolicy(
    orchestrationName: string,
    policy: StoredVersionPolicy | null,
    audit: AuditEntryInput,
  ): Promise<VersionPolicyRecord | null> {
    return this.#run('setVersionPolicy', (ops) =>
      ops.policies.set(orchestrationName, policy, audit),
    );
  }

  async getVersionPolicy(orchestrationName: string): Promise<VersionPolicyRecord | null> {
    return this.#run('getVersionPolicy', (ops) => ops.policies.get(orchestrationName));
  }

  async listVersionPolicies(): Promise<VersionPolicyRecord[]> {
    return this.#run('listVersionPolicies', (ops) => ops.policies.list());
  }

  async appendAudit(entry: AuditEntryInput): Promise<void> {
    this.#run('appendAudit', (ops) => ops.audit.append(entry));
  }

  async listAudit(query: AuditQuery): Promise<AuditRecord[]> {
    return this.#run('listAudit', (ops) => ops.audit.list(query));
  }

  async heartbeatNode(node: NodeRecord): Promise<void> {
    this.#run('heartbeatNode', (ops) => ops.nodes.heartbeat(node));
  }

  async removeNode(nodeId: string): Promise<void> {
    this.#run('removeNode', (ops) => ops.nodes.remove(nodeId));
  }

  async listNodes(): Promise<NodeRecord[]> {
    return this.#run('listNodes', (ops) => ops.nodes.list());
  }

  async pruneNodes(lastSeenBefore: number): Promise<number> {
    return this.#run('pruneNodes', (ops) => ops.nodes.prune(lastSeenBefore));
  }

  async setInstanceVersion(
    instanceId: string,
    change: InstanceVersionChange,
    audit: AuditEntryInput,
  ): Promise<boolean> {
    return this.#run('setInstanceVersion', (ops) =>
      ops.setInstanceVersion(instanceId, change, audit),
    );
  }

  // ----- lifecycle -----

  subscribe(listener: ProviderSignalListener): () => void {
    return this.#signals.subscribe(listener);
  }

  /** Other connections' commits to the same file (`PRAGMA data_version`, read every 5 ms while subscribed). */
  subscribeExternalCommits(listener: () => void): () => void {
    return this.#external.subscribe(listener);
  }

  /** Closes the connection. Idempotent; later calls fail with a `ProviderError`. */
  async close(): Promise<void> {
    if (this.#isClosed) return;
    this.#group.flush(); // writes already accepted are committed, not dropped
    this.#isClosed = true;
    this.#signals.clear();
    this.#external.close();
    this.#db.close();
  }

  /** A hot-path write, group-committed with the others of this event-loop turn (group-commit.ts). */
  #write<T>(
    operation: string,
    fn: (ops: Operations) => T,
    afterCommit?: (result: T) => void,
  ): Promise<T> {
    return this.#group.write(operation, () => fn(this.#ops), afterCommit);
  }

  /** Runs one operation, translating every failure into a classified `ProviderError`. */
  #run<T>(operation: string, fn: (ops: Operations) => T): T {
    if (this.#isClosed) {
      throw new ProviderError(operation, 'the SQLite provider is closed; open a new one', false);
    }
    try {
      return fn(this.#ops);
    } catch (error) {
      throw toProviderError(operation, error);
    }
  }

  #emit(signal: ProviderSignal): void {
    this.#signals.emit(signal);
  }
}
