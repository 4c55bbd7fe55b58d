/**
 * Migration 0004: the instance KV store and activity sessions.
 * IMMUTABLE once released.
 *
 * - `kv_store` holds the values merged at the end of earlier executions (what a fetch returns
 *   as the KV snapshot); `value` is never null.
 * - `kv_delta` holds the current execution's changes; a null `value` is a tombstone (the key
 *   was cleared). It is merged into `kv_store` and emptied when the execution ends.
 * - `sessions` holds one lease per session id: the owner (`worker_id`), until when it is held
 *   and when an activity of the session last made progress (idle detection).
 *
 * Timestamps are integer epoch ms. `worker_queue.session_id` is already indexed (0001).
 * @module
 */
import type { Migration } from './migration.js';
export declare const MIGRATION_0004_KV_AND_SESSIONS: Migration;
