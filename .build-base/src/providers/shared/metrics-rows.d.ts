/**
 * The rows both providers' dashboard reads select (`getQueueDepths`, `getOrchestrationStats`),
 * and their mapping to the provider records.
 * @module
 */
import type { OrchestrationStatsRecord, QueueDepthsRecord } from '../provider.js';
/** Unlocked rows per queue, and future timers. */
export interface QueueDepthsRow {
    orchestrator: number;
    worker: number;
    timer: number;
}
/** An empty database reads as all zeros. */
export declare function toQueueDepths(row: QueueDepthsRow | undefined): QueueDepthsRecord;
/** One instance's current-execution history, pending messages and merged KV figures. */
export interface OrchestrationStatsRow {
    events: number;
    bytes: number;
    pending: number;
    kv_keys: number;
    kv_bytes: number;
}
export declare function toOrchestrationStats(row: OrchestrationStatsRow): OrchestrationStatsRecord;
