/**
 * Migration 0004: what the management server keeps in the store (`OperatorStore`).
 * IMMUTABLE once released.
 *
 * - `bulk_jobs`: durable bulk operations. `request` and `progress` are JSON text the server
 *   writes and reads (the provider stores them blindly); `lease_owner`/`lease_until` say which
 *   server runs the job, so a second server takes it over only after the lease expired.
 * - `api_keys`: management API keys, by their public prefix, with the scrypt hash of the
 *   secret (never the secret). A name is unique among keys not revoked.
 * New tables only: nothing existing is rewritten, and nodes of older builds ignore them.
 * @module
 */
import type { Migration } from './migration.js';

export const MIGRATION_0004_OPERATOR_STORE: Migration = {
  version: 4,
  name: 'operator-store',
  sql: `
CREATE TABLE {schema}.bulk_jobs (
  job_id           TEXT COLLATE "C" PRIMARY KEY,
  action           TEXT NOT NULL,
  request          TEXT NOT NULL,
  actor            TEXT,
  state            TEXT NOT NULL,
  progress         TEXT NOT NULL,
  error            TEXT,
  cancel_requested BOOLEAN NOT NULL DEFAULT FALSE,
  lease_owner      TEXT,
  lease_until      BIGINT,
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL
);
-- Listing newest first, and claiming the oldest unfinished job.
CREATE INDEX idx_bulk_jobs_created ON {schema}.bulk_jobs (created_at, job_id);
CREATE INDEX idx_bulk_jobs_state ON {schema}.bulk_jobs (state, created_at, job_id);

CREATE TABLE {schema}.api_keys (
  prefix     TEXT COLLATE "C" PRIMARY KEY,
  name       TEXT COLLATE "C" NOT NULL,
  role       TEXT NOT NULL,
  hash       TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by TEXT,
  expires_at BIGINT,
  revoked_at BIGINT
);
CREATE UNIQUE INDEX idx_api_keys_active_name ON {schema}.api_keys (name) WHERE revoked_at IS NULL;
`,
};
