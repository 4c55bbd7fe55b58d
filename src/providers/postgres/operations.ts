/**
 * Every prepared operation of the PostgreSQL provider, built once per provider for its schema
 * (one operation family per module under `statements/`).
 * @module
 */
import { prepareAbandonOrchestrationItem } from './statements/abandon-orchestration-item.js';
import { prepareAbandonWorkItem } from './statements/abandon-work-item.js';
import { prepareAckOrchestrationItem } from './statements/ack-orchestration-item.js';
import { prepareAckWorkItem } from './statements/ack-work-item.js';
import { prepareAuditLog } from './statements/audit-log.js';
import { prepareInstanceDeletion } from './statements/delete-instances.js';
import { prepareEnqueueForOrchestrator } from './statements/enqueue-for-orchestrator.js';
import { startBatcher } from './statements/enqueue-starts-if-absent.js';
import { prepareFetchOrchestrationItem } from './statements/fetch-orchestration-item.js';
import { prepareFetchWorkItem } from './statements/fetch-work-item.js';
import { prepareNextOrchestratorVisibleAt } from './statements/next-orchestrator-visible-at.js';
import { prepareNodes } from './statements/nodes.js';
import { prepareOperatorStore } from './statements/operator-store.js';
import { preparePoisonedItems } from './statements/poisoned-items.js';
import { prepareExecutionPruning } from './statements/prune-executions.js';
import { prepareInstanceQueries } from './statements/query-instances.js';
import { prepareReadHistory } from './statements/read-history.js';
import { prepareExecutionReads } from './statements/read-executions.js';
import { prepareInstanceTreeReads } from './statements/read-instance-tree.js';
import { prepareInstanceReads } from './statements/read-instances.js';
import { prepareSystemMetricsReads } from './statements/read-system-metrics.js';
import { prepareRenewOrchestrationItemLock } from './statements/renew-orchestration-item-lock.js';
import { prepareRenewWorkItemLock } from './statements/renew-work-item-lock.js';
import { prepareKvReads } from './statements/read-kv.js';
import { prepareReadQueuedCancel } from './statements/read-queued-cancel.js';
import { prepareSessionLeases } from './statements/session-leases.js';
import { prepareSetInstanceVersion } from './statements/set-instance-version.js';
import { prepareVersionPolicies } from './statements/version-policies.js';
import type { StatementContext } from './statements/statement-context.js';

/** Every prepared operation, built once per provider for its schema. */
export function prepareOperations(ctx: StatementContext) {
  const trees = prepareInstanceTreeReads(ctx);
  return {
    fetchOrchestrationItem: prepareFetchOrchestrationItem(ctx),
    ackOrchestrationItem: prepareAckOrchestrationItem(ctx),
    abandonOrchestrationItem: prepareAbandonOrchestrationItem(ctx),
    renewOrchestrationItemLock: prepareRenewOrchestrationItemLock(ctx),
    enqueueForOrchestrator: prepareEnqueueForOrchestrator(ctx),
    enqueueStartIfAbsent: startBatcher(ctx),
    nextOrchestratorVisibleAt: prepareNextOrchestratorVisibleAt(ctx),
    fetchWorkItem: prepareFetchWorkItem(ctx),
    ackWorkItem: prepareAckWorkItem(ctx),
    abandonWorkItem: prepareAbandonWorkItem(ctx),
    renewWorkItemLock: prepareRenewWorkItemLock(ctx),
    sessions: prepareSessionLeases(ctx),
    kv: prepareKvReads(ctx),
    hasQueuedCancel: prepareReadQueuedCancel(ctx),
    readHistory: prepareReadHistory(ctx),
    instances: prepareInstanceReads(ctx),
    executions: prepareExecutionReads(ctx),
    trees,
    deletion: prepareInstanceDeletion(ctx, trees),
    pruning: prepareExecutionPruning(ctx),
    metrics: prepareSystemMetricsReads(ctx),
    queries: prepareInstanceQueries(ctx),
    policies: prepareVersionPolicies(ctx),
    audit: prepareAuditLog(ctx),
    nodes: prepareNodes(ctx),
    setInstanceVersion: prepareSetInstanceVersion(ctx),
    operator: prepareOperatorStore(ctx),
    poisoned: preparePoisonedItems(ctx),
  };
}

export type Operations = ReturnType<typeof prepareOperations>;
