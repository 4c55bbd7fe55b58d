/**
 * `hasQueuedCancel`: whether a `CancelInstance` waits in an instance's orchestrator queue.
 * @module
 */
import type Database from 'better-sqlite3';
export type ReadQueuedCancel = (instanceId: string) => boolean;
/**
 * Locked rows count too: a turn holding the cancel has not committed it yet, so the instance
 * still reads as Running. Served by `idx_orchestrator_queue_instance (instance_id, item_type)`.
 */
export declare function prepareReadQueuedCancel(db: Database.Database): ReadQueuedCancel;
