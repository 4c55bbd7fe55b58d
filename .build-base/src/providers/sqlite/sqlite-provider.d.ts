import type { HistoryEvent } from '../../core/history/history-event.js';
import type { WorkItem, WorkItemOfType } from '../../core/history/work-item.js';
import type { AbandonOptions, AuditEntryInput, AuditQuery, AuditRecord, DeleteInstancesResult, ExecutionRecord, ExecutionStatus, FetchOrchestrationOptions, FetchWorkOptions, InstanceCount, InstanceCountGroupBy, InstanceQuery, InstanceQueryFilter, InstanceRecord, InstanceRecordPage, InstanceSelectionFilter, InstanceVersionChange, KvEntryRecord, LockedOrchestrationItem, LockedWorkItem, NodeRecord, OrchestrationAck, OrchestrationAckOptions, OrchestrationAckResult, OrchestrationStatsRecord, CompleteProvider, ProviderCapabilities, ProviderSignalListener, PruneExecutionsOptions, PruneExecutionsResult, QueueDepthsRecord, StoredVersionPolicy, SystemMetricsRecord, VersionPolicyRecord } from '../provider.js';
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
export declare class SqliteProvider implements CompleteProvider {
    #private;
    readonly name = "sqlite";
    /** Every capability but cross-process signals: other processes' commits are found by polling. */
    readonly capabilities: ProviderCapabilities;
    private constructor();
    /**
     * Opens a database from a connection URL: `sqlite:path/to/file.db` (created if missing) or
     * `sqlite::memory:`.
     * @throws InvalidInputError (`INVALID_INPUT`) for any other url form.
     * @throws SchemaTooNewError (`SCHEMA_TOO_NEW`) when the file was migrated by a newer duroxide-ts.
     * @throws ProviderError (`PROVIDER_ERROR`) when the file cannot be opened.
     */
    static open(url: string, options?: SqliteProviderOptions): Promise<SqliteProvider>;
    /** Opens (creating if missing) the database file at `path`; see {@link open}. */
    static openFile(path: string, options?: SqliteProviderOptions): Promise<SqliteProvider>;
    /** A private in-memory database, gone when closed. */
    static inMemory(options?: SqliteProviderOptions): Promise<SqliteProvider>;
    fetchOrchestrationItem(options: FetchOrchestrationOptions): Promise<LockedOrchestrationItem | null>;
    ackOrchestrationItem(lockToken: string, ack: OrchestrationAck, options?: OrchestrationAckOptions): Promise<OrchestrationAckResult>;
    abandonOrchestrationItem(lockToken: string, options?: AbandonOptions): Promise<void>;
    renewOrchestrationItemLock(lockToken: string, extendForMs: number): Promise<void>;
    enqueueForOrchestrator(item: WorkItem, delayMs?: number): Promise<void>;
    enqueueStartIfAbsent(item: WorkItemOfType<'StartOrchestration'>): Promise<boolean>;
    nextOrchestratorVisibleAt(): Promise<number | null>;
    fetchWorkItem(options: FetchWorkOptions): Promise<LockedWorkItem | null>;
    ackWorkItem(lockToken: string, completion?: WorkItem): Promise<void>;
    abandonWorkItem(lockToken: string, options?: AbandonOptions): Promise<void>;
    renewWorkItemLock(lockToken: string, extendForMs: number): Promise<void>;
    renewSessionLocks(ownerIds: readonly string[], extendForMs: number, idleTimeoutMs: number): Promise<number>;
    /** `idleTimeoutMs` is not needed: an idle session is no longer renewed, so its lease expires. */
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
    subscribe(listener: ProviderSignalListener): () => void;
    /** Closes the connection. Idempotent; later calls fail with a `ProviderError`. */
    close(): Promise<void>;
}
