import type { HistoryEvent } from '../../core/history/history-event.js';
import type { WorkItem, WorkItemOfType } from '../../core/history/work-item.js';
import type { AbandonOptions, AuditEntryInput, AuditQuery, AuditRecord, InstanceVersionChange, NodeRecord, StoredVersionPolicy, VersionPolicyRecord, DeleteInstancesResult, ExecutionRecord, ExecutionStatus, FetchOrchestrationOptions, FetchWorkOptions, InstanceCount, InstanceCountGroupBy, InstanceQuery, InstanceQueryFilter, InstanceRecord, InstanceRecordPage, InstanceSelectionFilter, KvEntryRecord, LockedOrchestrationItem, LockedWorkItem, OrchestrationAck, OrchestrationAckOptions, OrchestrationAckResult, OrchestrationStatsRecord, CompleteProvider, ProviderCapabilities, ProviderSignalListener, PruneExecutionsOptions, PruneExecutionsResult, QueueDepthsRecord, SystemMetricsRecord } from '../provider.js';
import { type PostgresProviderOptions } from './connection-config.js';
export type { PostgresProviderOptions } from './connection-config.js';
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
export declare class PostgresProvider implements CompleteProvider {
    #private;
    readonly name = "postgres";
    /** Every capability; LISTEN/NOTIFY carries the commits of every process using this schema. */
    readonly capabilities: ProviderCapabilities;
    /** The schema holding this provider's tables. */
    readonly schema: string;
    private constructor();
    /**
     * Connects to `url` and uses the `public` schema; see {@link connectWithSchema}.
     * @throws InvalidInputError (`INVALID_INPUT`) for a malformed url or option.
     * @throws SchemaTooNewError (`SCHEMA_TOO_NEW`) when the schema was migrated by a newer duroxide-ts.
     * @throws ProviderError (`PROVIDER_ERROR`) when the database cannot be reached (retryable) or
     *   refuses the connection (permanent, e.g. bad credentials).
     */
    static connect(url: string, options?: PostgresProviderOptions): Promise<PostgresProvider>;
    /**
     * Connects to `url` (`postgres://user:password@host:5432/database`, any libpq-style query
     * such as `?sslmode=require` is passed to the driver) and keeps all tables in `schema`,
     * created if missing, so several applications or tenants can share one database. Applies
     * pending migrations under an advisory lock (nodes starting together migrate once), then
     * opens the pool (`options.poolSize`, default 10) and the LISTEN connection.
     * @throws InvalidInputError (`INVALID_INPUT`) for a malformed url, schema name or option.
     * @throws SchemaTooNewError (`SCHEMA_TOO_NEW`) when the schema was migrated by a newer duroxide-ts.
     * @throws ProviderError (`PROVIDER_ERROR`) when the database cannot be reached or used.
     */
    static connectWithSchema(url: string, schema: string, options?: PostgresProviderOptions): Promise<PostgresProvider>;
    fetchOrchestrationItem(options: FetchOrchestrationOptions): Promise<LockedOrchestrationItem | null>;
    ackOrchestrationItem(lockToken: string, ack: OrchestrationAck, options?: OrchestrationAckOptions): Promise<OrchestrationAckResult>;
    abandonOrchestrationItem(lockToken: string, options?: AbandonOptions): Promise<void>;
    renewOrchestrationItemLock(lockToken: string, extendForMs: number): Promise<void>;
    enqueueForOrchestrator(item: WorkItem, delayMs?: number): Promise<void>;
    enqueueStartIfAbsent(item: WorkItemOfType<'StartOrchestration'>): Promise<boolean>;
    nextOrchestratorVisibleAt(): Promise<number | null>;
    /**
     * Session-routed fetches of this provider run one at a time, in call order, so the sessions
     * its callers claim are decided in the order they asked (as with SQLite, and without its
     * worker slots racing each other for the same rows); other processes' fetches still run
     * concurrently, arbitrated by the database. Fetches without a session are not queued.
     */
    fetchWorkItem(options: FetchWorkOptions): Promise<LockedWorkItem | null>;
    ackWorkItem(lockToken: string, completion?: WorkItem): Promise<void>;
    abandonWorkItem(lockToken: string, options?: AbandonOptions): Promise<void>;
    renewWorkItemLock(lockToken: string, extendForMs: number): Promise<void>;
    renewSessionLocks(ownerIds: readonly string[], extendForMs: number, idleTimeoutMs: number): Promise<number>;
    cleanupOrphanedSessions(_idleTimeoutMs: number): Promise<number>;
    readHistory(instanceId: string, executionId?: number): Promise<HistoryEvent[]>;
    getInstance(instanceId: string): Promise<InstanceRecord | null>;
    instanceExists(instanceId: string): Promise<boolean>;
    getExecution(instanceId: string, executionId: number): Promise<ExecutionRecord | null>;
    listExecutions(instanceId: string): Promise<number[]>;
    listInstances(): Promise<string[]>;
    listInstancesByStatus(status: ExecutionStatus): Promise<string[]>;
    getKvValue(instanceId: string, key: string): Promise<string | null>;
    getKvAllValues(instanceId: string): Promise<Map<string, string>>;
    getCustomStatus(instanceId: string, lastSeenVersion: number): Promise<{
        readonly value: string | null;
        readonly version: number;
    } | null>;
    readKvSnapshot(instanceId: string): Promise<Map<string, KvEntryRecord>>;
    hasQueuedCancel(instanceId: string): Promise<boolean>;
    deleteInstances(instanceIds: readonly string[], force: boolean): Promise<DeleteInstancesResult>;
    getInstanceTree(instanceId: string): Promise<string[]>;
    deleteInstanceBulk(filter: InstanceSelectionFilter): Promise<DeleteInstancesResult>;
    pruneExecutions(instanceId: string, options: PruneExecutionsOptions): Promise<PruneExecutionsResult>;
    pruneExecutionsBulk(filter: InstanceSelectionFilter, options: PruneExecutionsOptions): Promise<PruneExecutionsResult>;
    getSystemMetrics(): Promise<SystemMetricsRecord>;
    getQueueDepths(): Promise<QueueDepthsRecord>;
    getOrchestrationStats(instanceId: string): Promise<OrchestrationStatsRecord | null>;
    queryInstances(query: InstanceQuery): Promise<InstanceRecordPage>;
    countInstances(filter: InstanceQueryFilter, groupBy: InstanceCountGroupBy): Promise<InstanceCount[]>;
    setVersionPolicy(orchestrationName: string, policy: StoredVersionPolicy | null, audit: AuditEntryInput): Promise<VersionPolicyRecord | null>;
    getVersionPolicy(orchestrationName: string): Promise<VersionPolicyRecord | null>;
    listVersionPolicies(): Promise<VersionPolicyRecord[]>;
    appendAudit(entry: AuditEntryInput): Promise<void>;
    listAudit(query: AuditQuery): Promise<AuditRecord[]>;
    heartbeatNode(node: NodeRecord): Promise<void>;
    removeNode(nodeId: string): Promise<void>;
    listNodes(): Promise<NodeRecord[]>;
    pruneNodes(lastSeenBefore: number): Promise<number>;
    setInstanceVersion(instanceId: string, change: InstanceVersionChange, audit: AuditEntryInput): Promise<boolean>;
    /**
     * Subscribes to commit notifications: this provider's own commits (delivered synchronously
     * after the commit) and those of every other provider on the same schema, in this or any
     * other process (delivered through LISTEN/NOTIFY, typically within a millisecond or two).
     */
    subscribe(listener: ProviderSignalListener): () => void;
    /** True while the LISTEN connection is up; it reconnects by itself after a loss. */
    get isListening(): boolean;
    /** Closes the LISTEN connection and the pool. Idempotent; later calls fail with a `ProviderError`. */
    close(): Promise<void>;
}
