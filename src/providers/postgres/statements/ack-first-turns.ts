/**
 * Group commit of first turns: the first-turn acks of several new instances issued in the
 * same event-loop turn are committed by ONE statement (one round trip, one commit) with the
 * same per-ack checks and effects as `ack-first-turn.ts`.
 * @module
 */
import { type FirstTurnInput, firstTurnStatement } from './ack-first-turn.js';
import {
  type AckCommit,
  ackBatcher,
  batchedAckDeletes,
  batchedAckLocks,
  batchedHistoryInsert,
  lockUntilColumns,
  perAck,
  perAckRow,
  rowColumns,
} from './ack-held-steps.js';
import type { StatementContext } from './statement-context.js';
import { table } from './statement-context.js';

/**
 * `firstTurnStatement` over arrays indexed by ack (`n`, 1-based): each ack's instance lock row
 * and completed work items are locked and validated on their own (`ok` holds the acks that
 * passed; lock rows are taken in instance order, so two batches never wait for each other in a
 * cycle), every write is joined to `ok` by `n`, and one result row per ack, in `n` order,
 * reports what the single statement would have — an unknown or expired token, or a lost work
 * item lock, fails only its own ack. Each ack keeps its own `now`. The instances are upserted
 * in instance order by one INSERT (a token named twice makes it change a row twice: the batch
 * fails and its acks run alone). "Messages wait" also counts the visible orchestrator rows
 * the batch's other acks queue for the instance, as if they had committed first.
 */
