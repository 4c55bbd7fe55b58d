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

export const MIGRATION_0004_KV_AND_SESSIONS: Migration = {
  version: 4,
  name: 'kv-and-sessions',
  sql: `
CREATE TABLE kv_store (
  instance_id     TEXT NOT NULL,
  key             TEXT NOT NULL,
  value           TEXT NOT NULL,
  last_updated_at INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (instance_id, key)
);

CREATE TABLE kv_delta (
  instance_id     TEXT NOT NULL,
  key             TEXT NOT NULL,
  value           TEXT,
  last_updated_at INTEGER NOT NULL,
  PRIMARY KEY (instance_id, key)
);

CREATE TABLE sessions (
  session_id       TEXT PRIMARY KEY,
  worker_id        TEXT NOT NULL,
  locked_until     INTEGER NOT NULL,
  last_activity_at INTEGER NOT NULL
);
-- Lease renewal: the sessions of a set of owners.
CREATE INDEX idx_sessions_worker ON sessions (worker_id, locked_until);
-- Orphan cleanup: expired leases.
CREATE INDEX idx_sessions_locked_until ON sessions (locked_until);
`,
};
