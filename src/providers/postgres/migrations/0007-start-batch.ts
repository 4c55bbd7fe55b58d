/**
 * Migration 0007: `enqueue_starts_if_absent`, the client starts of one event-loop turn in one
 * call (group commit of starts, `statements/enqueue-starts-if-absent.ts`). IMMUTABLE once
 * released.
 *
 * No table changes. The single-start function of migration 0002 stays: a start alone still
 * calls it, and so do nodes of an older build during a rolling upgrade.
 * @module
 */
import type { Migration } from './migration.js';

/**
 * `enqueue_starts_if_absent`: `enqueue_start_if_absent` over arrays indexed by start, with the
 * single call's rules for each:
 * - the same advisory lock per instance id (the same keys), all taken first, in ascending key
 *   order and each once, so two batches, or a batch and single starts, never wait for each
 *   other in a cycle;
 * - the check runs after the locks as its own statement (under READ COMMITTED each statement
 *   of a function takes a fresh snapshot), so it sees every start committed by a previous
 *   holder of any of the locks; a snapshot taken before the wait would not;
 * - the first start of an instance id in the batch is checked and inserted, the later ones are
 *   refused as if the first were committed;
 * - one NOTIFY when anything was queued: the payload is `p_payload` with `q`, the earliest
 *   `visible_at` queued.
 * Returns one `visible_at` per start, in order: the queued row's, or NULL when nothing was
 * written for it.
 */
const ENQUEUE_STARTS_IF_ABSENT = `
CREATE FUNCTION {schema}.enqueue_starts_if_absent(
  p_instances TEXT[], p_items TEXT[], p_nows BIGINT[], p_lock_keys TEXT[], p_channel TEXT, p_payload TEXT)
RETURNS BIGINT[]
LANGUAGE plpgsql AS $fn$
DECLARE
  v_key BIGINT;
  v_result BIGINT[];
  v_first BIGINT;
BEGIN
  FOR v_key IN SELECT DISTINCT hashtextextended(k, 0) FROM unnest(p_lock_keys) AS k ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(v_key);
  END LOOP;
  WITH s AS (
    SELECT * FROM unnest(p_instances, p_items, p_nows) WITH ORDINALITY AS s(instance_id, item, now_ms, n)),
  fresh AS (
    SELECT f.* FROM (SELECT DISTINCT ON (s.instance_id) s.* FROM s ORDER BY s.instance_id, s.n) f
    WHERE NOT EXISTS (SELECT 1 FROM {schema}.instances i WHERE i.instance_id = f.instance_id)
      AND NOT EXISTS (SELECT 1 FROM {schema}.orchestrator_queue q
                      WHERE q.instance_id = f.instance_id AND q.item_type = 'StartOrchestration')),
  ins AS (
    INSERT INTO {schema}.orchestrator_queue (instance_id, item_type, work_item, visible_at, attempt_count, created_at)
    SELECT fresh.instance_id, 'StartOrchestration', fresh.item, fresh.now_ms, 0, fresh.now_ms
    FROM fresh ORDER BY fresh.n
    RETURNING 1)
  SELECT array_agg(fresh.now_ms ORDER BY s.n), min(fresh.now_ms) INTO v_result, v_first
  FROM s LEFT JOIN fresh ON fresh.n = s.n;
  IF v_first IS NOT NULL THEN
    PERFORM pg_notify(p_channel, (p_payload::jsonb || jsonb_build_object('q', v_first))::text);
  END IF;
  RETURN v_result;
END
$fn$;
`;

export const MIGRATION_0007_START_BATCH: Migration = {
  version: 7,
  name: 'start-batch',
  sql: ENQUEUE_STARTS_IF_ABSENT,
};
