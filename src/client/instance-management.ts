/**
 * The bodies of the Client's management reads, bulk deletion, pruning, query, count and stats.
 * Methods that need the provider's management capability take a getter that checks it (naming
 * the Client method), called where the Client always checked it: after validating an instance id,
 * before parsing filters and options.
 * @module
 */
import { InstanceNotFoundError, InvalidInputError } from '../core/errors/duroxide-error.js';
import { requireInstanceId } from '../core/validation/arguments.js';
import {
  EXECUTION_STATUSES,
  type ExecutionStatus,
  type Provider,
  type ProviderWith,
} from '../providers/provider.js';
import { parseGroupBy, parseInstanceCountFilter, parseInstanceQuery } from './instance-query.js';
import {
  parseInstanceFilter,
  parsePruneOptions,
  requireEpochMs,
  requireOptionsObject,
} from './management-arguments.js';
import { kvValueBytes } from './typed-client.js';
import { decodeOutput, toEventInfo, toInstanceInfo } from './read-models.js';
import type {
  DeleteInstanceResult,
  ExecutionInfo,
  HistoryEventInfo,
  InstanceCount,
  InstanceCountGroupBy,
  InstanceFilter,
  InstanceInfo,
  InstanceQuery,
  InstanceQueryFilter,
  InstanceQueryPage,
  InstanceTree,
  OrchestrationStats,
  PoisonedItemsPage,
  PruneOptions,
  PrunePoisonedItemsOptions,
  PrunePoisonedItemsResult,
  PruneResult,
} from './types.js';

/** Returns the provider's management methods, or throws `CAPABILITY_MISSING` naming the method. */
type Managed = () => ProviderWith<'management'>;

function requireExecutionId(executionId: number): number {
  if (!Number.isInteger(executionId) || executionId < 1) {
    throw new InvalidInputError(
      `executionId must be a positive integer, got ${String(executionId)}`,
    );
  }
  return executionId;
}

/** `client.getInstanceInfo`. @throws InstanceNotFoundError */
export async function readInstanceInfo(
  provider: Provider,
  instanceId: string,
): Promise<InstanceInfo> {
  const id = requireInstanceId(instanceId);
  const r = await provider.getInstance(id);
  if (r === null) throw new InstanceNotFoundError(id);
  return toInstanceInfo(r);
}

/** `client.getExecutionInfo`. @throws InstanceNotFoundError */
export async function readExecutionInfo(
  provider: Provider,
  instanceId: string,
  executionId: number,
): Promise<ExecutionInfo> {
  const id = requireInstanceId(instanceId);
  requireExecutionId(executionId);
  const e = await provider.getExecution(id, executionId);
  if (e === null)
    throw new InstanceNotFoundError(id, `instance '${id}' has no execution ${executionId}`);
  return {
    executionId: e.executionId,
    ...(e.orchestrationName !== undefined ? { orchestrationName: e.orchestrationName } : {}),
    ...(e.orchestrationVersion !== undefined
      ? { orchestrationVersion: e.orchestrationVersion }
      : {}),
    status: e.status,
    ...(e.output !== undefined ? { output: decodeOutput(e.status, e.output) } : {}),
    startedAt: e.startedAt,
    ...(e.completedAt !== undefined ? { completedAt: e.completedAt } : {}),
    eventCount: e.eventCount,
  };
}

/** `client.readExecutionHistory`. */
export async function readExecutionHistory(
  provider: Provider,
  instanceId: string,
  executionId: number,
): Promise<HistoryEventInfo[]> {
  const id = requireInstanceId(instanceId);
  requireExecutionId(executionId);
  return (await provider.readHistory(id, executionId)).map(toEventInfo);
}

/** `client.listInstancesByStatus`. */
export async function listInstancesByStatus(
  provider: Provider,
  status: ExecutionStatus,
): Promise<string[]> {
  if (!EXECUTION_STATUSES.includes(status)) {
    throw new InvalidInputError(
      `status must be one of ${EXECUTION_STATUSES.join(', ')}, got ${JSON.stringify(status)}`,
    );
  }
  return provider.listInstancesByStatus(status);
}

/** `client.getInstanceTree`. @throws InstanceNotFoundError */
export async function readInstanceTree(
  managed: Managed,
  instanceId: string,
): Promise<InstanceTree> {
  const id = requireInstanceId(instanceId);
  const allIds = await managed().getInstanceTree(id);
  if (allIds.length === 0) throw new InstanceNotFoundError(id);
  return { rootId: id, allIds, size: allIds.length };
}

/** `client.deleteInstanceBulk`. */
export async function deleteInstanceBulk(
  managed: Managed,
  filter: InstanceFilter,
): Promise<DeleteInstanceResult> {
  return managed().deleteInstanceBulk(parseInstanceFilter(filter));
}

/** `client.pruneExecutions`. */
export async function pruneExecutions(
  managed: Managed,
  instanceId: string,
  options: PruneOptions,
): Promise<PruneResult> {
  const id = requireInstanceId(instanceId);
  return managed().pruneExecutions(id, parsePruneOptions(options));
}

/** `client.pruneExecutionsBulk`. */
export async function pruneExecutionsBulk(
  managed: Managed,
  filter: InstanceFilter,
  options: PruneOptions,
): Promise<PruneResult> {
  return managed().pruneExecutionsBulk(parseInstanceFilter(filter), parsePruneOptions(options));
}

/** `client.getOrchestrationStats`: the provider's stats with KV value bytes counted here. */
export async function readOrchestrationStats(
  managed: Managed,
  instanceId: string,
): Promise<OrchestrationStats | null> {
  const id = requireInstanceId(instanceId);
  const provider = managed();
  const stats = await provider.getOrchestrationStats(id);
  if (stats === null || stats.kvUserKeyCount === 0) return stats;
  return { ...stats, kvTotalValueBytes: kvValueBytes(await provider.getKvAllValues(id)) };
}

/** `client.queryInstances`. */
export async function queryInstances(
  managed: Managed,
  query: InstanceQuery,
): Promise<InstanceQueryPage> {
  const page = await managed().queryInstances(parseInstanceQuery(query));
  return { items: page.items.map(toInstanceInfo), nextCursor: page.nextCursor };
}

/** `client.countInstances`. */
export async function countInstances(
  managed: Managed,
  filter: InstanceQueryFilter | InstanceQuery,
  groupBy: InstanceCountGroupBy,
): Promise<InstanceCount[]> {
  return managed().countInstances(parseInstanceCountFilter(filter), parseGroupBy(groupBy));
}

/** `client.listPoisonedItems`: one page of quarantined rows, newest first. */
export async function listPoisonedItems(
  managed: Managed,
  query: { limit?: number; cursor?: string },
): Promise<PoisonedItemsPage> {
  const { items, nextCursor } = await managed().listPoisonedItems(query);
  return { items, nextCursor: nextCursor ?? null };
}

/** `client.prunePoisonedItems`. @throws InvalidInputError for a malformed `poisonedBefore`. */
export async function prunePoisonedItems(
  managed: Managed,
  options: PrunePoisonedItemsOptions,
): Promise<PrunePoisonedItemsResult> {
  const o = requireOptionsObject(options, 'options', ['poisonedBefore']);
  const before = requireEpochMs(o['poisonedBefore'], 'options.poisonedBefore');
  return { itemsDeleted: await managed().prunePoisonedItems(before) };
}
