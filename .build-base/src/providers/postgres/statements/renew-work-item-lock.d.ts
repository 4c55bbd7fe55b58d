import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
export type RenewWorkItemLock = (db: Queryable, lockToken: string, extendForMs: number, now: number) => Promise<void>;
/**
 * Extends a still-valid lock, and marks a session-bound row's session active (when its lease
 * is still valid), in one statement. A missing row (cancelled by the orchestration) or an
 * expired lock is a permanent error, which the worker treats as "cancel this activity".
 */
export declare function prepareRenewWorkItemLock(ctx: StatementContext): RenewWorkItemLock;
