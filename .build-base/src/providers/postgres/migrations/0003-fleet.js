/**
 * Migration 0003: fleet-safe versioning (docs/versioning.md). IMMUTABLE once released.
 *
 * - `version_policies`: one row per orchestration name ever given a policy; `policy` is the
 *   JSON text of a `StoredVersionPolicy`, NULL once cleared — the row stays so `revision` keeps
 *   counting across clears.
 * - `audit_log`: operator actions, newest = largest `id`; listed newest first, per target.
 * - `nodes`: what each runtime announces about itself (heartbeat); `orchestrations` and
 *   `activities` are JSON text.
 * - `instances` gains the sticky pin (`version_pin`), the operator's next-version request
 *   (`next_version`) and the current execution's history format (`history_format`, NULL = 1,
 *   rows written before this migration). Nullable columns without defaults: no table rewrite.
 *
 * Rolling upgrades: `fetch_orchestration_item` and `ack_orchestration_item` get NEW overloads
 * (one more argument for the fetch, six for the ack; PostgreSQL resolves a call by its argument
 * list); the 0001/0002 ones stay, so nodes of the previous build keep fetching and committing
 * while newer nodes migrate the schema. What the old overloads do not write (format, pin) stays
 * NULL, which reads as "format 1, no pin" — exactly what an old build records.
 * @module
 */
import { ACK_ORCHESTRATION_ITEM_0003 } from './0003-fleet-ack.js';
/**
 * `fetch_orchestration_item`: the 0001 function plus the history-format filter (applied to
 * candidates, before any lock) and the instance's pin, next version and format in the result;
 * see `statements/fetch-orchestration-item.ts` for the rules.
 */
const FETCH_ORCHESTRATION_ITEM = `
CREATE FUNCTION {schema}.fetch_orchestration_item(
  p_now BIGINT, p_locked_until BIGINT, p_token TEXT, p_exclude TEXT[], p_lock_key_prefix TEXT,
  p_max_candidates INTEGER, p_candidate_rows INTEGER, p_orphan_max_age_ms BIGINT, p_orphan_retry_delay_ms BIGINT,
  p_max_history_format INTEGER)
RETURNS TABLE (
  fetched_instance_id TEXT, work_items TEXT[], max_attempt_count INTEGER, has_instance BOOLEAN,
  instance_name TEXT, instance_version TEXT, instance_execution_id BIGINT, instance_created_at BIGINT,
  max_event_id BIGINT, instance_version_pin TEXT, instance_next_version TEXT, instance_history_format INTEGER)
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
  v_pin TEXT;
  v_next TEXT;
  v_format INTEGER;
BEGIN
  LOOP
    v_any := FALSE;
    -- Candidates: instances of the oldest visible rows, no valid lock, not excluded, not
    -- recorded in a history format above p_max_history_format (NULL: no filter; a NULL format
    -- counts as 1; instances without a row always match); a plain read that locks nothing.
    FOR v_candidate IN
      SELECT c.instance_id FROM (
        SELECT q.instance_id, q.visible_at, q.id FROM {schema}.orchestrator_queue q
        WHERE q.visible_at <= p_now AND NOT (q.instance_id = ANY(v_excluded))
          AND NOT EXISTS (SELECT 1 FROM {schema}.instance_locks l
                          WHERE l.instance_id = q.instance_id AND l.locked_until > p_now)
          AND (p_max_history_format IS NULL OR NOT EXISTS (
                 SELECT 1 FROM {schema}.instances fi
                 WHERE fi.instance_id = q.instance_id AND COALESCE(fi.history_format, 1) > p_max_history_format))
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

      SELECT i.orchestration_name, i.orchestration_version, i.current_execution_id, i.created_at,
             i.version_pin, i.next_version, i.history_format
      INTO v_name, v_version, v_execution, v_created, v_pin, v_next, v_format
      FROM {schema}.instances i WHERE i.instance_id = v_candidate;
      IF FOUND THEN
        RETURN QUERY SELECT v_candidate, v_items, v_attempts, TRUE, v_name, v_version, v_execution, v_created,
          (SELECT MAX(h.event_id) FROM {schema}.history h
           WHERE h.instance_id = v_candidate AND h.execution_id = v_execution),
          v_pin, v_next, v_format;
        RETURN;
      END IF;
      IF 'StartOrchestration' = ANY(v_types) OR 'ContinueAsNew' = ANY(v_types) THEN
        RETURN QUERY SELECT v_candidate, v_items, v_attempts, FALSE, NULL::TEXT, NULL::TEXT, NULL::BIGINT, NULL::BIGINT, NULL::BIGINT,
          NULL::TEXT, NULL::TEXT, NULL::INTEGER;
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
export const MIGRATION_0003_FLEET = {
    version: 3,
    name: 'fleet',
    sql: `
ALTER TABLE {schema}.instances
  ADD COLUMN version_pin TEXT COLLATE "C",
  ADD COLUMN next_version TEXT COLLATE "C",
  ADD COLUMN history_format INTEGER;

CREATE TABLE {schema}.version_policies (
  orchestration_name TEXT COLLATE "C" PRIMARY KEY,
  policy             TEXT,
  updated_at         BIGINT NOT NULL,
  updated_by         TEXT,
  reason             TEXT,
  revision           BIGINT NOT NULL
);

CREATE TABLE {schema}.audit_log (
  id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at      BIGINT NOT NULL,
  actor   TEXT,
  action  TEXT NOT NULL,
  target  TEXT COLLATE "C" NOT NULL,
  reason  TEXT,
  details TEXT NOT NULL
);
-- The audit of one target, newest first (paging by id).
CREATE INDEX idx_audit_log_target ON {schema}.audit_log (target, id);

CREATE TABLE {schema}.nodes (
  node_id               TEXT COLLATE "C" PRIMARY KEY,
  host                  TEXT NOT NULL,
  pid                   INTEGER NOT NULL,
  duroxide_version      TEXT NOT NULL,
  history_format        INTEGER NOT NULL,
  heartbeat_interval_ms BIGINT NOT NULL,
  started_at            BIGINT NOT NULL,
  last_seen_at          BIGINT NOT NULL,
  orchestrations        TEXT NOT NULL,
  activities            TEXT NOT NULL
);
${FETCH_ORCHESTRATION_ITEM}${ACK_ORCHESTRATION_ITEM_0003}`,
};
//# sourceMappingURL=0003-fleet.js.map