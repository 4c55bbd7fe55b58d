/**
 * The PostgreSQL provider: the whole provider contract on a `pg` connection pool, so
 * many runtime processes on many machines can share one database — PostgreSQL is the only
 * thing they share.
 *
 * How it is built:
 * - one operation family per module under `statements/`. Each hot-path operation is ONE
 *   round trip (plus one to load history when a fetch misses the cache hint): a single SQL
 *   statement (data-modifying CTEs where several tables change together), or, for the two
 *   operations that need a dozen steps — fetching and acking an orchestration item — a call
 *   of a plpgsql function that the migrations create in the schema (fetch: 0001; ack: 0002,
 *   replacing 0001's). Round trips, not SQL, dominate a provider's cost, all the more across
 *   a network. Function bodies live in migrations (immutable; a change ships as a new
 *   migration with CREATE OR REPLACE, or DROP and CREATE when the signature changes), their
 *   callers in `statements/` document the rules. Management operations (deletion, pruning)
 *   run several statements in an explicit READ COMMITTED transaction;
 * - tables live in one schema per application (`connectWithSchema`), always schema-qualified;
 * - timestamps are BIGINT epoch ms from the application clock, like SQLite;
 * - queue rows are taken with `FOR UPDATE SKIP LOCKED`; instance locks are rows guarded by a
 *   non-blocking advisory lock, and a contended candidate makes the fetch move on to the next
 *   one (fetchers never wait for each other);
 * - commits that add work send a NOTIFY on the schema's channel; a LISTEN connection, open
 *   while someone subscribes, turns other processes' NOTIFYs into `subscribe` signals;
 * - transient failures (connection loss, server restart, deadlock, pool timeout) are retried
 *   inside the provider a few times with a backoff, then surface as retryable errors.
 * @module
 */
import type { ClientConfig } from 'pg';
import type { HistoryEvent } from '../../core/history/history-event.js';
import type { WorkItem, WorkItemOfType } from '../../core/history/work-item.js';
import type {
  AbandonOptions,
  AuditEntryInput,
  AuditQuery,
  AuditRecord,
  InstanceVersionChange,
  NodeRecord,
  StoredVersionPolicy,
  VersionPolicyRecord,
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
  KvEntryRecord,
  LockedOrchestrationItem,
  LockedWorkItem,
  OrchestrationAck,
  OrchestrationAckOptions,
  OrchestrationAckResult,
  OrchestrationStatsRecord,
  CompleteProvider,
  ProviderCapabilities,
  ProviderSignalListener,
  PruneExecutionsOptions,
  PruneExecutionsResult,
  QueueDepthsRecord,
  SystemMetricsRecord,
} from '../provider.js';
import {
  DEFAULT_SCHEMA,
  type PostgresProviderOptions,
  type ResolvedPostgresOptions,
  type SchemaIdentity,
  resolveOptions,
  schemaIdentity,
  validatePostgresUrl,
  validateSchemaName,
} from './connection-config.js';
import { type Database } from './database.js';
import { prepareEntraConnect, type PostgresEntraOptions } from './entra-auth.js';
import type { SignalHub } from './notify/signal-hub.js';
import { runOperation, type RetryPolicy } from './connection-settings.js';
import { openConnection } from './open-connection.js';
import { prepareOperations, type Operations } from './operations.js';
import { postgresOperatorStore } from './postgres-operator-store.js';
import type { OperatorStore } from '../provider-records.js';
import { redactConnectError } from './to-provider-error.js';

export type { PostgresProviderOptions } from './connection-config.js';
export type { EntraAccessToken, EntraTokenCredential, PostgresEntraOptions } from './entra-auth.js';

