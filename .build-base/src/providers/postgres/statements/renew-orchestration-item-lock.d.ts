import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
export type RenewOrchestrationItemLock = (db: Queryable, lockToken: string, extendForMs: number, now: number) => Promise<void>;
/**
 * Sets `locked_until = now + extendForMs` on the instance lock and its marked rows, only while
 * the lock is still valid: once expired another dispatcher may own the instance, so renewal
 * fails permanently and the turn's ack will fail too. One statement (both updates commit
 * together).
 */
export declare function prepareRenewOrchestrationItemLock(ctx: StatementContext): RenewOrchestrationItemLock;
