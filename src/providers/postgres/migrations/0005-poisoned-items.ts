/**
 * Migration 0005: quarantine for queue rows a fetch cannot process (docs/reliability.md).
 * IMMUTABLE once released.
 *
 * - `poisoned_items` receives, unchanged, an orchestrator or worker queue row that does not
 *   decode as a work item or is larger than the fetch's size limit; the fetch moves it there and
 *   goes on with the queue. Operators read it through `listPoisonedItems` (newest first by `id`).
 * - `fetch_orchestration_item` gets a NEW overload (one more argument, `p_max_item_bytes`, and
 *   the batch's row ids and sizes in the result): a row over the limit comes back with NULL text
 *   and is never loaded. The 0001/0003 overloads stay for nodes of earlier builds (rolling
 *   upgrades).
 * @module
 */
import type { Migration } from './migration.js';

/** The 0003 function plus the size limit and the row ids and sizes of the batch. */
const FETCH_ORCHESTRATION_ITEM = `
CREATE FUNCTION {schema}.fetch_orchestration_item(
  p_now BIGINT, p_locked_until BIGINT, p_token TEXT, p_exclude TEXT[], p_lock_key_prefix TEXT,
  p_max_candidates INTEGER, p_candidate_rows INTEGER, p_orphan_max_age_ms BIGINT, p_orphan_retry_delay_ms BIGINT,
  p_max_history_format INTEGER, p_max_item_bytes BIGINT)
RETURNS TABLE (
  fetched_instance_id TEXT, work_items TEXT[], max_attempt_count INTEGER, has_instance BOOLEAN,
  instance_name TEXT, instance_version TEXT, instance_execution_id BIGINT, instance_created_at BIGINT,
  max_event_id BIGINT, instance_version_pin TEXT, instance_next_version TEXT, instance_history_format INTEGER,
  row_ids BIGINT[], item_sizes BIGINT[])
LANGUAGE plpgsql AS $fn$
DECLARE
  v_excluded TEXT[] := COALESCE(p_exclude, '{}');
  v_inspected INTEGER := 0;
  v_any BOOLEAN;
  v_candidate TEXT;
  v_items TEXT[];
  v_ids BIGINT[];
  v_sizes BIGINT[];
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
      -- An oversized row comes back as NULL text with its size (octet_length reads the TOAST
      -- header, not the value): the caller quarantines it without ever loading it.
      SELECT array_agg(CASE WHEN p_max_item_bytes IS NOT NULL AND octet_length(m.work_item) > p_max_item_bytes
                            THEN NULL ELSE m.work_item END ORDER BY m.id),
             array_agg(m.item_type ORDER BY m.id), MAX(m.attempt_count), MIN(m.created_at),
             array_agg(m.id ORDER BY m.id), array_agg(octet_length(m.work_item)::BIGINT ORDER BY m.id)
      INTO v_items, v_types, v_attempts, v_oldest, v_ids, v_sizes
      FROM marked m;
      IF v_ids IS NULL THEN
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
          v_pin, v_next, v_format, v_ids, v_sizes;
        RETURN;
      END IF;
      IF 'StartOrchestration' = ANY(v_types) OR 'ContinueAsNew' = ANY(v_types) THEN
        RETURN QUERY SELECT v_candidate, v_items, v_attempts, FALSE, NULL::TEXT, NULL::TEXT, NULL::BIGINT, NULL::BIGINT, NULL::BIGINT,
          NULL::TEXT, NULL::TEXT, NULL::INTEGER, v_ids, v_sizes;
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

export const MIGRATION_0005_POISONED_ITEMS: Migration = {
  version: 5,
  name: 'poisoned-items',
  sql: `
CREATE TABLE {schema}.poisoned_items (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  queue         TEXT NOT NULL,
  source_id     BIGINT NOT NULL,
  instance_id   TEXT COLLATE "C",
  item_type     TEXT,
  work_item     TEXT NOT NULL,
  size_bytes    BIGINT NOT NULL,
  attempt_count INTEGER NOT NULL,
  reason        TEXT NOT NULL,
  enqueued_at   BIGINT NOT NULL,
  poisoned_at   BIGINT NOT NULL
);
${FETCH_ORCHESTRATION_ITEM}`,
};
