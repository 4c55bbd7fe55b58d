/**
 * `abandonWorkItem`: give an activity back to the queue.
 * @module
 */
import type { AbandonOptions } from '../../provider.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
export type AbandonWorkItem = (db: Queryable, lockToken: string, options: AbandonOptions, now: number) => Promise<void>;
/**
 * Clears the lock and sets `visible_at = now + delayMs` (now when no delay); `ignoreAttempt`
 * undoes this fetch's attempt (never below 0); NOTIFYs other workers. An unknown token — the
 * row was cancelled, or another worker re-locked it after expiry — is a permanent error.
 */
export declare function prepareAbandonWorkItem(ctx: StatementContext): AbandonWorkItem;
