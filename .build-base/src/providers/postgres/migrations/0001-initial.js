/**
 * `fetch_orchestration_item`: the whole peek-lock fetch in one call; see
 * `statements/fetch-orchestration-item.ts` for the rules. Returns no row when nothing is
 * fetchable, else the locked batch (ordered by row id) and the instance's metadata.
 */
const FETCH_ORCHESTRATION_ITEM = `
CREATE FUNCTION {schema}.fetch_orchestration_item(
  p_now BIGINT, p_locked_until BIGINT, p_token TEXT, p_exclude TEXT[], p_lock_key_prefix TEXT,
  p_max_candidates INTEGER, p_candidate_rows INTEGER, p_orphan_max_age_ms BIGINT, p_orphan_retry_delay_ms BIGINT)
RETURNS TABLE (
  fetched_instance_id TEXT, work_items TEXT[], max_attempt_count INTEGER, has_instance BOOLEAN,
  instance_name TEXT, instance_version TEXT, instance_execution_id BIGINT, instance_created_at BIGINT,
  max_event_id BIGINT)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_excluded TEXT[] := COALESCE(p_exclude, '{}');
  v_inspected INTEGER := 0;
  v_any BOOLEAN;
  v_candidate TEXT;
  v_items TEXT[];
  v_types TEXT[];
  v_attempts INTEGER;
  v_oldest BIGINT;
  v_name TEXT;
  v_version TEXT;
  v_execution BIGINT;
  v_created BIGINT;
BEGIN
  LOOP
    v_any := FALSE;
    -- Candidates: instances of the oldest visible rows, no valid lock, not excluded; a plain
    -- read that locks nothing.
    FOR v_candidate IN
      SELECT c.instance_id FROM (
        SELECT q.instance_id, q.visible_at, q.id FROM {schema}.orchestrator_queue q
        WHERE q.visible_at <= p_now AND NOT (q.instance_id = ANY(v_excluded))
          AND NOT EXISTS (SELECT 1 FROM {schema}.instance_locks l
                          WHERE l.instance_id = q.instance_id AND l.locked_until > p_now)
        ORDER BY q.visible_at, q.id LIMIT p_candidate_rows) c
      GROUP BY c.instance_id ORDER BY MIN(c.visible_at), MIN(c.id)
    LOOP
      IF v_inspected >= p_max_candidates THEN RETURN; END IF;
      v_any := TRUE;
      v_inspected := v_inspected + 1;
      v_excluded := v_excluded || v_candidate;

      -- Instance lock: advisory try-lock (never waits), then a free or expired lock row. A
      -- valid lock row is never touched (not even row-locked), so its holder's ack never waits.
      CONTINUE WHEN NOT pg_try_advisory_xact_lock(hashtextextended(p_lock_key_prefix || v_candidate, 0));
      INSERT INTO {schema}.instance_locks (instance_id, lock_token, locked_until, locked_at)
      VALUES (v_candidate, p_token, p_locked_until, p_now)
      ON CONFLICT (instance_id) DO NOTHING;
      IF NOT FOUND THEN
        UPDATE {schema}.instance_locks SET lock_token = p_token, locked_until = p_locked_until, locked_at = p_now
        WHERE instance_id = v_candidate AND locked_until <= p_now;
        CONTINUE WHEN NOT FOUND;
      END IF;

      -- Mark every visible row; rows another session holds are skipped, not waited for.
      WITH marked AS (
        UPDATE {schema}.orchestrator_queue
        SET lock_token = p_token, locked_until = p_locked_until, attempt_count = attempt_count + 1
        WHERE id IN (SELECT id FROM {schema}.orchestrator_queue
                     WHERE instance_id = v_candidate AND visible_at <= p_now FOR UPDATE SKIP LOCKED)
        RETURNING id, work_item, item_type, attempt_count, created_at)
      SELECT array_agg(m.work_item ORDER BY m.id), array_agg(m.item_type ORDER BY m.id), MAX(m.attempt_count), MIN(m.created_at)
      INTO v_items, v_types, v_attempts, v_oldest
      FROM marked m;
      IF v_items IS NULL THEN
        DELETE FROM {schema}.instance_locks WHERE lock_token = p_token;
        CONTINUE;
      END IF;

      SELECT i.orchestration_name, i.orchestration_version, i.current_execution_id, i.created_at
      INTO v_name, v_version, v_execution, v_created
      FROM {schema}.instances i WHERE i.instance_id = v_candidate;
      IF FOUND THEN
        RETURN QUERY SELECT v_candidate, v_items, v_attempts, TRUE, v_name, v_version, v_execution, v_created,
          (SELECT MAX(h.event_id) FROM {schema}.history h
           WHERE h.instance_id = v_candidate AND h.execution_id = v_execution);
        RETURN;
      END IF;
      IF 'StartOrchestration' = ANY(v_types) OR 'ContinueAsNew' = ANY(v_types) THEN
        RETURN QUERY SELECT v_candidate, v_items, v_attempts, FALSE, NULL::TEXT, NULL::TEXT, NULL::BIGINT, NULL::BIGINT, NULL::BIGINT;
        RETURN;
      END IF;

      -- Orphans: dropped when only queue messages or too old, unless a start is
      -- queued for later; otherwise delayed with the attempt undone. Then the next candidate.
      IF (v_types <@ ARRAY['QueueMessage'] OR p_now - v_oldest >= p_orphan_max_age_ms)
         AND NOT EXISTS (SELECT 1 FROM {schema}.orchestrator_queue
                         WHERE instance_id = v_candidate AND item_type IN ('StartOrchestration', 'ContinueAsNew')) THEN
        DELETE FROM {schema}.orchestrator_queue WHERE lock_token = p_token;
      ELSE
        UPDATE {schema}.orchestrator_queue
        SET lock_token = NULL, locked_until = NULL, visible_at = p_now + p_orphan_retry_delay_ms,
            attempt_count = GREATEST(attempt_count - 1, 0)
        WHERE lock_token = p_token;
      END IF;
      DELETE FROM {schema}.instance_locks WHERE lock_token = p_token;
    END LOOP;
    EXIT WHEN NOT v_any;
  END LOOP;
END
$fn$;
`;
/**
 * `ack_orchestration_item`: the atomic turn commit in one call; see `statements/ack-orchestration-item.ts`
 * for the rules. Returns 'unknown' or 'expired' (having written nothing) for a lock that is no
 * longer held, else 'ok'. A duplicate event id raises unique_violation, rolling everything back.
 */
