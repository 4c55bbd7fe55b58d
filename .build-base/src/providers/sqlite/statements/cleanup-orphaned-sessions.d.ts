/**
 * `cleanupOrphanedSessions`: sweeping leases nobody needs any more.
 * @module
 */
import type Database from 'better-sqlite3';
/** Returns how many sessions were deleted. */
export type CleanupOrphanedSessions = (now: number) => number;
/**
 * Deletes sessions whose lease expired (`locked_until <= now`) and that no worker-queue row
 * references (queued, running or abandoned); a referenced one stays until its items are gone.
 * Idleness needs no separate test: an idle session stops being renewed and its lease expires,
 * so the runtime's `idleTimeoutMs` argument is not needed here.
 */
export declare function prepareCleanupOrphanedSessions(db: Database.Database): CleanupOrphanedSessions;
