/**
 * Every prepared operation of the SQLite provider, created once per connection and reused (one
 * operation family per module under `statements/`).
 * @module
 */
import type Database from 'better-sqlite3';
import { prepareAbandonOrchestrationItem } from './statements/abandon-orchestration-item.js';
import { prepareAbandonWorkItem } from './statements/abandon-work-item.js';
import { prepareAckOrchestrationItem } from './statements/ack-orchestration-item.js';
import { prepareAckWorkItem } from './statements/ack-work-item.js';
import { prepareAuditLog } from './statements/audit-log.js';
import { prepareCleanupOrphanedSessions } from './statements/cleanup-orphaned-sessions.js';
import { prepareInstanceDeletion } from './statements/delete-instances.js';
import { prepareEnqueueStartIfAbsent } from './statements/enqueue-start-if-absent.js';
import { prepareEnqueueForOrchestrator } from './statements/enqueue-for-orchestrator.js';
import { prepareFetchOrchestrationItem } from './statements/fetch-orchestration-item.js';
import { prepareFetchWorkItem } from './statements/fetch-work-item.js';
import { prepareNextOrchestratorVisibleAt } from './statements/next-orchestrator-visible-at.js';
import { prepareNodes } from './statements/nodes.js';
import { prepareOperatorStore } from './statements/operator-store.js';
import { prepareExecutionPruning } from './statements/prune-executions.js';
import { prepareInstanceQueries } from './statements/query-instances.js';
import { prepareReadHistory } from './statements/read-history.js';
import { prepareKvReads } from './statements/read-kv.js';
import { prepareReadQueuedCancel } from './statements/read-queued-cancel.js';
import { prepareReadQueueActivity } from './statements/read-queue-activity.js';
import { prepareExecutionReads } from './statements/read-executions.js';
import { prepareInstanceTreeReads } from './statements/read-instance-tree.js';
import { prepareInstanceReads } from './statements/read-instances.js';
import { prepareSystemMetricsReads } from './statements/read-system-metrics.js';
import { prepareRenewOrchestrationItemLock } from './statements/renew-orchestration-item-lock.js';
import { prepareRenewSessionLocks } from './statements/renew-session-locks.js';
import { prepareRenewWorkItemLock } from './statements/renew-work-item-lock.js';
import { prepareSetInstanceVersion } from './statements/set-instance-version.js';
import { prepareVersionPolicies } from './statements/version-policies.js';
import { preparePoisonedItems } from './statements/poisoned-items.js';

/** Every prepared operation, created once per connection and reused. */
export function prepareOperations(db: Database.Database) {
  const trees = prepareInstanceTreeReads(db);
  const audit = prepareAuditLog(db);
  return {
    fetchOrchestrationItem: prepareFetchOrchestrationItem(db),
    ackOrchestrationItem: prepareAckOrchestrationItem(db),
    abandonOrchestrationItem: prepareAbandonOrchestrationItem(db),
    renewOrchestrationItemLock: prepareRenewOrchestrationItemLock(db),
    enqueueForOrchestrator: prepareEnqueueForOrchestrator(db),
    enqueueStartIfAbsent: prepareEnqueueStartIfAbsent(db),
    nextOrchestratorVisibleAt: prepareNextOrchestratorVisibleAt(db),
    queueActivity: prepareReadQueueActivity(db),
    fetchWorkItem: prepareFetchWorkItem(db),
    ackWorkItem: prepareAckWorkItem(db),
    abandonWorkItem: prepareAbandonWorkItem(db),
    renewWorkItemLock: prepareRenewWorkItemLock(db),
    renewSessionLocks: prepareRenewSessionLocks(db),
    cleanupOrphanedSessions: prepareCleanupOrphanedSessions(db),
    readHistory: prepareReadHistory(db),
    kv: prepareKvReads(db),
    hasQueuedCancel: prepareReadQueuedCancel(db),
    instances: prepareInstanceReads(db),
    executions: prepareExecutionReads(db),
    trees,
    deletion: prepareInstanceDeletion(db, trees),
    pruning: prepareExecutionPruning(db),
    metrics: prepareSystemMetricsReads(db),
    queries: prepareInstanceQueries(db),
    audit,
    policies: prepareVersionPolicies(db, audit),
    nodes: prepareNodes(db),
    setInstanceVersion: prepareSetInstanceVersion(db, audit),
    operator: prepareOperatorStore(db),
    poisoned: preparePoisonedItems(db),
  };
}

export type Operations = ReturnType<typeof prepareOperations>;
