/**
 * `getSystemMetrics`, `getQueueDepths`, `getOrchestrationStats`: counts for dashboards.
 * @module
 */
import type Database from 'better-sqlite3';
import type { OrchestrationStatsRecord, QueueDepthsRecord, SystemMetricsRecord } from '../../provider.js';
export interface SystemMetricsReads {
    getSystemMetrics(): SystemMetricsRecord;
    getQueueDepths(now: number): QueueDepthsRecord;
    getOrchestrationStats(instanceId: string): OrchestrationStatsRecord | null;
}
/**
 * Each read is one statement (or one read transaction), so its numbers come from a single
 * snapshot and add up. An instance whose current execution row is missing counts as
 * `Running`, as `getInstance` reports it.
 */
export declare function prepareSystemMetricsReads(db: Database.Database): SystemMetricsReads;
