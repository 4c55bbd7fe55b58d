import { type ExecutionStatus, type Provider, type ProviderWith } from '../providers/provider.js';
import type { DeleteInstanceResult, ExecutionInfo, HistoryEventInfo, InstanceCount, InstanceCountGroupBy, InstanceFilter, InstanceInfo, InstanceQuery, InstanceQueryFilter, InstanceQueryPage, InstanceTree, OrchestrationStats, PruneOptions, PruneResult } from './types.js';
/** Returns the provider's management methods, or throws `CAPABILITY_MISSING` naming the method. */
type Managed = () => ProviderWith<'management'>;
/** `client.getInstanceInfo`. @throws InstanceNotFoundError */
export declare function readInstanceInfo(provider: Provider, instanceId: string): Promise<InstanceInfo>;
/** `client.getExecutionInfo`. @throws InstanceNotFoundError */
export declare function readExecutionInfo(provider: Provider, instanceId: string, executionId: number): Promise<ExecutionInfo>;
/** `client.readExecutionHistory`. */
export declare function readExecutionHistory(provider: Provider, instanceId: string, executionId: number): Promise<HistoryEventInfo[]>;
/** `client.listInstancesByStatus`. */
export declare function listInstancesByStatus(provider: Provider, status: ExecutionStatus): Promise<string[]>;
/** `client.getInstanceTree`. @throws InstanceNotFoundError */
export declare function readInstanceTree(managed: Managed, instanceId: string): Promise<InstanceTree>;
/** `client.deleteInstanceBulk`. */
export declare function deleteInstanceBulk(managed: Managed, filter: InstanceFilter): Promise<DeleteInstanceResult>;
/** `client.pruneExecutions`. */
export declare function pruneExecutions(managed: Managed, instanceId: string, options: PruneOptions): Promise<PruneResult>;
/** `client.pruneExecutionsBulk`. */
export declare function pruneExecutionsBulk(managed: Managed, filter: InstanceFilter, options: PruneOptions): Promise<PruneResult>;
/** `client.getOrchestrationStats`: the provider's stats with KV value bytes counted here. */
export declare function readOrchestrationStats(managed: Managed, instanceId: string): Promise<OrchestrationStats | null>;
/** `client.queryInstances`. */
export declare function queryInstances(managed: Managed, query: InstanceQuery): Promise<InstanceQueryPage>;
/** `client.countInstances`. */
export declare function countInstances(managed: Managed, filter: InstanceQueryFilter | InstanceQuery, groupBy: InstanceCountGroupBy): Promise<InstanceCount[]>;
export {};
