export const MIGRATION_0004_KV_AND_SESSIONS = {
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
//# sourceMappingURL=0004-kv-and-sessions.js.map