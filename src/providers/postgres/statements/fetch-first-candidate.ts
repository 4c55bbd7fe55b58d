/**
 * The hot-path fetch: the first candidate instance taken with ONE plain SQL statement
 * (data-modifying CTEs) instead of the `fetch_orchestration_item` PL/pgSQL function, which
 * remains the path for everything unusual.
 * @module
 */
import type { StatementContext } from './statement-context.js';
import { table } from './statement-context.js';

/**
 * One row: `outcome` says what happened.
 * - 'none': no visible row is free (nothing written): no work.
 * - 'busy': the first candidate was taken by someone else meanwhile (nothing written): the
 *   function tries the next candidates.
 * - 'empty' / 'orphan': the lock was taken but no row could be marked, or the instance has no
 *   row and no start item: the caller gives the batch back and runs the function (which
 *   handles orphans).
 * - 'ok': the batch is locked; the rest of the row is the function's row.
 */
export interface FirstCandidateRow extends FetchedRow {
  outcome: 'none' | 'busy' | 'empty' | 'orphan' | 'ok';
}

/** One row of the `fetch_orchestration_item` function (and of an 'ok' first candidate). */
export interface FetchedRow {
  fetched_instance_id: string;
  /** NULL for a row over the size limit (`maxItemBytes`), never loaded: see `row_ids`/`item_sizes`. */
  work_items: (string | null)[];
  row_ids: string[];
  item_sizes: string[];
  max_attempt_count: number;
  has_instance: boolean;
  instance_name: string | null;
  instance_version: string | null;
  instance_execution_id: number | null;
  instance_created_at: number | null;
  max_event_id: number | null;
  instance_version_pin: string | null;
  instance_next_version: string | null;
  instance_history_format: number | null;
}

/**
 * The condition on a queue row `q` that may make its instance a candidate, shared by the single
 * and the batched statement (the same parameters: `$1` now, `$4` excluded instances, `$6` max
 * history format): visible, not excluded, its own lock free or expired, its instance's lock
 * free or expired, the instance not recorded in a newer history format.
 */
export function candidateRowFilter(ctx: StatementContext): string {
  const t = (name: string): string => table(ctx, name);
  return `q.visible_at <= $1::bigint AND NOT (q.instance_id = ANY(COALESCE($4::text[], '{}')))
    AND (q.lock_token IS NULL OR q.locked_until <= $1::bigint)
    AND NOT EXISTS (SELECT 1 FROM ${t('instance_locks')} l
                    WHERE l.instance_id = q.instance_id AND l.locked_until > $1::bigint)
    AND ($6::integer IS NULL OR NOT EXISTS (
           SELECT 1 FROM ${t('instances')} fi
           WHERE fi.instance_id = q.instance_id AND COALESCE(fi.history_format, 1) > $6::integer))`;
}

/**
 * The aggregates over the rows a fetch marked (`marked m`): their texts (NULL over the size
 * limit `$7`), ids and sizes in id order, the largest attempt count, and whether a start is
 * among them.
 */
export function markedRowAggregates(): string {
  return `array_agg(CASE WHEN $7::bigint IS NOT NULL AND octet_length(m.work_item) > $7::bigint
                         THEN NULL ELSE m.work_item END ORDER BY m.id) AS items,
         array_agg(m.id ORDER BY m.id) AS ids,
         array_agg(octet_length(m.work_item)::BIGINT ORDER BY m.id) AS sizes,
         MAX(m.attempt_count) AS attempts,
         bool_or(m.item_type IN ('StartOrchestration', 'ContinueAsNew')) AS has_start`;
}

/**
 * A fetched row's columns after its outcome and instance id ({@link FetchedRow}), from the
 * aggregates `batch` (see {@link markedRowAggregates}) and the instance row `i` read with its
 * `row_version`: the largest event id only while that version is `snapshotVersion`'s (the
 * instance row did not change after the statement's snapshot).
 */
export function fetchedRowColumns(
  ctx: StatementContext,
  batch: string,
  snapshotVersion: string,
): string {
  return `${batch}.items AS work_items,
  ${batch}.ids AS row_ids,
  ${batch}.sizes AS item_sizes,
  ${batch}.attempts AS max_attempt_count,
  i.instance_id IS NOT NULL AS has_instance,
  i.orchestration_name AS instance_name,
  i.orchestration_version AS instance_version,
  i.current_execution_id AS instance_execution_id,
  i.created_at AS instance_created_at,
  CASE WHEN i.row_version IS NOT DISTINCT FROM ${snapshotVersion}
       THEN (SELECT MAX(h.event_id) FROM ${table(ctx, 'history')} h
             WHERE h.instance_id = i.instance_id AND h.execution_id = i.current_execution_id)
  END AS max_event_id,
  i.version_pin AS instance_version_pin,
  i.next_version AS instance_next_version,
  i.history_format AS instance_history_format`;
}

