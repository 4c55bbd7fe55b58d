/**
 * `abandonOrchestrationItem`: give a fetched batch back without committing.
 * @module
 */
import type Database from 'better-sqlite3';
import type { AbandonOptions } from '../../provider.js';
/** Returns when the released batch becomes visible again. */
export type AbandonOrchestrationItem = (lockToken: string, options: AbandonOptions, now: number) => number;
/**
 * Clears the rows' lock, optionally delays them (`visible_at = now + delayMs`, the runtime's
 * only backoff tool) and undoes the attempt when `ignoreAttempt`, then drops the instance
 * lock. Not idempotent: an unknown or expired token is a permanent error, because the batch
 * may already belong to another dispatcher.
 */
export declare function prepareAbandonOrchestrationItem(db: Database.Database): AbandonOrchestrationItem;
