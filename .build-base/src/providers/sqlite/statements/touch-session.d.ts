/**
 * Recording progress on a session: an ack or lock renewal of a session-bound activity moves
 * the session's `last_activity_at`, so the lease renewal keeps a busy session pinned.
 * @module
 */
import type Database from 'better-sqlite3';
/** Bumps `last_activity_at` of `sessionId` to `now` if its lease is still valid; else nothing. */
export type TouchSession = (sessionId: string, now: number) => void;
/**
 * Best effort and owner-agnostic: an activity keeps its own lock even after its session moved
 * to another owner, and its progress still counts as activity on the session. An expired lease
 * is left alone, so a late ack never revives a session another worker may claim.
 */
export declare function prepareTouchSession(db: Database.Database): TouchSession;
