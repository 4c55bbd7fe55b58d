import type Database from 'better-sqlite3';
import type { FetchOrchestrationOptions, LockedOrchestrationItem } from '../../provider.js';
export type FetchOrchestrationItem = (options: FetchOrchestrationOptions, now: number) => LockedOrchestrationItem | null;
/**
 * One `BEGIN IMMEDIATE` transaction: pick the visible row with the earliest visibility (then
 * the oldest; the visible_at index serves this order without a sort) whose instance is not
 * validly locked, take (or take over) the instance lock, mark and count every visible row of
 * that instance, then load instance metadata, the current execution's history and the KV
 * snapshot (`kv_store` only, never the current execution's delta). A cache hit skips both.
 *
 * Orphan batches (no instance row and no start item) never block the queue: pure
 * `QueueMessage` batches and batches older than {@link ORPHAN_MAX_AGE_MS} are deleted (unless a
 * delayed start for the instance is queued); others are pushed {@link ORPHAN_RETRY_DELAY_MS}
 * into the future with their attempt undone (so a batch that later joins the start does not
 * inherit a poison-looking count). Either way the fetch moves on to the next candidate instead
 * of returning null.
 *
 * Unparseable history never fails the fetch: the item comes back locked with `history: []`
 * and `historyError`, so the runtime can poison it.
 */
export declare function prepareFetchOrchestrationItem(db: Database.Database): FetchOrchestrationItem;
