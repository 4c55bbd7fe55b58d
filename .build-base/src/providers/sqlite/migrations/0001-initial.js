export const MIGRATION_0001_INITIAL = {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE instances (
  instance_id           TEXT PRIMARY KEY,
  orchestration_name    TEXT NOT NULL,
  orchestration_version TEXT,
  current_execution_id  INTEGER NOT NULL DEFAULT 1,
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL,
  parent_instance_id    TEXT,
  custom_status         TEXT,
  custom_status_version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_instances_parent ON instances (parent_instance_id);
CREATE INDEX idx_instances_created ON instances (created_at DESC, instance_id);

CREATE TABLE executions (
  instance_id           TEXT NOT NULL,
  execution_id          INTEGER NOT NULL,
  orchestration_name    TEXT,
  orchestration_version TEXT,
  status                TEXT NOT NULL DEFAULT 'Running',
  output                TEXT,
  started_at            INTEGER NOT NULL,
  completed_at          INTEGER,
  duroxide_version      TEXT,
  PRIMARY KEY (instance_id, execution_id)
);

CREATE TABLE history (
  instance_id  TEXT NOT NULL,
  execution_id INTEGER NOT NULL,
  event_id     INTEGER NOT NULL,
  event_type   TEXT NOT NULL,
  event_data   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (instance_id, execution_id, event_id)
);

CREATE TABLE orchestrator_queue (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  instance_id   TEXT NOT NULL,
  item_type     TEXT NOT NULL,
  work_item     TEXT NOT NULL,
  visible_at    INTEGER NOT NULL,
  lock_token    TEXT,
  locked_until  INTEGER,
  attempt_count INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
);
CREATE INDEX idx_orchestrator_queue_visible ON orchestrator_queue (visible_at);
-- Serves per-instance lookups and instanceExists (queued StartOrchestration).
CREATE INDEX idx_orchestrator_queue_instance ON orchestrator_queue (instance_id, item_type);
CREATE INDEX idx_orchestrator_queue_lock ON orchestrator_queue (lock_token);

CREATE TABLE worker_queue (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  instance_id   TEXT,
  execution_id  INTEGER,
  activity_id   INTEGER,
  work_item     TEXT NOT NULL,
  visible_at    INTEGER NOT NULL DEFAULT 0,
  lock_token    TEXT,
  locked_until  INTEGER,
  attempt_count INTEGER NOT NULL DEFAULT 0,
  session_id    TEXT,
  tag           TEXT,
  created_at    INTEGER NOT NULL
);
CREATE INDEX idx_worker_queue_lock ON worker_queue (lock_token, id);
CREATE INDEX idx_worker_queue_activity ON worker_queue (instance_id, execution_id, activity_id);
CREATE INDEX idx_worker_queue_session ON worker_queue (session_id);
CREATE INDEX idx_worker_queue_tag ON worker_queue (tag);

CREATE TABLE instance_locks (
  instance_id  TEXT PRIMARY KEY,
  lock_token   TEXT NOT NULL,
  locked_until INTEGER NOT NULL,
  locked_at    INTEGER NOT NULL
);
CREATE INDEX idx_instance_locks_token ON instance_locks (lock_token);
`,
};
//# sourceMappingURL=0001-initial.js.map