/**
 * `abandonWorkItem`: give an activity back to the queue.
 * @module
 */
import type Database from 'better-sqlite3';
import type { AbandonOptions } from '../../provider.js';
export type AbandonWorkItem = (lockToken: string, options: AbandonOptions, now: number) => void;
/**
 * Clears the lock and sets `visible_at = now + delayMs` (now when no delay); `ignoreAttempt`
 * undoes this fetch's attempt (never below 0). An unknown token — the row was cancelled, or
 * another worker re-locked it after expiry — is a permanent error.
 */
export declare function prepareAbandonWorkItem(db: Database.Database): AbandonWorkItem;