/**
 * PostgreSQL implementation of {@link Provider}: several runtime processes (on several
 * machines) may share one database schema; each orchestration turn and each activity is
 * handed to exactly one of them at a time.
 *
 * Short-polling (`pollTimeoutMs` is ignored), but idle runtimes need not poll hard: commits
 * by any provider on the same schema NOTIFY, and {@link subscribe} listeners hear them.
 *
 * @example
 * const provider = await PostgresProvider.connectWithSchema('postgres://app:secret@db:5432/app', 'duroxide');
 * const runtime = new Runtime(provider);
 * // … register, start; a Client on any process uses a provider on the same schema …
 * await runtime.shutdown();
 * await provider.close();
 */
export class PostgresProvider implements CompleteProvider {
  readonly name = 'postgres';
  /** Every capability; LISTEN/NOTIFY carries the commits of every process using this schema. */
  readonly capabilities: ProviderCapabilities = {
    localActivityHandoff: true,
    sessions: true,
    management: true,
    fleet: true,
    crossProcessSignals: true,
  };
  /** The schema holding this provider's tables. */
  readonly schema: string;

  readonly #db: Database;
  readonly #ops: Operations;
  readonly #signals: SignalHub;
  /** Tail of the queue of session-routed work fetches (see {@link fetchWorkItem}). */
  #sessionFetches: Promise<unknown> = Promise.resolve();
  readonly #now: () => number;
  #isClosed = false;
  #operatorStore: OperatorStore | undefined;

  private constructor(db: Database, schema: SchemaIdentity, origin: string, signals: SignalHub) {
    this.#now = signals.now;
    this.schema = schema.name;
    this.#db = db;
    this.#signals = signals;
    this.#ops = prepareOperations({ schema, origin });
  }

  /**
   * Connects to `url` and uses the `public` schema; see {@link connectWithSchema}.
   * @throws as {@link connectWithSchema}; a database that refuses the connection (e.g. bad
   *   credentials) fails with a permanent `ProviderError`, an unreachable one with a retryable one.
   */
  static async connect(url: string, options?: PostgresProviderOptions): Promise<PostgresProvider> {
    return PostgresProvider.connectWithSchema(url, DEFAULT_SCHEMA, options);
  }

  /**
   * Connects to `url` (`postgres://user:password@host:5432/database`, any libpq-style query
   * such as `?sslmode=require` is passed to the driver) and keeps all tables in `schema`,
   * created if missing, so several applications or tenants can share one database. Applies
   * pending migrations under an advisory lock (nodes starting together migrate once) on a pool
   * of `options.poolSize` (default 10); idle connections never keep the process alive.
   * @throws InvalidInputError (`INVALID_INPUT`) for a malformed url, schema name or option.
   * @throws SchemaTooNewError (`SCHEMA_TOO_NEW`) when the schema was migrated by a newer duroxide-ts.
   * @throws ProviderError (`PROVIDER_ERROR`) when the database cannot be reached or used.
   */
  static async connectWithSchema(
    url: string,
    schema: string,
    options?: PostgresProviderOptions,
  ): Promise<PostgresProvider> {
    validatePostgresUrl(url);
    const identity = schemaIdentity(validateSchemaName(schema));
    const resolved = resolveOptions(options);
    try {
      return await PostgresProvider.#open({ connectionString: url }, identity, resolved);
    } catch (error) {
      throw redactConnectError(error, url);
    }
  }

  /**
   * duroxide-node's Entra connection in the `public` schema; see {@link connectWithSchemaAndEntra}.
   * @throws as {@link connectWithSchemaAndEntra}
   */
  static async connectWithEntra(
    host: string,
    port: number,
    database: string,
    user: string,
    options?: PostgresEntraOptions,
  ): Promise<PostgresProvider> {
    return PostgresProvider.connectWithSchemaAndEntra(
      host,
      port,
      database,
      user,
      DEFAULT_SCHEMA,
      options,
    );
  }

