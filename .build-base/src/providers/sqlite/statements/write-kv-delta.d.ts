/**
 * KV writes of an orchestration ack: recording the turn's KV events in `kv_delta`, merging
 * the delta into `kv_store` when the execution completes or continues as new, and dropping a Failed execution's delta when a new execution starts
 * (docs/versioning.md, "Recovering after a bad deploy").
 * @module
 */
import type Database from 'better-sqlite3';
import type { HistoryEvent } from '../../../core/history/history-event.js';
export interface KvDeltaWrites {
    /**
     * Applies the KV events of `historyDelta`, in order, to the instance's delta. Other events
     * are ignored. Runs inside the caller's (ack) transaction.
     */
    applyEvents(instanceId: string, historyDelta: readonly HistoryEvent[], now: number): void;
    /**
     * Folds the delta into the store (values upserted with their timestamps, tombstoned keys
     * deleted) and empties it. Runs inside the caller's (ack) transaction.
     */
    mergeIntoStore(instanceId: string): void;
    /**
     * Empties the delta without merging it: a Failed execution's changes, when an ack starts
     * a new execution of the instance. Runs inside the caller's (ack) transaction.
     */
    discardDelta(instanceId: string): void;
}
/**
 * The delta is keyed by instance only: it always belongs to the current execution, because
 * an execution that completes or continues as new merges and clears it in the same
 * transaction that records the end, a Failed one keeps it only until a new execution starts
 * (which discards it), and the instance lock serializes acks.
 */
export declare function prepareKvDeltaWrites(db: Database.Database): KvDeltaWrites;
