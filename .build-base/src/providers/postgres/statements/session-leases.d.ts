/**
 * Session lease maintenance: `renewSessionLocks`, `cleanupOrphanedSessions`.
 * @module
 */
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
export interface SessionLeases {
    renewSessionLocks(db: Queryable, ownerIds: readonly string[], extendForMs: number, idleTimeoutMs: number, now: number): Promise<number>;
    cleanupOrphanedSessions(db: Queryable, now: number): Promise<number>;
}
/**
 * Renewal extends only leases that are still held (`locked_until > now`) and not idle
 * (`last_activity_at > now - idleTimeout`), so an owner that stopped using a session lets it
 * go. Cleanup deletes expired sessions that no worker row references any more.
 */
export declare function prepareSessionLeases(ctx: StatementContext): SessionLeases;