  /**
   * Connects to Azure Database for PostgreSQL with Microsoft Entra ID authentication: the
   * password of each new connection is an access token from `options.credential` (default:
   * `DefaultAzureCredential` of the optional peer `@azure/identity`), replaced when it comes
   * within `refreshIntervalMs` (5 min) of expiring, over TLS. Otherwise as {@link connectWithSchema}.
   * @throws InvalidInputError (`INVALID_INPUT`) for a malformed argument or option.
   * @throws ProviderError (`PROVIDER_ERROR`) when `@azure/identity` is needed but not installed,
   *   no token can be had, or the database cannot be reached or refuses the token.
   * @example
   * const provider = await PostgresProvider.connectWithSchemaAndEntra(
   *   'myserver.postgres.database.azure.com', 5432, 'app', 'my-managed-identity', 'duroxide');
   */
  static async connectWithSchemaAndEntra(
    host: string,
    port: number,
    database: string,
    user: string,
    schema: string,
    options?: PostgresEntraOptions,
  ): Promise<PostgresProvider> {
    const identity = schemaIdentity(validateSchemaName(schema));
    const entra = await prepareEntraConnect({ host, port, database, user }, options);
    return PostgresProvider.#open(entra.connection, identity, entra.resolved);
  }

  static async #open(
    target: ClientConfig,
    identity: SchemaIdentity,
    resolved: ResolvedPostgresOptions,
  ): Promise<PostgresProvider> {
    const { db, origin, signals } = await openConnection(target, identity, resolved);
    return new PostgresProvider(db, identity, origin, signals);
  }

  // ----- orchestrator queue -----

  async fetchOrchestrationItem(
    options: FetchOrchestrationOptions,
  ): Promise<LockedOrchestrationItem | null> {
    return this.#run('fetchOrchestrationItem', () =>
      this.#ops.fetchOrchestrationItem(this.#db, options, this.#now()),
    );
  }

  async ackOrchestrationItem(
    lockToken: string,
    ack: OrchestrationAck,
    options: OrchestrationAckOptions = {},
  ): Promise<OrchestrationAckResult> {
    const outcome = await this.#run('ackOrchestrationItem', () =>
      this.#ops.ackOrchestrationItem(this.#db, lockToken, ack, options, this.#now()),
    );
    this.#signals.emitAll(outcome);
    return {
      claimedWorkItems: outcome.claimedWorkItems,
      lockKept: outcome.lockKept,
      instanceCreatedAt: outcome.instanceCreatedAt,
    };
  }

  async abandonOrchestrationItem(lockToken: string, options: AbandonOptions = {}): Promise<void> {
    const visibleAt = await this.#run('abandonOrchestrationItem', () =>
      this.#ops.abandonOrchestrationItem(this.#db, lockToken, options, this.#now()),
    );
    this.#signals.emit({ kind: 'orchestrator', visibleAt });
  }

  async renewOrchestrationItemLock(lockToken: string, extendForMs: number): Promise<void> {
    await this.#run('renewOrchestrationItemLock', () =>
      this.#ops.renewOrchestrationItemLock(this.#db, lockToken, extendForMs, this.#now()),
    );
  }

  async enqueueForOrchestrator(item: WorkItem, delayMs?: number): Promise<void> {
    const visibleAt = await this.#run(
      'enqueueForOrchestrator',
      () => this.#ops.enqueueForOrchestrator(this.#db, item, delayMs, this.#now()),
      'unsent',
    );
    this.#signals.emit({ kind: 'orchestrator', visibleAt });
  }

  async enqueueStartIfAbsent(item: WorkItemOfType<'StartOrchestration'>): Promise<boolean> {
    const visibleAt = await this.#run(
      'enqueueStartIfAbsent',
      () => this.#ops.enqueueStartIfAbsent(this.#db, item, this.#now()),
      'unsent',
    );
    if (visibleAt === undefined) return false;
    this.#signals.emit({ kind: 'orchestrator', visibleAt });
    return true;
  }

  async nextOrchestratorVisibleAt(): Promise<number | null> {
    return this.#run('nextOrchestratorVisibleAt', () =>
      this.#ops.nextOrchestratorVisibleAt(this.#db, this.#now()),
    );
  }

  // ----- worker queue -----

  /**
   * Session-routed fetches of this provider run one at a time, in call order, so the sessions
   * its callers claim are decided in the order they asked (as with SQLite, and without its
   * worker slots racing each other for the same rows); other processes' fetches still run
   * concurrently, arbitrated by the database. Fetches without a session are not queued.
   */
  async fetchWorkItem(options: FetchWorkOptions): Promise<LockedWorkItem | null> {
    const fetch = (): Promise<LockedWorkItem | null> =>
      this.#run('fetchWorkItem', () => this.#ops.fetchWorkItem(this.#db, options, this.#now()));
    if (options.session === undefined) return fetch();
    const result = this.#sessionFetches.then(fetch);
    this.#sessionFetches = result.catch(() => undefined);
    return result;
  }

  async ackWorkItem(lockToken: string, completion?: WorkItem): Promise<void> {
    const visibleAt = await this.#run('ackWorkItem', () =>
      this.#ops.ackWorkItem(this.#db, lockToken, completion, this.#now()),
    );
    if (visibleAt !== undefined) this.#signals.emit({ kind: 'orchestrator', visibleAt });
  }

  async abandonWorkItem(lockToken: string, options: AbandonOptions = {}): Promise<void> {
    await this.#run('abandonWorkItem', () =>
      this.#ops.abandonWorkItem(this.#db, lockToken, options, this.#now()),
    );
    this.#signals.emit({ kind: 'worker' });
  }

  async renewWorkItemLock(lockToken: string, extendForMs: number): Promise<void> {
    await this.#run('renewWorkItemLock', () =>
      this.#ops.renewWorkItemLock(this.#db, lockToken, extendForMs, this.#now()),
    );
  }

  async renewSessionLocks(
    ownerIds: readonly string[],
    extendForMs: number,
    idleTimeoutMs: number,
  ): Promise<number> {
    const { sessions } = this.#ops;
    return this.#run('renewSessionLocks', () =>
      sessions.renewSessionLocks(this.#db, ownerIds, extendForMs, idleTimeoutMs, this.#now()),
    );
  }

  async cleanupOrphanedSessions(_idleTimeoutMs: number): Promise<number> {
    return this.#run('cleanupOrphanedSessions', () =>
      this.#ops.sessions.cleanupOrphanedSessions(this.#db, this.#now()),
    );
  }

  // ----- reads -----

  async readHistory(instanceId: string, executionId?: number): Promise<HistoryEvent[]> {
    return this.#run('readHistory', () => this.#ops.readHistory(this.#db, instanceId, executionId));
  }

  async getInstance(instanceId: string): Promise<InstanceRecord | null> {
    return this.#run('getInstance', () => this.#ops.instances.getInstance(this.#db, instanceId));
  }

  async instanceExists(instanceId: string): Promise<boolean> {
    const reads = this.#ops.instances;
    return this.#run('instanceExists', () => reads.instanceExists(this.#db, instanceId));
  }

  async getQueuedStart(instanceId: string): Promise<QueuedStartRecord | null> {
    const reads = this.#ops.instances;
    return this.#run('getQueuedStart', () =>
      reads.getQueuedStart(this.#db, instanceId, this.#now()),
    );
  }

  async getExecution(instanceId: string, executionId: number): Promise<ExecutionRecord | null> {
    return this.#run('getExecution', () =>
      this.#ops.executions.getExecution(this.#db, instanceId, executionId),
    );
  }

  async listExecutions(instanceId: string): Promise<number[]> {
    const { executions } = this.#ops;
    return this.#run('listExecutions', () => executions.listExecutions(this.#db, instanceId));
  }

  async listInstances(): Promise<string[]> {
    return this.#run('listInstances', () => this.#ops.instances.listInstances(this.#db));
  }

  async listInstancesByStatus(status: ExecutionStatus): Promise<string[]> {
    const reads = this.#ops.instances;
    return this.#run('listInstancesByStatus', () => reads.listInstancesByStatus(this.#db, status));
  }

  async getKvValue(instanceId: string, key: string): Promise<string | null> {
    return this.#run('getKvValue', () => this.#ops.kv.getKvValue(this.#db, instanceId, key));
  }

  async getKvAllValues(instanceId: string): Promise<Map<string, string>> {
    return this.#run('getKvAllValues', () => this.#ops.kv.getKvAllValues(this.#db, instanceId));
  }

  async getCustomStatus(
    instanceId: string,
    lastSeenVersion: number,
  ): Promise<{ readonly value: string | null; readonly version: number } | null> {
    return this.#run('getCustomStatus', () =>
      this.#ops.instances.getCustomStatus(this.#db, instanceId, lastSeenVersion),
    );
  }

  async readKvSnapshot(instanceId: string): Promise<Map<string, KvEntryRecord>> {
    return this.#run('readKvSnapshot', () => this.#ops.kv.readKvSnapshot(this.#db, instanceId));
  }

  async hasQueuedCancel(instanceId: string): Promise<boolean> {
    return this.#run('hasQueuedCancel', () => this.#ops.hasQueuedCancel(this.#db, instanceId));
  }

  // ----- management -----

  async deleteInstances(
    instanceIds: readonly string[],
    force: boolean,
  ): Promise<DeleteInstancesResult> {
    const result = await this.#run('deleteInstances', () =>
      this.#ops.deletion.deleteInstances(this.#db, instanceIds, force),
    );
    // Wake waiters on the deleted instances (they now read NotFound).
    if (result.instancesDeleted > 0)
      for (const instanceId of instanceIds) this.#signals.emit({ kind: 'instance', instanceId });
    return result;
  }

  async getInstanceTree(instanceId: string): Promise<string[]> {
    return this.#run('getInstanceTree', () =>
      this.#ops.trees.getInstanceTree(this.#db, instanceId),
    );
  }

  async deleteInstanceBulk(filter: InstanceSelectionFilter): Promise<DeleteInstancesResult> {
    const { deletedIds, ...result } = await this.#run('deleteInstanceBulk', () =>
      this.#ops.deletion.deleteInstanceBulk(this.#db, filter),
    );
    for (const instanceId of deletedIds) this.#signals.emit({ kind: 'instance', instanceId });
    return result;
  }

  async pruneExecutions(
    instanceId: string,
    options: PruneExecutionsOptions,
  ): Promise<PruneExecutionsResult> {
    return this.#run('pruneExecutions', () =>
      this.#ops.pruning.pruneExecutions(this.#db, instanceId, options),
    );
  }

  async pruneExecutionsBulk(
    filter: InstanceSelectionFilter,
    options: PruneExecutionsOptions,
  ): Promise<PruneExecutionsResult> {
    return this.#run('pruneExecutionsBulk', () =>
      this.#ops.pruning.pruneExecutionsBulk(this.#db, filter, options),
    );
  }

  async getSystemMetrics(): Promise<SystemMetricsRecord> {
    return this.#run('getSystemMetrics', () => this.#ops.metrics.getSystemMetrics(this.#db));
  }

  async getQueueDepths(): Promise<QueueDepthsRecord> {
    return this.#run('getQueueDepths', () =>
      this.#ops.metrics.getQueueDepths(this.#db, this.#now()),
    );
  }

  async getOrchestrationStats(instanceId: string): Promise<OrchestrationStatsRecord | null> {
    return this.#run('getOrchestrationStats', () =>
      this.#ops.metrics.getOrchestrationStats(this.#db, instanceId),
    );
  }

  async listPoisonedItems(query: PoisonedItemQuery): Promise<PoisonedItemPage> {
    return this.#run('listPoisonedItems', () => this.#ops.poisoned.list(this.#db, query));
  }

  async prunePoisonedItems(poisonedBefore: number): Promise<number> {
    return this.#run('prunePoisonedItems', () =>
      this.#ops.poisoned.prune(this.#db, poisonedBefore),
    );
  }

  async queryInstances(query: InstanceQuery): Promise<InstanceRecordPage> {
    return this.#run('queryInstances', () => this.#ops.queries.queryInstances(this.#db, query));
  }

  async countInstances(
    filter: InstanceQueryFilter,
    groupBy: InstanceCountGroupBy,
  ): Promise<InstanceCount[]> {
    return this.#run('countInstances', () =>
      this.#ops.queries.countInstances(this.#db, filter, groupBy),
    );
  }

  operatorStore(): OperatorStore {
    return (this.#operatorStore ??= postgresOperatorStore({
      run: (operation, fn, policy) => this.#run(operation, fn, policy),
      db: this.#db,
      ops: this.#ops.operator,
      now: this.#now,
    }));
  }

  // ----- fleet -----

  async setVersionPolicy(
    orchestrationName: string,
    policy: StoredVersionPolicy | null,
    audit: AuditEntryInput,
  ): Promise<VersionPolicyRecord | null> {
    // One statement: a retry after a lost connection could apply it twice, so only unsent ones are retried.
    return this.#run(
      'setVersionPolicy',
      () => this.#ops.policies.set(this.#db, orchestrationName, policy, audit),
      'unsent',
    );
  }

  async getVersionPolicy(orchestrationName: string): Promise<VersionPolicyRecord | null> {
    return this.#run('getVersionPolicy', () => this.#ops.policies.get(this.#db, orchestrationName));
  }

  async listVersionPolicies(): Promise<VersionPolicyRecord[]> {
    return this.#run('listVersionPolicies', () => this.#ops.policies.list(this.#db));
  }

  async appendAudit(entry: AuditEntryInput): Promise<void> {
    await this.#run('appendAudit', () => this.#ops.audit.append(this.#db, entry), 'unsent');
  }

  async listAudit(query: AuditQuery): Promise<AuditRecord[]> {
    return this.#run('listAudit', () => this.#ops.audit.list(this.#db, query));
  }

  async heartbeatNode(node: NodeRecord): Promise<void> {
    await this.#run('heartbeatNode', () => this.#ops.nodes.heartbeat(this.#db, node));
  }

  async removeNode(nodeId: string): Promise<void> {
    await this.#run('removeNode', () => this.#ops.nodes.remove(this.#db, nodeId));
  }

  async listNodes(): Promise<NodeRecord[]> {
    return this.#run('listNodes', () => this.#ops.nodes.list(this.#db));
  }

  async pruneNodes(lastSeenBefore: number): Promise<number> {
    return this.#run('pruneNodes', () => this.#ops.nodes.prune(this.#db, lastSeenBefore));
  }

  async setInstanceVersion(
    instanceId: string,
    change: InstanceVersionChange,
    audit: AuditEntryInput,
  ): Promise<boolean> {
    return this.#run(
      'setInstanceVersion',
      () => this.#ops.setInstanceVersion(this.#db, instanceId, change, audit),
      'unsent',
    );
  }

  // ----- lifecycle -----

  /**
   * Subscribes to commit notifications: this provider's own commits (delivered synchronously
   * after the commit) and those of every other provider on the same schema, in this or any
   * other process (delivered through LISTEN/NOTIFY, typically within a millisecond or two).
   */
  subscribe(listener: ProviderSignalListener): () => void {
    return this.#signals.subscribe(listener);
  }

  /**
   * True while the LISTEN connection is up. It is open only while at least one listener is
   * subscribed (a running runtime, a waiting client call), so a provider nobody listens to
   * does not keep the process alive; it reconnects by itself after a loss.
   */
  get isListening(): boolean {
    return this.#signals.isListening;
  }

  /** Closes the LISTEN connection and the pool. Idempotent; later calls fail with a `ProviderError`. */
  async close(): Promise<void> {
    if (this.#isClosed) return;
    this.#isClosed = true;
    await this.#signals.close();
    await this.#db.end().catch(() => undefined);
  }

  /** Runs one operation with internal retries, translating every failure into a classified `ProviderError`. */
  #run<T>(operation: string, fn: () => Promise<T>, policy: RetryPolicy = 'transient'): Promise<T> {
    return runOperation(operation, fn, policy, () => this.#isClosed);
  }
}
