/**
 * `ack_orchestration_item`: the atomic turn commit plus the hand-off options in one call; see
 * `statements/ack-orchestration-item.ts` for the rules. Returns 'unknown' or 'expired' for an
 * instance lock that is no longer held, 'work-lock-lost' (with the token) for a completed work
 * item whose lock is unknown or expired — each having written nothing — else 'ok'. A
 * duplicate event id raises unique_violation, rolling everything back.
 */
const ACK_ORCHESTRATION_ITEM = `
CREATE FUNCTION {schema}.ack_orchestration_item(
  p_token TEXT, p_now BIGINT, p_execution_id BIGINT,
  p_name TEXT, p_version TEXT, p_parent_instance_id TEXT, p_pinned_version TEXT,
  p_status TEXT, p_output TEXT, p_has_custom_status BOOLEAN, p_custom_status TEXT,
  p_event_ids BIGINT[], p_event_types TEXT[], p_event_data TEXT[],
  p_w_instance TEXT[], p_w_execution BIGINT[], p_w_activity BIGINT[], p_w_name TEXT[], p_w_item TEXT[],
  p_w_session TEXT[], p_w_tag TEXT[], p_w_token TEXT[], p_w_locked_until BIGINT,
  p_completed_tokens TEXT[],
  p_c_instance TEXT[], p_c_execution BIGINT[], p_c_activity BIGINT[],
  p_o_instance TEXT[], p_o_type TEXT[], p_o_item TEXT[], p_o_visible_at BIGINT[],
  p_kv_op TEXT[], p_kv_key TEXT[], p_kv_value TEXT[], p_kv_updated_at BIGINT[],
  p_keep_until BIGINT,
  p_notify BOOLEAN, p_channel TEXT, p_payload TEXT)
RETURNS TABLE (
  outcome TEXT, locked_instance_id TEXT, cancelled JSONB, lock_kept BOOLEAN, instance_created_at BIGINT,
  lost_work_token TEXT, released_waiting BOOLEAN)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_instance TEXT;
  v_locked_until BIGINT;
  v_lost TEXT;
  v_cancelled JSONB;
  v_inserted_ids BIGINT[];
  v_kept BOOLEAN;
  v_created BIGINT;
  v_payload JSONB;
  v_waiting BOOLEAN;
BEGIN
  SELECT l.instance_id, l.locked_until INTO v_instance, v_locked_until
  FROM {schema}.instance_locks l WHERE l.lock_token = p_token FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'unknown'::TEXT, NULL::TEXT, NULL::JSONB, FALSE, NULL::BIGINT, NULL::TEXT, FALSE;
    RETURN;
  END IF;
  IF v_locked_until <= p_now THEN
    RETURN QUERY SELECT 'expired'::TEXT, v_instance, NULL::JSONB, FALSE, NULL::BIGINT, NULL::TEXT, FALSE;
    RETURN;
  END IF;

  -- Completed work items: lock their rows (a renewal or a cancellation in flight commits
  -- first), then every token must still hold a valid lock. Checked before any write.
  IF cardinality(p_completed_tokens) > 0 THEN
    PERFORM 1 FROM {schema}.worker_queue w WHERE w.lock_token = ANY(p_completed_tokens) ORDER BY w.id FOR UPDATE;
    SELECT t.token INTO v_lost FROM unnest(p_completed_tokens) AS t(token)
    WHERE t.token IS NULL OR NOT EXISTS (SELECT 1 FROM {schema}.worker_queue w
                                         WHERE w.lock_token = t.token AND w.locked_until > p_now)
    LIMIT 1;
    IF FOUND THEN
      RETURN QUERY SELECT 'work-lock-lost'::TEXT, v_instance, NULL::JSONB, FALSE, NULL::BIGINT, v_lost, FALSE;
      RETURN;
    END IF;
  END IF;

  -- Each statement below runs only when its input is not empty: on the hot path (a held
  -- instance committing one local step) most are, and every statement costs.
  DELETE FROM {schema}.orchestrator_queue WHERE lock_token = p_token;
  IF cardinality(p_completed_tokens) > 0 THEN
    WITH done AS (
      DELETE FROM {schema}.worker_queue WHERE lock_token = ANY(p_completed_tokens) RETURNING session_id)
    UPDATE {schema}.sessions s SET last_activity_at = p_now
    FROM done d WHERE s.session_id = d.session_id AND s.locked_until > p_now;
  END IF;

  IF p_name IS NOT NULL AND p_version IS NOT NULL THEN
    INSERT INTO {schema}.instances AS i
      (instance_id, orchestration_name, orchestration_version, current_execution_id, created_at, updated_at,
       parent_instance_id, custom_status_version)
    VALUES (v_instance, p_name, p_version, p_execution_id, p_now, p_now, p_parent_instance_id, 0)
    ON CONFLICT (instance_id) DO UPDATE SET
      orchestration_name = EXCLUDED.orchestration_name, orchestration_version = EXCLUDED.orchestration_version;
  END IF;
  IF p_name IS NOT NULL OR p_pinned_version IS NOT NULL
     OR NOT EXISTS (SELECT 1 FROM {schema}.executions
                    WHERE instance_id = v_instance AND execution_id = p_execution_id) THEN
    INSERT INTO {schema}.executions AS e
      (instance_id, execution_id, orchestration_name, orchestration_version, status, started_at, duroxide_version)
    SELECT i.instance_id, p_execution_id, COALESCE(p_name, i.orchestration_name), COALESCE(p_version, i.orchestration_version),
           'Running', p_now, p_pinned_version
    FROM {schema}.instances i WHERE i.instance_id = v_instance
    ON CONFLICT (instance_id, execution_id) DO UPDATE SET duroxide_version = EXCLUDED.duroxide_version
    WHERE EXCLUDED.duroxide_version IS NOT NULL;
  END IF;
  UPDATE {schema}.instances
  SET current_execution_id = GREATEST(current_execution_id, p_execution_id), updated_at = p_now,
      custom_status = CASE WHEN p_has_custom_status THEN p_custom_status ELSE custom_status END,
      custom_status_version = custom_status_version + CASE WHEN p_has_custom_status THEN 1 ELSE 0 END
  WHERE instance_id = v_instance
  RETURNING created_at INTO v_created;

  IF cardinality(p_event_ids) > 0 THEN
    INSERT INTO {schema}.history (instance_id, execution_id, event_id, event_type, event_data, created_at)
    SELECT v_instance, p_execution_id, x.event_id, x.event_type, x.event_data, p_now
    FROM unnest(p_event_ids, p_event_types, p_event_data) AS x(event_id, event_type, event_data);
  END IF;

  IF p_status IS NOT NULL THEN
    UPDATE {schema}.executions SET status = p_status, output = p_output, completed_at = p_now
    WHERE instance_id = v_instance AND execution_id = p_execution_id;
  END IF;

  -- Claimed rows (a token given) are inserted locked for the caller, as if fetched once.
  IF cardinality(p_w_instance) > 0 THEN
  WITH inserted AS (
    INSERT INTO {schema}.worker_queue
      (instance_id, execution_id, activity_id, activity_name, work_item, visible_at, lock_token, locked_until,
       attempt_count, session_id, tag, created_at)
    SELECT x.instance_id, x.execution_id, x.activity_id, x.activity_name, x.work_item, p_now, x.token,
           CASE WHEN x.token IS NULL THEN NULL ELSE p_w_locked_until END,
           CASE WHEN x.token IS NULL THEN 0 ELSE 1 END, x.session_id, x.tag, p_now
    FROM unnest(p_w_instance, p_w_execution, p_w_activity, p_w_name, p_w_item, p_w_session, p_w_tag, p_w_token)
         WITH ORDINALITY AS x(instance_id, execution_id, activity_id, activity_name, work_item, session_id, tag, token, ord)
    ORDER BY x.ord
    RETURNING id)
  SELECT array_agg(id) INTO v_inserted_ids FROM inserted;
  END IF;
  -- After the inserts: an activity scheduled and cancelled in the same turn ends up absent.
  -- Reported as cancelled are only rows that existed before this turn (queued or running).
  IF cardinality(p_c_instance) > 0 THEN
  WITH deleted AS (
    DELETE FROM {schema}.worker_queue w
    USING unnest(p_c_instance, p_c_execution, p_c_activity) AS c(instance_id, execution_id, activity_id)
    WHERE w.instance_id = c.instance_id AND w.execution_id = c.execution_id AND w.activity_id = c.activity_id
    RETURNING w.id, w.instance_id, w.execution_id, w.activity_id)
  SELECT jsonb_agg(DISTINCT jsonb_build_array(d.instance_id, d.execution_id, d.activity_id)) INTO v_cancelled
  FROM deleted d WHERE NOT (d.id = ANY(COALESCE(v_inserted_ids, '{}')));
  END IF;

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

  IF cardinality(p_o_instance) > 0 THEN
    INSERT INTO {schema}.orchestrator_queue (instance_id, item_type, work_item, visible_at, attempt_count, created_at)
    SELECT x.instance_id, x.item_type, x.work_item, x.visible_at, 0, p_now
    FROM unnest(p_o_instance, p_o_type, p_o_item, p_o_visible_at) WITH ORDINALITY
         AS x(instance_id, item_type, work_item, visible_at, ord)
    ORDER BY x.ord;
  END IF;

  -- Keep (extend) the instance lock only while the execution goes on and no message of the
  -- instance is visible (checked after this turn's deletes and inserts); else release it —
  -- and when messages wait (they arrived while the instance was locked, so whoever was woken
  -- for them found it taken), announce them again.
  v_waiting := EXISTS (SELECT 1 FROM {schema}.orchestrator_queue q
                       WHERE q.instance_id = v_instance AND q.visible_at <= p_now);
  IF p_keep_until IS NOT NULL AND p_status IS NULL AND NOT v_waiting THEN
    UPDATE {schema}.instance_locks SET locked_until = p_keep_until WHERE lock_token = p_token;
    v_kept := TRUE;
  ELSE
    DELETE FROM {schema}.instance_locks WHERE lock_token = p_token;
    v_kept := FALSE;
  END IF;

  -- The payload gets the instance id (key 'i') and the cancelled activities (key 'c'), each
  -- only while the payload stays small (MAX_NOTIFIED_*_BYTES in notify/signal-payload.ts).
  v_payload := p_payload::jsonb;
  IF octet_length(v_instance) <= 1000 THEN v_payload := v_payload || jsonb_build_object('i', v_instance); END IF;
  IF v_cancelled IS NOT NULL AND octet_length(v_cancelled::text) <= 4000 THEN
    v_payload := v_payload || jsonb_build_object('c', v_cancelled);
  END IF;
  IF v_waiting THEN
    v_payload := v_payload || jsonb_build_object('q', LEAST(p_now, COALESCE((v_payload->>'q')::BIGINT, p_now)));
  END IF;
  -- Other processes only hear about commits they may act on (p_notify: new work, a status or
  -- custom-status change), cancelled activities and waiting messages.
  IF p_notify OR v_waiting OR v_cancelled IS NOT NULL THEN
    PERFORM pg_notify(p_channel, v_payload::text);
  END IF;
  RETURN QUERY SELECT 'ok'::TEXT, v_instance, v_cancelled, v_kept, v_created, NULL::TEXT, v_waiting AND NOT v_kept;
END
$fn$;
`;
/**
 * `enqueue_start_if_absent`: a client's start, refused when the instance exists (its row, or a
 * start already queued). The advisory lock serializes concurrent starts of one id; the check
 * runs after it as its own statement, so it sees a start committed by whoever held the lock.
 * Returns the queued row's `visible_at`, or NULL when nothing was written.
 */
const ENQUEUE_START_IF_ABSENT = `
CREATE FUNCTION {schema}.enqueue_start_if_absent(
  p_instance TEXT, p_item TEXT, p_now BIGINT, p_lock_key TEXT, p_channel TEXT, p_payload TEXT)
RETURNS BIGINT
LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(p_lock_key, 0));
  IF EXISTS (SELECT 1 FROM {schema}.instances WHERE instance_id = p_instance)
     OR EXISTS (SELECT 1 FROM {schema}.orchestrator_queue
                WHERE instance_id = p_instance AND item_type = 'StartOrchestration') THEN
    RETURN NULL;
  END IF;
  INSERT INTO {schema}.orchestrator_queue (instance_id, item_type, work_item, visible_at, attempt_count, created_at)
  VALUES (p_instance, 'StartOrchestration', p_item, p_now, 0, p_now);
  PERFORM pg_notify(p_channel, p_payload);
  RETURN p_now;
END
$fn$;
`;
export const MIGRATION_0002_ACK_HANDOFF = {
    version: 2,
    name: 'ack-handoff',
    sql: ACK_ORCHESTRATION_ITEM + ENQUEUE_START_IF_ABSENT,
};
//# sourceMappingURL=0002-ack-handoff.js.map