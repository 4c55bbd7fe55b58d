/**
 * `getSystemMetrics`, `getQueueDepths`, `getOrchestrationStats`: counts for dashboards.
 * @module
 */
import type { OrchestrationStatsRecord, QueueDepthsRecord, SystemMetricsRecord } from '../../provider.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
export interface SystemMetricsReads {
    getSystemMetrics(db: Queryable): Promise<SystemMetricsRecord>;
    getQueueDepths(db: Queryable, now: number): Promise<QueueDepthsRecord>;
    getOrchestrationStats(db: Queryable, instanceId: string): Promise<OrchestrationStatsRecord | null>;
}
/**
 * Each read is one statement, so its numbers come from a single snapshot and add up. An
 * instance whose current execution row is missing counts as `Running`, as `getInstance`
 * reports it.
 */
export declare function prepareSystemMetricsReads(ctx: StatementContext): SystemMetricsReads;
