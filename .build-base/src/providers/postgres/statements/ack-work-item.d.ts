/**
 * `ackWorkItem`: finish an activity and report its outcome.
 * @module
 */
import type { WorkItem } from '../../../core/history/work-item.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
/** Returns the `visible_at` of the enqueued completion, or undefined when none was given. */
export type AckWorkItem = (db: Queryable, lockToken: string, completion: WorkItem | undefined, now: number) => Promise<number | undefined>;
/**
 * Deletes the locked row only while its lock is valid and enqueues the completion to the
 * orchestrator queue, atomically — one statement whose data-modifying CTEs commit together,
 * NOTIFY included; a session-bound row also marks its session active (when its lease is
 * still valid). A missing row (the orchestration cancelled the activity and deleted it) or an
 * expired lock (another worker may be running it) is a permanent error: the worker must treat
 * its result as unwanted, and nothing is enqueued.
 */
export declare function prepareAckWorkItem(ctx: StatementContext): AckWorkItem;
