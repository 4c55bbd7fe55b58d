/**
 * `hasQueuedCancel`: whether a `CancelInstance` waits in an instance's orchestrator queue.
 * @module
 */
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
export type ReadQueuedCancel = (db: Queryable, instanceId: string) => Promise<boolean>;
/**
 * Locked rows count too: a turn holding the cancel has not committed it yet, so the instance
 * still reads as Running. Served by `idx_orchestrator_queue_instance (instance_id, item_type)`.
 */
export declare function prepareReadQueuedCancel(ctx: StatementContext): ReadQueuedCancel;
