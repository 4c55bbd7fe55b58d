/**
 * The batched hot-path fetch: the first candidate statement (fetch-first-candidate.ts) for
 * several callers at once — up to N distinct instances taken with ONE plain statement, one per
 * caller (ADR 0018).
 * @module
 */
import {
  candidateRowFilter,
  fetchedRowColumns,
  type FirstCandidateRow,
  markedRowAggregates,
} from './fetch-first-candidate.js';
import type { StatementContext } from './statement-context.js';
import { table } from './statement-context.js';

/** Queue rows scanned per caller: several rows usually belong to the same instance. */
export const SCAN_ROWS_PER_CALLER = 4;

/**
 * One row per candidate instance, `k` = 1…(at most N) in queue order: the caller `k` gets it.
 * `outcome` is the first candidate's ('busy', 'empty', 'orphan', 'ok'; never 'none': no row at
 * all for a caller means nothing was found for it). `scan_full`: the scan stopped at its row
 * limit, so there may be free instances it did not reach.
 */
export interface CandidateRow extends FirstCandidateRow {
  k: number;
  scan_full: boolean;
}

/**
 * Parameters: `$1` now, `$2` locked until, `$3` one lock token per caller (text[], caller `k`
 * holds `$3[k]`), `$4` excluded instances, `$5` advisory lock key prefix, `$6` max history
 * format (NULL: no filter), `$7` largest item loaded in bytes (NULL: no limit), `$8` callers N,
 * `$9` queue rows scanned at most.
 *
 * Per instance, the rules of the first candidate statement (fetch-first-candidate.ts): the
 * oldest visible rows whose instance has no valid lock, is not excluded, is not in a newer
 * history format and whose own row lock is free or expired — read `FOR UPDATE SKIP LOCKED`, the
 * row lock test re-checked on the latest version, so a row another fetch marked after this
 * statement's snapshot never makes its instance a candidate (the deadlock of ADR 0017). The scan
 * reads up to `$9` rows; their distinct instances, in the order of their oldest row, are the
 * candidates, the first N kept. Each candidate: the advisory try-lock (never waits), its lock
 * row inserted or taken over only while expired, its visible rows marked `FOR UPDATE SKIP
 * LOCKED` with its caller's token, its metadata read `FOR KEY SHARE` and its largest event id
 * left NULL when the instance row changed after the snapshot.
 *
 * Lock rows are inserted in instance order. A batch never waits for another fetch's lock row
 * (the advisory try-lock of that instance fails first); it may wait for an ack's, as the single
 * statement does, and holds no row that ack needs (its rows fail the re-check above).
 */
export function firstCandidatesSql(ctx: StatementContext): string {
  const t = (name: string): string => table(ctx, name);
  return `
WITH scan AS (
  SELECT q.id, q.instance_id, q.visible_at FROM ${t('orchestrator_queue')} q
  WHERE ${candidateRowFilter(ctx)}
  ORDER BY q.visible_at, q.id LIMIT $9::integer FOR UPDATE OF q SKIP LOCKED),
cand AS (
  SELECT s.instance_id, row_number() OVER (ORDER BY min(s.visible_at), min(s.id))::integer AS k
  FROM scan s GROUP BY s.instance_id ORDER BY k LIMIT $8::integer),
adv AS (
  SELECT c.instance_id, c.k FROM cand c
  WHERE pg_try_advisory_xact_lock(hashtextextended($5::text || c.instance_id, 0))),
lk AS (
  INSERT INTO ${t('instance_locks')} AS l (instance_id, lock_token, locked_until, locked_at)
  SELECT adv.instance_id, ($3::text[])[adv.k], $2::bigint, $1::bigint FROM adv ORDER BY adv.instance_id
  ON CONFLICT (instance_id) DO UPDATE
    SET lock_token = EXCLUDED.lock_token, locked_until = EXCLUDED.locked_until, locked_at = EXCLUDED.locked_at
    WHERE l.locked_until <= $1::bigint
  RETURNING l.instance_id, l.lock_token),
marked AS (
  UPDATE ${t('orchestrator_queue')} q
  SET lock_token = lk.lock_token, locked_until = $2::bigint, attempt_count = q.attempt_count + 1
  FROM lk
  WHERE q.instance_id = lk.instance_id
    AND q.id IN (SELECT r.id FROM ${t('orchestrator_queue')} r JOIN lk ON r.instance_id = lk.instance_id
                 WHERE r.visible_at <= $1::bigint FOR UPDATE OF r SKIP LOCKED)
  RETURNING q.id, q.instance_id, q.work_item, q.item_type, q.attempt_count),
inst AS (
  SELECT i.instance_id, i.orchestration_name, i.orchestration_version, i.current_execution_id, i.created_at,
         i.version_pin, i.next_version, i.history_format, i.xmin::text AS row_version
  FROM ${t('instances')} i JOIN lk ON i.instance_id = lk.instance_id FOR KEY SHARE OF i),
snap AS (
  SELECT i.instance_id, i.xmin::text AS row_version
  FROM ${t('instances')} i JOIN cand ON i.instance_id = cand.instance_id),
batch AS (
  SELECT m.instance_id, ${markedRowAggregates()}
  FROM marked m GROUP BY m.instance_id)
SELECT
  c.k,
  (SELECT count(*) FROM scan) >= $9::integer AS scan_full,
  CASE WHEN lk.instance_id IS NULL THEN 'busy'
       WHEN b.items IS NULL THEN 'empty'
       WHEN i.instance_id IS NULL AND NOT b.has_start THEN 'orphan'
       ELSE 'ok' END AS outcome,
  c.instance_id AS fetched_instance_id,
  ${fetchedRowColumns(ctx, 'b', 'sn.row_version')}
FROM cand c
  LEFT JOIN lk ON lk.instance_id = c.instance_id
  LEFT JOIN batch b ON b.instance_id = c.instance_id
  LEFT JOIN inst i ON i.instance_id = c.instance_id
  LEFT JOIN snap sn ON sn.instance_id = c.instance_id
ORDER BY c.k`;
}
