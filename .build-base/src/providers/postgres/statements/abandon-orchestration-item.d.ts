/**
 * `abandonOrchestrationItem`: give a fetched batch back without committing.
 * @module
 */
import type { AbandonOptions } from '../../provider.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
/** Returns when the released batch becomes visible again. */
export type AbandonOrchestrationItem = (db: Queryable, lockToken: string, options: AbandonOptions, now: number) => Promise<number>;
/**
 * Clears the rows' lock, optionally delays them (`visible_at = now + delayMs`, the runtime's
 * only backoff tool) and undoes the attempt when `ignoreAttempt`, then drops the instance
 * lock and NOTIFYs other nodes — one statement, so all of it commits together. Not
 * idempotent: an unknown or expired token is a permanent error (and changes nothing),
 * because the batch may already belong to another dispatcher.
 */
export declare function prepareAbandonOrchestrationItem(ctx: StatementContext): AbandonOrchestrationItem;