function firstTurnsStatement(ctx: StatementContext): {
  sql: string;
  values: (inputs: readonly FirstTurnInput[]) => unknown[];
} {
  const t = (name: string): string => table(ctx, name);
  const sql = `
WITH acks AS (
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[],
                       $8::integer[], $9::boolean[], $10::text[], $11::text[], $12::bigint[], $13::bigint[], $14::text[])
    WITH ORDINALITY AS a(token, at_ms, execution_id, name, version, parent, duroxide_version, history_format,
                         pin_set, pin, consumed_next, claim_until, keep_until, payload, n)),
${batchedAckLocks(ctx, 16)},
ok AS (
  SELECT a.*, lk.instance_id FROM lk JOIN acks a ON a.n = lk.n
  WHERE lk.locked_until > a.at_ms AND lk.n NOT IN (SELECT n FROM lost)),
orch AS (
  SELECT x.*, ok.at_ms AS queued_at FROM unnest($31::bigint[], $32::text[], $33::text[], $34::text[], $35::bigint[])
    WITH ORDINALITY AS x(n, instance_id, item_type, work_item, visible_at, ord)
  JOIN ok ON ok.n = x.n),
${batchedAckDeletes(ctx)},
ui AS (
  INSERT INTO ${t('instances')} AS i
    (instance_id, orchestration_name, orchestration_version, current_execution_id, created_at, updated_at,
     parent_instance_id, custom_status_version, history_format, version_pin)
  SELECT ok.instance_id, ok.name, ok.version, ok.execution_id, ok.at_ms, ok.at_ms, ok.parent, 0, ok.history_format,
         CASE WHEN ok.pin_set THEN ok.pin END
  FROM ok ORDER BY ok.instance_id
  ON CONFLICT (instance_id) DO UPDATE SET
    orchestration_name = EXCLUDED.orchestration_name, orchestration_version = EXCLUDED.orchestration_version,
    current_execution_id = GREATEST(i.current_execution_id, EXCLUDED.current_execution_id),
    updated_at = EXCLUDED.updated_at,
    history_format = COALESCE(EXCLUDED.history_format, i.history_format),
    version_pin = (SELECT CASE WHEN o.pin_set THEN o.pin ELSE i.version_pin END FROM ok o
                   WHERE o.instance_id = EXCLUDED.instance_id),
    next_version = CASE WHEN i.next_version = (SELECT o.consumed_next FROM ok o WHERE o.instance_id = EXCLUDED.instance_id)
                        THEN NULL ELSE i.next_version END
  RETURNING i.instance_id, i.created_at),
ue AS (
  INSERT INTO ${t('executions')} AS e
    (instance_id, execution_id, orchestration_name, orchestration_version, status, started_at, duroxide_version)
  SELECT ok.instance_id, ok.execution_id, ok.name, ok.version, 'Running', ok.at_ms, ok.duroxide_version
  FROM ok ORDER BY ok.instance_id
  ON CONFLICT (instance_id, execution_id) DO UPDATE SET duroxide_version = EXCLUDED.duroxide_version
  WHERE EXCLUDED.duroxide_version IS NOT NULL
  RETURNING 1),
${batchedHistoryInsert(ctx, 18)},
iw AS (
  INSERT INTO ${t('worker_queue')}
    (instance_id, execution_id, activity_id, activity_name, work_item, visible_at, lock_token, locked_until,
     attempt_count, session_id, tag, created_at)
  SELECT x.instance_id, x.execution_id, x.activity_id, x.activity_name, x.work_item::text, ok.at_ms, x.token,
         CASE WHEN x.token IS NULL THEN NULL ELSE ok.claim_until END,
         CASE WHEN x.token IS NULL THEN 0 ELSE 1 END, x.session_id, x.tag, ok.at_ms
  FROM ROWS FROM (unnest($22::bigint[]), unnest($23::text[]), unnest($24::bigint[]), unnest($25::bigint[]),
                 unnest($26::text[]), json_array_elements($27::json), unnest($28::text[]),
                 unnest($29::text[]), unnest($30::text[]))
       WITH ORDINALITY AS x(n, instance_id, execution_id, activity_id, activity_name, work_item, session_id, tag, token, ord)
  JOIN ok ON ok.n = x.n
  ORDER BY x.ord
  RETURNING 1),
io AS (
  INSERT INTO ${t('orchestrator_queue')} (instance_id, item_type, work_item, visible_at, attempt_count, created_at)
  SELECT orch.instance_id, orch.item_type, orch.work_item, orch.visible_at, 0, orch.queued_at
  FROM orch ORDER BY orch.ord
  RETURNING 1),
waiting AS (
  SELECT ok.n,
         EXISTS (SELECT 1 FROM ${t('orchestrator_queue')} q
                 WHERE q.instance_id = ok.instance_id AND q.visible_at <= ok.at_ms
                   AND q.lock_token IS DISTINCT FROM ok.token)
      OR EXISTS (SELECT 1 FROM orch WHERE orch.instance_id = ok.instance_id AND orch.visible_at <= ok.at_ms) AS w
  FROM ok),
kept AS (
  UPDATE ${t('instance_locks')} l SET locked_until = ok.keep_until
  FROM ok JOIN waiting ON waiting.n = ok.n
  WHERE l.lock_token = ok.token AND ok.keep_until IS NOT NULL AND NOT waiting.w
  RETURNING ok.n),
dropped AS (
  DELETE FROM ${t('instance_locks')} l USING ok JOIN waiting ON waiting.n = ok.n
  WHERE l.lock_token = ok.token AND (ok.keep_until IS NULL OR waiting.w) RETURNING 1),
announced AS (
  SELECT pg_notify($15::text, (ok.payload::jsonb
           || CASE WHEN octet_length(ok.instance_id) <= 1000 THEN jsonb_build_object('i', ok.instance_id)
                   ELSE '{}'::jsonb END
           || CASE WHEN waiting.w
                   THEN jsonb_build_object('q', LEAST(ok.at_ms, COALESCE((ok.payload::jsonb->>'q')::bigint, ok.at_ms)))
                   ELSE '{}'::jsonb END)::text)
  FROM ok JOIN waiting ON waiting.n = ok.n)
SELECT
  a.n,
  CASE WHEN lk.instance_id IS NULL THEN 'unknown'
       WHEN lk.locked_until <= a.at_ms THEN 'expired'
       WHEN EXISTS (SELECT 1 FROM lost WHERE lost.n = a.n) THEN 'work-lock-lost'
       ELSE 'ok' END AS outcome,
  lk.instance_id AS locked_instance_id,
  NULL::jsonb AS cancelled,
  EXISTS (SELECT 1 FROM kept WHERE kept.n = a.n) AS lock_kept,
  (SELECT ui.created_at FROM ui JOIN ok ON ok.instance_id = ui.instance_id WHERE ok.n = a.n) AS instance_created_at,
  (SELECT lost.token FROM lost WHERE lost.n = a.n) AS lost_work_token,
  COALESCE((SELECT waiting.w FROM waiting WHERE waiting.n = a.n), FALSE)
    AND NOT EXISTS (SELECT 1 FROM kept WHERE kept.n = a.n) AS released_waiting,
  NULL::text AS reopen_last_event
FROM acks a LEFT JOIN lk ON lk.n = a.n
WHERE (SELECT count(*) FROM announced) >= 0
ORDER BY a.n`;
  return {
    sql,
    values: (inputs) => {
      const orchestrator = (input: FirstTurnInput) => input.orchestratorRows;
      const metadata = (x: FirstTurnInput) => x.ack.metadata;
      return [
        perAck(inputs, (x) => x.token),
        perAck(inputs, (x) => x.now),
        perAck(inputs, (x) => x.ack.executionId),
        perAck(inputs, (x) => metadata(x).orchestrationName),
        perAck(inputs, (x) => metadata(x).orchestrationVersion),
        perAck(inputs, (x) => metadata(x).parentInstanceId ?? null),
        perAck(inputs, (x) => metadata(x).pinnedDuroxideVersion ?? null),
        perAck(inputs, (x) => metadata(x).historyFormat ?? null),
        perAck(inputs, (x) => metadata(x).versionPin !== undefined),
        perAck(inputs, (x) => metadata(x).versionPin?.value ?? null),
        perAck(inputs, (x) => metadata(x).consumedNextVersion ?? null),
        ...lockUntilColumns(inputs),
        perAck(inputs, (x) => x.payload),
        ctx.schema.channel,
        ...rowColumns(inputs),
        perAckRow(inputs, orchestrator, (_, n) => n),
        perAckRow(inputs, orchestrator, (r) => r.instance),
        perAckRow(inputs, orchestrator, (r) => r.type),
        perAckRow(inputs, orchestrator, (r) => r.item),
        perAckRow(inputs, orchestrator, (r) => r.visibleAt),
      ];
    },
  };
}

/**
 * The group commit of first turns: `firstTurnStatement` alone, {@link firstTurnsStatement}
 * together (see `ackBatcher`).
 */
export function firstTurnBatcher(ctx: StatementContext): AckCommit<FirstTurnInput> {
  return ackBatcher(firstTurnStatement(ctx), firstTurnsStatement(ctx));
}
