/**
 * Migration 0006: what the management server keeps in the store (`OperatorStore`).
 * IMMUTABLE once released.
 *
 * - `bulk_jobs`: durable bulk operations. `request` and `progress` are JSON text the server
 *   writes and reads (the provider stores them blindly); `lease_owner`/`lease_until` say which
 *   server runs the job, so a second server takes it over only after the lease expired.
 * - `api_keys`: management API keys, by their public prefix, with the scrypt hash of the
 *   secret (never the secret). A name is unique among keys not revoked.
 * New tables only: nothing existing is rewritten, and older builds ignore them.
 * @module
 */
import type { Migration } from './migration.js';

export const MIGRATION_0006_OPERATOR_STORE: Migration = {
  version: 6,
  name: 'operator-store',
  sql: `
CREATE TABLE bulk_jobs (
  job_id           TEXT PRIMARY KEY,
  action           TEXT NOT NULL,
  request          TEXT NOT NULL,
  actor            TEXT,
  state            TEXT NOT NULL,
  progress         TEXT NOT NULL,
  error            TEXT,
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  lease_owner      TEXT,
  lease_until      INTEGER,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
-- Listing newest first, and claiming the oldest unfinished job.
CREATE INDEX idx_bulk_jobs_created ON bulk_jobs (created_at, job_id);
CREATE INDEX idx_bulk_jobs_state ON bulk_jobs (state, created_at, job_id);

CREATE TABLE api_keys (
  prefix     TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  role       TEXT NOT NULL,
  hash       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT,
  expires_at INTEGER,
  revoked_at INTEGER
);
CREATE UNIQUE INDEX idx_api_keys_active_name ON api_keys (name) WHERE revoked_at IS NULL;
`,
};
