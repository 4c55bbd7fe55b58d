/**
 * `ackWorkItem`: finish an activity and report its outcome.
 * @module
 */
import type Database from 'better-sqlite3';
import type { WorkItem } from '../../../core/history/work-item.js';
/** Returns the `visible_at` of the enqueued completion, or undefined when none was given. */
export type AckWorkItem = (lockToken: string, completion: WorkItem | undefined, now: number) => number | undefined;
/**
 * Deletes the locked row only while its lock is valid and enqueues the completion to the
 * orchestrator queue, atomically. A missing row (the orchestration cancelled the activity and
 * deleted it) or an expired lock (another worker may be running it) is a permanent error: the
 * worker must treat its result as unwanted. A session-bound row also records activity on its
 * session (when the session lease is still valid).
 */
export declare function prepareAckWorkItem(db: Database.Database): AckWorkItem;
