import type { FetchOrchestrationOptions, LockedOrchestrationItem } from '../../provider.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
export type FetchOrchestrationItem = (db: Queryable, options: FetchOrchestrationOptions, now: number) => Promise<LockedOrchestrationItem | null>;
/**
 * Steps 1–7 run inside the schema's `fetch_orchestration_item` function (migration 0001, and
 * its 0003 overload used here, which adds the history-format filter), one
 * round trip, as one READ COMMITTED transaction — the shape of duroxide-pg's fetch:
 *
 * 1. Candidates: instances of the oldest visible rows, by `(visible_at, id)`, with no valid
 *    lock, not excluded and — with `maxHistoryFormat` — not recorded in a newer history format
 *    (absent format = 1; instances without a row always match) — a plain read that locks nothing, so fetchers never wait on each
 *    other's candidates.
 * 2. Instance lock, per candidate in order: `pg_try_advisory_xact_lock` (never waits) guards
 *    taking a free or expired `instance_locks` row; a valid lock row is never touched. If
 *    either fails another dispatcher won the instance, and the fetch moves on to the next
 *    candidate instead of returning nothing (duroxide-pg migration 0017 fixed exactly this).
 * 3. Mark every visible row of the instance with the token and count the attempt, through
 *    `FOR UPDATE SKIP LOCKED`: a row another session holds (a deletion in flight) is left
 *    alone rather than waited for; rows arriving later stay unmarked for the next turn.
 * 4. Return the batch with the instance's metadata and largest event id.
 *
 * Orphan batches (no instance row and no start item) never block the queue, as in
 * the SQLite provider: pure `QueueMessage` batches and batches older than
 * {@link ORPHAN_MAX_AGE_MS} are deleted (unless a delayed start is queued); others are pushed
 * {@link ORPHAN_RETRY_DELAY_MS} into the future with their attempt undone; either way the
 * function moves on to the next candidate.
 *
 * Then, here: unless the caller's cache hint still matches, the current execution's history
 * and the KV snapshot (`kv_store`, never the current execution's delta) are read (a second
 * round trip; the committed instance lock keeps them stable). Unparseable history never fails
 * the fetch: the item comes back locked with `history: []` and `historyError`, so
 * the runtime can poison it. Any other failure here (connection lost, corrupt queue JSON) gives the batch back
 * before the error is reported, so an error never leaves a lock behind.
 */
export declare function prepareFetchOrchestrationItem(ctx: StatementContext): FetchOrchestrationItem;
