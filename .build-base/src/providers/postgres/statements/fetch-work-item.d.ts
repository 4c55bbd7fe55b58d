import type { FetchWorkOptions, LockedWorkItem } from '../../provider.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
export type FetchWorkItem = (db: Queryable, options: FetchWorkOptions, now: number) => Promise<LockedWorkItem | null>;
/**
 * One statement, the classic `FOR UPDATE SKIP LOCKED` queue pop, so workers in any number of
 * processes never take the same row and never wait for each other: FIFO by row id among rows
 * that are visible, not validly locked (never locked, or the lock expired — at-least-once
 * redelivery), accepted by the tag filter, not excluded by activity name, and routable to
 * this worker's sessions.
 *
 * A session-bound row is locked only if its session is claimed (or renewed) for the owner in
 * the same statement: the session row is created, taken over when expired, or refreshed when
 * already the owner's, with `locked_until = now + session.lockTimeoutMs` and
 * `last_activity_at = now`. If another worker won the session meanwhile the claim is refused
 * and nothing is locked (null): a session belongs to one worker at a time.
 */
export declare function prepareFetchWorkItem(ctx: StatementContext): FetchWorkItem;
