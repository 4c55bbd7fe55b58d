/**
 * `renewSessionLocks`: the session manager's lease heartbeat.
 * @module
 */
import type Database from 'better-sqlite3';
/** Returns how many sessions were extended. */
export type RenewSessionLocks = (ownerIds: readonly string[], extendForMs: number, idleTimeoutMs: number, now: number) => number;
/**
 * Extends to `now + extendForMs` every session owned by one of `ownerIds` whose lease is still
 * valid (`locked_until > now`; an expired lease may already be someone else's to claim) and
 * that saw activity within `idleTimeoutMs` (`last_activity_at > now - idleTimeoutMs`; an idle
 * session is left to expire, which unpins it). An empty list touches nothing.
 */
export declare function prepareRenewSessionLocks(db: Database.Database): RenewSessionLocks;