/**
 * Parameters: `$1` now, `$2` locked until, `$3` token, `$4` excluded instances, `$5` advisory
 * lock key prefix, `$6` max history format (NULL: no filter), `$7` largest item loaded in
 * bytes (NULL: no limit; a larger row comes back as NULL text with its id and size, so the
 * caller quarantines it without loading it, as the function does).
 *
 * The same rules as the function for its first candidate (see `fetch-orchestration-item.ts`):
 * the oldest visible row whose instance has no valid lock, is not excluded, is not in a newer
 * history format and that no other fetch holds marked (its own `lock_token` free or expired) —
 * read `FOR UPDATE SKIP LOCKED`, so fetchers running at the same moment start from different
 * rows instead of racing for one; the advisory try-lock; the lock row inserted, or taken over
 * only while expired (`ON CONFLICT … WHERE locked_until <= now` decides on the latest committed
 * row, so a lock committed after this statement's snapshot is never overwritten); every visible
 * row of the instance marked `FOR UPDATE SKIP LOCKED` with the attempt counted; the instance's
 * metadata and largest event id returned.
 *
 * The row's own lock test is re-checked on its latest version when the row lock is taken,
 * while the instance-lock test runs in the statement's snapshot. Without it, a fetch whose
 * snapshot predates another fetch's commit took that fetch's row as its candidate and went for
 * the instance lock, where it waited for the turn's ack — which waited to delete the row this
 * fetch held: a deadlock PostgreSQL breaks only after `deadlock_timeout` (1 s; ADR 0017). A
 * row that fails the re-check may stay locked until this statement ends, which only delays the
 * ack by that much.
 *
 * One statement has one snapshot, and a turn of another process may commit between it and
 * the lock (its fetch and ack both inside this statement's run). The instance row is read
 * `FOR KEY SHARE`, which returns its latest committed version; when that is not the version
 * of the snapshot, the largest event id (read in the snapshot) is left NULL, so no cache hint
 * matches and the caller reads history afresh. An instance created meanwhile is not seen at
 * all: its start item is gone, so the batch is an 'orphan' and the function decides.
 */
export function firstCandidateSql(ctx: StatementContext): string {
  const t = (name: string): string => table(ctx, name);
  return `
WITH cand AS (
  SELECT q.instance_id FROM ${t('orchestrator_queue')} q
  WHERE ${candidateRowFilter(ctx)}
  ORDER BY q.visible_at, q.id LIMIT 1 FOR UPDATE OF q SKIP LOCKED),
adv AS (
  SELECT c.instance_id FROM cand c
  WHERE pg_try_advisory_xact_lock(hashtextextended($5::text || c.instance_id, 0))),
lk AS (
  INSERT INTO ${t('instance_locks')} AS l (instance_id, lock_token, locked_until, locked_at)
  SELECT adv.instance_id, $3::text, $2::bigint, $1::bigint FROM adv
  ON CONFLICT (instance_id) DO UPDATE
    SET lock_token = EXCLUDED.lock_token, locked_until = EXCLUDED.locked_until, locked_at = EXCLUDED.locked_at
    WHERE l.locked_until <= $1::bigint
  RETURNING l.instance_id),
marked AS (
  UPDATE ${t('orchestrator_queue')} q
  SET lock_token = $3::text, locked_until = $2::bigint, attempt_count = q.attempt_count + 1
  WHERE q.id IN (SELECT r.id FROM ${t('orchestrator_queue')} r JOIN lk ON r.instance_id = lk.instance_id
                 WHERE r.visible_at <= $1::bigint FOR UPDATE OF r SKIP LOCKED)
  RETURNING q.id, q.work_item, q.item_type, q.attempt_count),
inst AS (
  SELECT i.instance_id, i.orchestration_name, i.orchestration_version, i.current_execution_id, i.created_at,
         i.version_pin, i.next_version, i.history_format, i.xmin::text AS row_version
  FROM ${t('instances')} i JOIN lk ON i.instance_id = lk.instance_id FOR KEY SHARE OF i),
snap AS (
  SELECT i.xmin::text AS row_version FROM ${t('instances')} i JOIN cand ON i.instance_id = cand.instance_id),
batch AS (
  SELECT ${markedRowAggregates()}
  FROM marked m)
SELECT
  CASE WHEN cand.instance_id IS NULL THEN 'none'
       WHEN lk.instance_id IS NULL THEN 'busy'
       WHEN batch.items IS NULL THEN 'empty'
       WHEN i.instance_id IS NULL AND NOT batch.has_start THEN 'orphan'
       ELSE 'ok' END AS outcome,
  cand.instance_id AS fetched_instance_id,
  ${fetchedRowColumns(ctx, 'batch', '(SELECT row_version FROM snap)')}
FROM (SELECT 1) AS one
  LEFT JOIN cand ON TRUE
  LEFT JOIN lk ON TRUE
  CROSS JOIN batch
  LEFT JOIN inst i ON TRUE`;
}
