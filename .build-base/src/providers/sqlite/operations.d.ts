/**
 * Every prepared operation of the SQLite provider, created once per connection and reused (one
 * operation family per module under `statements/`).
 * @module
 */
import type Database from 'better-sqlite3';
/** Every prepared operation, created once per connection and reused. */
export declare function prepareOperations(db: Database.Database): {
    fetchOrchestrationItem: import("./statements/fetch-orchestration-item.js").FetchOrchestrationItem;
    ackOrchestrationItem: import("./statements/ack-orchestration-item.js").AckOrchestrationItem;
    abandonOrchestrationItem: import("./statements/abandon-orchestration-item.js").AbandonOrchestrationItem;
    renewOrchestrationItemLock: import("./statements/renew-orchestration-item-lock.js").RenewOrchestrationItemLock;
    enqueueForOrchestrator: import("./statements/enqueue-for-orchestrator.js").EnqueueForOrchestrator;
    enqueueStartIfAbsent: import("./statements/enqueue-start-if-absent.js").EnqueueStartIfAbsent;
    nextOrchestratorVisibleAt: import("./statements/next-orchestrator-visible-at.js").NextOrchestratorVisibleAt;
    fetchWorkItem: import("./statements/fetch-work-item.js").FetchWorkItem;
    ackWorkItem: import("./statements/ack-work-item.js").AckWorkItem;
    abandonWorkItem: import("./statements/abandon-work-item.js").AbandonWorkItem;
    renewWorkItemLock: import("./statements/renew-work-item-lock.js").RenewWorkItemLock;
    renewSessionLocks: import("./statements/renew-session-locks.js").RenewSessionLocks;
    cleanupOrphanedSessions: import("./statements/cleanup-orphaned-sessions.js").CleanupOrphanedSessions;
    readHistory: import("./statements/read-history.js").ReadHistory;
    kv: import("./statements/read-kv.js").KvReads;
    hasQueuedCancel: import("./statements/read-queued-cancel.js").ReadQueuedCancel;
    instances: import("./statements/read-instances.js").InstanceReads;
    executions: import("./statements/read-executions.js").ExecutionReads;
    trees: import("./statements/read-instance-tree.js").InstanceTreeReads;
    deletion: import("./statements/delete-instances.js").InstanceDeletion;
    pruning: import("./statements/prune-executions.js").ExecutionPruning;
    metrics: import("./statements/read-system-metrics.js").SystemMetricsReads;
    queries: import("./statements/query-instances.js").InstanceQueries;
    audit: import("./statements/audit-log.js").AuditLog;
    policies: import("./statements/version-policies.js").VersionPolicies;
    nodes: import("./statements/nodes.js").Nodes;
    setInstanceVersion: import("./statements/set-instance-version.js").SetInstanceVersion;
};
export type Operations = ReturnType<typeof prepareOperations>;
