export const MIGRATION_0005_FLEET = {
    version: 5,
    name: 'fleet',
    sql: `
ALTER TABLE instances ADD COLUMN version_pin TEXT;
ALTER TABLE instances ADD COLUMN next_version TEXT;
ALTER TABLE instances ADD COLUMN history_format INTEGER;

CREATE TABLE version_policies (
  orchestration_name TEXT PRIMARY KEY,
  policy             TEXT,
  updated_at         INTEGER NOT NULL,
  updated_by         TEXT,
  reason             TEXT,
  revision           INTEGER NOT NULL
);

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      INTEGER NOT NULL,
  actor   TEXT,
  action  TEXT NOT NULL,
  target  TEXT NOT NULL,
  reason  TEXT,
  details TEXT NOT NULL
);
-- The audit of one target, newest first (paging by id).
CREATE INDEX idx_audit_log_target ON audit_log (target, id);

CREATE TABLE nodes (
  node_id               TEXT PRIMARY KEY,
  host                  TEXT NOT NULL,
  pid                   INTEGER NOT NULL,
  duroxide_version      TEXT NOT NULL,
  history_format        INTEGER NOT NULL,
  heartbeat_interval_ms INTEGER NOT NULL,
  started_at            INTEGER NOT NULL,
  last_seen_at          INTEGER NOT NULL,
  orchestrations        TEXT NOT NULL,
  activities            TEXT NOT NULL
);
`,
};
//# sourceMappingURL=0005-fleet.js.map