const ACK_ORCHESTRATION_ITEM = `
CREATE FUNCTION {schema}.ack_orchestration_item(
  p_token TEXT, p_now BIGINT, p_execution_id BIGINT,
  p_name TEXT, p_version TEXT, p_parent_instance_id TEXT, p_pinned_version TEXT,
  p_status TEXT, p_output TEXT, p_has_custom_status BOOLEAN, p_custom_status TEXT,
  p_event_ids BIGINT[], p_event_types TEXT[], p_event_data TEXT[],
  p_w_instance TEXT[], p_w_execution BIGINT[], p_w_activity BIGINT[], p_w_name TEXT[], p_w_item TEXT[],
  p_w_session TEXT[], p_w_tag TEXT[],
  p_c_instance TEXT[], p_c_execution BIGINT[], p_c_activity BIGINT[],
  p_o_instance TEXT[], p_o_type TEXT[], p_o_item TEXT[], p_o_visible_at BIGINT[],
  p_kv_op TEXT[], p_kv_key TEXT[], p_kv_value TEXT[], p_kv_updated_at BIGINT[],
  p_channel TEXT, p_payload TEXT)
RETURNS TABLE (outcome TEXT, locked_instance_id TEXT, cancelled JSONB)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_instance TEXT;
  v_locked_until BIGINT;
  v_cancelled JSONB;
  v_inserted_ids BIGINT[];
  v_payload JSONB;
BEGIN
  SELECT l.instance_id, l.locked_until INTO v_instance, v_locked_until
  FROM {schema}.instance_locks l WHERE l.lock_token = p_token FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'unknown'::TEXT, NULL::TEXT, NULL::JSONB;
    RETURN;
  END IF;
  IF v_locked_until <= p_now THEN
    RETURN QUERY SELECT 'expired'::TEXT, v_instance, NULL::JSONB;
    RETURN;
  END IF;

  DELETE FROM {schema}.orchestrator_queue WHERE lock_token = p_token;
  IF p_name IS NOT NULL AND p_version IS NOT NULL THEN
    INSERT INTO {schema}.instances AS i
      (instance_id, orchestration_name, orchestration_version, current_execution_id, created_at, updated_at,
       parent_instance_id, custom_status_version)
    VALUES (v_instance, p_name, p_version, p_execution_id, p_now, p_now, p_parent_instance_id, 0)
    ON CONFLICT (instance_id) DO UPDATE SET
      orchestration_name = EXCLUDED.orchestration_name, orchestration_version = EXCLUDED.orchestration_version;
  END IF;
  INSERT INTO {schema}.executions AS e
    (instance_id, execution_id, orchestration_name, orchestration_version, status, started_at, duroxide_version)
  SELECT i.instance_id, p_execution_id, COALESCE(p_name, i.orchestration_name), COALESCE(p_version, i.orchestration_version),
         'Running', p_now, p_pinned_version
  FROM {schema}.instances i WHERE i.instance_id = v_instance
  ON CONFLICT (instance_id, execution_id) DO UPDATE SET duroxide_version = EXCLUDED.duroxide_version
  WHERE EXCLUDED.duroxide_version IS NOT NULL;
  UPDATE {schema}.instances
  SET current_execution_id = GREATEST(current_execution_id, p_execution_id), updated_at = p_now,
      custom_status = CASE WHEN p_has_custom_status THEN p_custom_status ELSE custom_status END,
      custom_status_version = custom_status_version + CASE WHEN p_has_custom_status THEN 1 ELSE 0 END
  WHERE instance_id = v_instance;

  INSERT INTO {schema}.history (instance_id, execution_id, event_id, event_type, event_data, created_at)
  SELECT v_instance, p_execution_id, x.event_id, x.event_type, x.event_data, p_now
  FROM unnest(p_event_ids, p_event_types, p_event_data) AS x(event_id, event_type, event_data);

  IF p_status IS NOT NULL THEN
    UPDATE {schema}.executions SET status = p_status, output = p_output, completed_at = p_now
    WHERE instance_id = v_instance AND execution_id = p_execution_id;
  END IF;

  WITH inserted AS (
    INSERT INTO {schema}.worker_queue
      (instance_id, execution_id, activity_id, activity_name, work_item, visible_at, attempt_count, session_id, tag, created_at)
    SELECT x.instance_id, x.execution_id, x.activity_id, x.activity_name, x.work_item, p_now, 0, x.session_id, x.tag, p_now
    FROM unnest(p_w_instance, p_w_execution, p_w_activity, p_w_name, p_w_item, p_w_session, p_w_tag) WITH ORDINALITY
         AS x(instance_id, execution_id, activity_id, activity_name, work_item, session_id, tag, ord)
    ORDER BY x.ord
    RETURNING id)
  SELECT array_agg(id) INTO v_inserted_ids FROM inserted;
  -- After the inserts: an activity scheduled and cancelled in the same turn ends up absent.
  -- Reported as cancelled are only rows that existed before this turn (queued or running).
  WITH deleted AS (
    DELETE FROM {schema}.worker_queue w
    USING unnest(p_c_instance, p_c_execution, p_c_activity) AS c(instance_id, execution_id, activity_id)
    WHERE w.instance_id = c.instance_id AND w.execution_id = c.execution_id AND w.activity_id = c.activity_id
    RETURNING w.id, w.instance_id, w.execution_id, w.activity_id)
  SELECT jsonb_agg(DISTINCT jsonb_build_array(d.instance_id, d.execution_id, d.activity_id)) INTO v_cancelled
  FROM deleted d WHERE NOT (d.id = ANY(COALESCE(v_inserted_ids, '{}')));

  -- KV: the turn's KV events in order into the delta, merged into the
  -- store when the execution ends.
  FOR i IN 1 .. COALESCE(array_length(p_kv_op, 1), 0) LOOP
    IF p_kv_op[i] = 'set' THEN
      INSERT INTO {schema}.kv_delta (instance_id, key, value, last_updated_at_ms)
      VALUES (v_instance, p_kv_key[i], p_kv_value[i], p_kv_updated_at[i])
      ON CONFLICT (instance_id, key) DO UPDATE SET value = EXCLUDED.value, last_updated_at_ms = EXCLUDED.last_updated_at_ms;
    ELSIF p_kv_op[i] = 'clear' THEN
      INSERT INTO {schema}.kv_delta (instance_id, key, value, last_updated_at_ms)
      VALUES (v_instance, p_kv_key[i], NULL, p_now)
      ON CONFLICT (instance_id, key) DO UPDATE SET value = NULL, last_updated_at_ms = p_now;
    ELSE
      UPDATE {schema}.kv_delta SET value = NULL, last_updated_at_ms = p_now WHERE instance_id = v_instance;
      INSERT INTO {schema}.kv_delta (instance_id, key, value, last_updated_at_ms)
      SELECT v_instance, s.key, NULL, p_now FROM {schema}.kv_store s WHERE s.instance_id = v_instance
      ON CONFLICT (instance_id, key) DO NOTHING;
    END IF;
  END LOOP;
  IF p_status IN ('Completed', 'ContinuedAsNew', 'Failed') THEN
    INSERT INTO {schema}.kv_store (instance_id, key, value, last_updated_at_ms)
    SELECT d.instance_id, d.key, d.value, d.last_updated_at_ms FROM {schema}.kv_delta d
    WHERE d.instance_id = v_instance AND d.value IS NOT NULL
    ON CONFLICT (instance_id, key) DO UPDATE SET value = EXCLUDED.value, last_updated_at_ms = EXCLUDED.last_updated_at_ms;
    DELETE FROM {schema}.kv_store s USING {schema}.kv_delta d
    WHERE s.instance_id = v_instance AND d.instance_id = v_instance AND d.key = s.key AND d.value IS NULL;
    DELETE FROM {schema}.kv_delta WHERE instance_id = v_instance;
  END IF;

  INSERT INTO {schema}.orchestrator_queue (instance_id, item_type, work_item, visible_at, attempt_count, created_at)
  SELECT x.instance_id, x.item_type, x.work_item, x.visible_at, 0, p_now
  FROM unnest(p_o_instance, p_o_type, p_o_item, p_o_visible_at) WITH ORDINALITY
       AS x(instance_id, item_type, work_item, visible_at, ord)
  ORDER BY x.ord;

  DELETE FROM {schema}.instance_locks WHERE lock_token = p_token;
  -- The payload gets the instance id (key 'i') and the cancelled activities (key 'c'), each
  -- only while the payload stays small (MAX_NOTIFIED_*_BYTES in notify/signal-payload.ts).
  v_payload := p_payload::jsonb;
  IF octet_length(v_instance) <= 1000 THEN v_payload := v_payload || jsonb_build_object('i', v_instance); END IF;
  IF v_cancelled IS NOT NULL AND octet_length(v_cancelled::text) <= 4000 THEN
    v_payload := v_payload || jsonb_build_object('c', v_cancelled);
  END IF;
  PERFORM pg_notify(p_channel, v_payload::text);
  RETURN QUERY SELECT 'ok'::TEXT, v_instance, v_cancelled;
END
$fn$;
`;
const FUNCTIONS = FETCH_ORCHESTRATION_ITEM + ACK_ORCHESTRATION_ITEM;
export const MIGRATION_0001_INITIAL = {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE {schema}.instances (
  instance_id           TEXT COLLATE "C" PRIMARY KEY,
  orchestration_name    TEXT COLLATE "C" NOT NULL,
  orchestration_version TEXT COLLATE "C",
  current_execution_id  BIGINT NOT NULL DEFAULT 1,
  created_at            BIGINT NOT NULL,
  updated_at            BIGINT NOT NULL,
  parent_instance_id    TEXT COLLATE "C",
  custom_status         TEXT,
  custom_status_version BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX idx_instances_parent ON {schema}.instances (parent_instance_id);
CREATE INDEX idx_instances_created ON {schema}.instances (created_at DESC, instance_id);
-- Management queries: by name in page order, exact version and version-prefix ranges, last update.
CREATE INDEX idx_instances_name_created ON {schema}.instances (orchestration_name, created_at DESC, instance_id);
CREATE INDEX idx_instances_version ON {schema}.instances (orchestration_version, orchestration_name);
CREATE INDEX idx_instances_updated ON {schema}.instances (updated_at);

CREATE TABLE {schema}.executions (
  instance_id           TEXT COLLATE "C" NOT NULL,
  execution_id          BIGINT NOT NULL,
  orchestration_name    TEXT COLLATE "C",
  orchestration_version TEXT COLLATE "C",
  status                TEXT NOT NULL DEFAULT 'Running',
  output                TEXT,
  started_at            BIGINT NOT NULL,
  completed_at          BIGINT,
  duroxide_version      TEXT,
  PRIMARY KEY (instance_id, execution_id)
);
-- Status of current executions (queries, counts, metrics) and bulk deletion by completion time.
CREATE INDEX idx_executions_status_completed ON {schema}.executions (status, completed_at);

CREATE TABLE {schema}.history (
  instance_id  TEXT COLLATE "C" NOT NULL,
  execution_id BIGINT NOT NULL,
  event_id     BIGINT NOT NULL,
  event_type   TEXT NOT NULL,
  event_data   TEXT NOT NULL,
  created_at   BIGINT NOT NULL,
  PRIMARY KEY (instance_id, execution_id, event_id)
);

CREATE TABLE {schema}.orchestrator_queue (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  instance_id   TEXT COLLATE "C" NOT NULL,
  item_type     TEXT NOT NULL,
  work_item     TEXT NOT NULL,
  visible_at    BIGINT NOT NULL,
  lock_token    TEXT,
  locked_until  BIGINT,
  attempt_count INTEGER NOT NULL DEFAULT 0,
  created_at    BIGINT NOT NULL
);
CREATE INDEX idx_orchestrator_queue_visible ON {schema}.orchestrator_queue (visible_at, id);
-- Serves per-instance marking and instanceExists (queued StartOrchestration).
CREATE INDEX idx_orchestrator_queue_instance ON {schema}.orchestrator_queue (instance_id, item_type);
CREATE INDEX idx_orchestrator_queue_lock ON {schema}.orchestrator_queue (lock_token);

CREATE TABLE {schema}.worker_queue (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  instance_id   TEXT COLLATE "C",
  execution_id  BIGINT,
  activity_id   BIGINT,
  activity_name TEXT,
  work_item     TEXT NOT NULL,
  visible_at    BIGINT NOT NULL DEFAULT 0,
  lock_token    TEXT,
  locked_until  BIGINT,
  attempt_count INTEGER NOT NULL DEFAULT 0,
  session_id    TEXT,
  tag           TEXT,
  created_at    BIGINT NOT NULL
);
CREATE INDEX idx_worker_queue_lock ON {schema}.worker_queue (lock_token, id);
CREATE INDEX idx_worker_queue_activity ON {schema}.worker_queue (instance_id, execution_id, activity_id);
CREATE INDEX idx_worker_queue_session ON {schema}.worker_queue (session_id);
CREATE INDEX idx_worker_queue_tag ON {schema}.worker_queue (tag);
CREATE INDEX idx_worker_queue_activity_name ON {schema}.worker_queue (activity_name);

CREATE TABLE {schema}.instance_locks (
  instance_id  TEXT COLLATE "C" PRIMARY KEY,
  lock_token   TEXT NOT NULL,
  locked_until BIGINT NOT NULL,
  locked_at    BIGINT NOT NULL
);
CREATE INDEX idx_instance_locks_token ON {schema}.instance_locks (lock_token);

-- Session leases: which worker owns a session's activities, until when.
CREATE TABLE {schema}.sessions (
  session_id       TEXT COLLATE "C" PRIMARY KEY,
  worker_id        TEXT NOT NULL,
  locked_until     BIGINT NOT NULL,
  last_activity_at BIGINT NOT NULL
);
CREATE INDEX idx_sessions_worker ON {schema}.sessions (worker_id);

-- Orchestration KV state: kv_store holds values merged at the end
-- of earlier executions; kv_delta the current execution's changes (NULL value = cleared).
CREATE TABLE {schema}.kv_store (
  instance_id        TEXT COLLATE "C" NOT NULL,
  key                TEXT COLLATE "C" NOT NULL,
  value              TEXT NOT NULL,
  last_updated_at_ms BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (instance_id, key)
);
CREATE TABLE {schema}.kv_delta (
  instance_id        TEXT COLLATE "C" NOT NULL,
  key                TEXT COLLATE "C" NOT NULL,
  value              TEXT,
  last_updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (instance_id, key)
);
${FUNCTIONS}`,
};
//# sourceMappingURL=0001-initial.js.map