/**
 * The hot-path ack: a held instance's local step committed with ONE plain SQL statement
 * (data-modifying CTEs) instead of the `ack_orchestration_item` PL/pgSQL function.
 * @module
 */
import type { HistoryEvent } from '../../../core/history/history-event.js';
import type { WorkItemOfType } from '../../../core/history/work-item.js';
import type { OrchestrationAck, OrchestrationAckOptions } from '../../provider.js';
import { MAX_PAYLOAD_BYTES } from '../notify/signal-payload.js';
import type { StatementContext } from './statement-context.js';
import { jsonArray, table } from './statement-context.js';

/**
 * True when the ack is a plain step of an execution that already exists: history events (no
 * `OrchestrationStarted`), activities all claimed by the caller, completed work items, and at
 * most a `Completed` or `Failed` status with its output — nothing else: no instance metadata,
 * custom status, fleet field, reopen, KV change, cancellation or orchestrator message. That is
 * every ack of a held instance after its first turn, its last one included (the chain and
 * fan-out hot path); those acks notify only when they end the execution or messages of the
 * instance wait.
 */
export function isPlainStep(
  ack: OrchestrationAck,
  workers: readonly WorkItemOfType<'ActivityExecute'>[],
  claimed: number,
  kvOperations: number,
): boolean {
  const m = ack.metadata;
  return (
    (m.status === undefined || m.status === 'Completed' || m.status === 'Failed') &&
    m.orchestrationName === undefined &&
    m.orchestrationVersion === undefined &&
    m.parentInstanceId === undefined &&
    m.pinnedDuroxideVersion === undefined &&
    m.customStatus === undefined &&
    m.historyFormat === undefined &&
    m.versionPin === undefined &&
    m.consumedNextVersion === undefined &&
    ack.reopen === undefined &&
    ack.orchestratorItems.length === 0 &&
    ack.cancelledActivities.length === 0 &&
    kvOperations === 0 &&
    workers.length === claimed &&
    !ack.historyDelta.some((e: HistoryEvent) => e.type === 'OrchestrationStarted')
  );
}

/** What the step statement needs besides the ack itself. */
export interface PlainStepInput {
  readonly token: string;
  readonly now: number;
  readonly ack: OrchestrationAck;
  readonly options: OrchestrationAckOptions;
  readonly workers: readonly WorkItemOfType<'ActivityExecute'>[];
  /** Worker lock token per worker item (null: not claimed, queued for any worker). */
  readonly workerTokens: readonly (string | null)[];
  /** The NOTIFY payload (without `i` and `q`, added when messages wait). */
  readonly payload: string;
}

/**
 * One statement, one snapshot, the same effects and outcomes as the function for such an
 * ack (see `ack-orchestration-item.ts`): the instance lock row and the completed work items'
 * rows are locked (`FOR UPDATE`) and validated first — every write is joined to `ok`, so an
 * unknown or expired token, or a lost work item lock, writes nothing. Then the batch's and
 * the completed items' rows are deleted (sessions touched), the instance row moved forward,
 * the events appended, a status recorded on the execution (`Completed` also merges the KV
 * delta into the store and empties it; `Failed` keeps it), the claimed activities queued
 * locked for the caller, and the lock kept (`keepLock`, no status) unless messages of the
 * instance are visible — then it is dropped and the messages announced again (`q`). A status
 * or waiting messages NOTIFY, as the function does; a status also returns the instance's
 * custom status and carries it with the output in the payload (`t`, see signal-payload.ts)
 * while the payload stays under `MAX_PAYLOAD_BYTES` (else `t` is left out).
 *
 * The execution must exist: when it does not (an ack the predicate let through that creates
 * one), the outcome is 'slow' with nothing written, and the caller runs the function.
 */
export function plainStepStatement(ctx: StatementContext): {
  sql: string;
  values: (input: PlainStepInput) => unknown[];
} {
  const t = (name: string): string => table(ctx, name);
  const sql = `
WITH ${plainStepLock(ctx)},
ex AS (
  SELECT EXISTS (SELECT 1 FROM lk JOIN ${t('executions')} e
                 ON e.instance_id = lk.instance_id AND e.execution_id = $4::bigint) AS found),
ok AS (
  SELECT lk.instance_id FROM lk, ex
  WHERE lk.locked_until > $2::bigint AND ex.found AND NOT EXISTS (SELECT 1 FROM lost)),
dq AS (
  DELETE FROM ${t('orchestrator_queue')} q USING ok WHERE q.lock_token = $1::text RETURNING q.id),
dw AS (
  DELETE FROM ${t('worker_queue')} w USING ok WHERE w.lock_token = ANY($3::text[]) RETURNING w.session_id),
ds AS (
  UPDATE ${t('sessions')} s SET last_activity_at = $2::bigint
  FROM dw WHERE s.session_id = dw.session_id AND s.locked_until > $2::bigint RETURNING 1),
ui AS (
  UPDATE ${t('instances')} i
  SET current_execution_id = GREATEST(i.current_execution_id, $4::bigint), updated_at = $2::bigint
  FROM ok WHERE i.instance_id = ok.instance_id
  RETURNING i.created_at, i.custom_status, i.custom_status_version),
ih AS (
  INSERT INTO ${t('history')} (instance_id, execution_id, event_id, event_type, event_data, created_at)
  SELECT ok.instance_id, $4::bigint, x.event_id, x.event_type, x.event_data::text, $2::bigint
  FROM ok, ROWS FROM (unnest($5::bigint[]), unnest($6::text[]), json_array_elements($7::json))
       AS x(event_id, event_type, event_data)
  RETURNING 1),
ue AS (
  UPDATE ${t('executions')} e SET status = $20::text, output = $21::text, completed_at = $2::bigint
  FROM ok WHERE $20::text IS NOT NULL AND e.instance_id = ok.instance_id AND e.execution_id = $4::bigint
  RETURNING 1),
kv_set AS (
  INSERT INTO ${t('kv_store')} (instance_id, key, value, last_updated_at_ms)
  SELECT d.instance_id, d.key, d.value, d.last_updated_at_ms FROM ${t('kv_delta')} d JOIN ok ON d.instance_id = ok.instance_id
  WHERE $20::text = 'Completed' AND d.value IS NOT NULL
  ON CONFLICT (instance_id, key) DO UPDATE SET value = EXCLUDED.value, last_updated_at_ms = EXCLUDED.last_updated_at_ms
  RETURNING 1),
kv_cleared AS (
  DELETE FROM ${t('kv_store')} s USING ${t('kv_delta')} d, ok
  WHERE $20::text = 'Completed' AND s.instance_id = ok.instance_id AND d.instance_id = ok.instance_id
    AND d.key = s.key AND d.value IS NULL
  RETURNING 1),
kv_merged AS (
  DELETE FROM ${t('kv_delta')} d USING ok WHERE $20::text = 'Completed' AND d.instance_id = ok.instance_id
  RETURNING 1),
iw AS (
  INSERT INTO ${t('worker_queue')}
    (instance_id, execution_id, activity_id, activity_name, work_item, visible_at, lock_token, locked_until,
     attempt_count, session_id, tag, created_at)
  SELECT x.instance_id, x.execution_id, x.activity_id, x.activity_name, x.work_item::text, $2::bigint, x.token,
         $16::bigint, 1, x.session_id, x.tag, $2::bigint
  FROM ok, ROWS FROM (unnest($8::text[]), unnest($9::bigint[]), unnest($10::bigint[]), unnest($11::text[]),
                      json_array_elements($12::json), unnest($13::text[]), unnest($14::text[]),
                      unnest($15::text[]))
       WITH ORDINALITY AS x(instance_id, execution_id, activity_id, activity_name, work_item, session_id, tag, token, ord)
  ORDER BY x.ord
  RETURNING 1),
waiting AS (
  SELECT EXISTS (SELECT 1 FROM ${t('orchestrator_queue')} q JOIN ok ON q.instance_id = ok.instance_id
                 WHERE q.visible_at <= $2::bigint AND q.lock_token IS DISTINCT FROM $1::text) AS w),
kept AS (
  UPDATE ${t('instance_locks')} l SET locked_until = $17::bigint
  FROM ok, waiting
  WHERE l.lock_token = $1::text AND $17::bigint IS NOT NULL AND $20::text IS NULL AND NOT waiting.w
  RETURNING 1),
dropped AS (
  DELETE FROM ${t('instance_locks')} l USING ok, waiting
  WHERE l.lock_token = $1::text AND ($17::bigint IS NULL OR $20::text IS NOT NULL OR waiting.w) RETURNING 1),
payload AS (
  SELECT $19::text::jsonb
           || CASE WHEN octet_length(ok.instance_id) <= 1000 THEN jsonb_build_object('i', ok.instance_id)
                   ELSE '{}'::jsonb END
           || CASE WHEN waiting.w THEN jsonb_build_object('q', $2::bigint) ELSE '{}'::jsonb END AS base
  FROM ok, waiting WHERE waiting.w OR $20::text IS NOT NULL),
fin AS (
  SELECT (payload.base || jsonb_build_object('t', jsonb_build_array($21::text, ui.custom_status, ui.custom_status_version)))::text AS body
  FROM payload, ui WHERE $20::text IS NOT NULL),
announced AS (
  SELECT pg_notify($18::text, CASE WHEN octet_length(fin.body) <= ${MAX_PAYLOAD_BYTES} THEN fin.body
                                   ELSE payload.base::text END)
  FROM payload LEFT JOIN fin ON TRUE)
SELECT
  CASE WHEN lk.instance_id IS NULL THEN 'unknown'
       WHEN lk.locked_until <= $2::bigint THEN 'expired'
       WHEN EXISTS (SELECT 1 FROM lost) THEN 'work-lock-lost'
       WHEN NOT (SELECT found FROM ex) THEN 'slow'
       ELSE 'ok' END AS outcome,
  lk.instance_id AS locked_instance_id,
  NULL::jsonb AS cancelled,
  EXISTS (SELECT 1 FROM kept) AS lock_kept,
  (SELECT created_at FROM ui) AS instance_created_at,
  (SELECT token FROM lost) AS lost_work_token,
  COALESCE((SELECT w FROM waiting), FALSE) AND NOT EXISTS (SELECT 1 FROM kept) AS released_waiting,
  NULL::text AS reopen_last_event,
  (SELECT custom_status FROM ui) AS custom_status,
  (SELECT custom_status_version FROM ui) AS custom_status_version
FROM (SELECT 1) AS one LEFT JOIN lk ON TRUE
WHERE (SELECT count(*) FROM announced) >= 0`;
  return {
    sql,
    values: (input) => [
      ...plainStepValues(ctx, input),
      input.ack.metadata.status ?? null,
      input.ack.metadata.status === undefined ? null : (input.ack.metadata.output ?? null),
    ],
  };
}

/**
 * The lock checks every plain ack starts with (CTEs `lk`, `wl`, `lost`): the instance lock row
 * and the completed work items' rows locked `FOR UPDATE`, and the first completed token
 * without a valid lock.
 */
export function plainStepLock(ctx: StatementContext): string {
  const t = (name: string): string => table(ctx, name);
  return `lk AS (
  SELECT l.instance_id, l.locked_until FROM ${t('instance_locks')} l WHERE l.lock_token = $1::text FOR UPDATE),
wl AS (
  SELECT w.lock_token, w.locked_until FROM ${t('worker_queue')} w
  WHERE w.lock_token = ANY($3::text[]) ORDER BY w.id FOR UPDATE),
lost AS (
  SELECT t.token FROM unnest($3::text[]) AS t(token)
  WHERE t.token IS NULL OR NOT EXISTS (SELECT 1 FROM wl WHERE wl.lock_token = t.token AND wl.locked_until > $2::bigint)
  LIMIT 1)`;
}

/** The history-event array parameters of an ack: event ids, types and JSON, in order. */
export function eventColumns(delta: readonly HistoryEvent[]): unknown[][] {
  return [
    delta.map((e) => e.eventId),
    delta.map((e) => e.type),
    delta.map((e) => JSON.stringify(e)),
  ];
}

/**
 * The worker-row array parameters of an ack: instance, execution id, activity id, name, work
 * item JSON, session id and tag of each activity it queues, in order.
 */
export function workerColumns(workers: readonly WorkItemOfType<'ActivityExecute'>[]): unknown[][] {
  return [
    workers.map((w) => w.instance),
    workers.map((w) => w.executionId),
    workers.map((w) => w.id),
    workers.map((w) => w.name),
    workers.map((w) => JSON.stringify(w)),
    workers.map((w) => w.sessionId ?? null),
    workers.map((w) => w.tag ?? null),
  ];
}

/** Parameters `$1`–`$19` of every plain ack. */
export function plainStepValues(ctx: StatementContext, input: PlainStepInput): unknown[] {
  const { token, now, ack, options, workers, workerTokens, payload } = input;
  return [
    token,
    now,
    [...(ack.completedWorkItems ?? [])],
    ack.executionId,
    // `$7` and `$12` (event and work item JSON) as JSON arrays: see jsonArray.
    ack.historyDelta.map((e) => e.eventId),
    ack.historyDelta.map((e) => e.type),
    jsonArray(ack.historyDelta.map((e) => JSON.stringify(e))),
    workers.map((w) => w.instance),
    workers.map((w) => w.executionId),
    workers.map((w) => w.id),
    workers.map((w) => w.name),
    jsonArray(workers.map((w) => JSON.stringify(w))),
    workers.map((w) => w.sessionId ?? null),
    workers.map((w) => w.tag ?? null),
    [...workerTokens],
    options.claimWorkItems === undefined ? null : now + options.claimWorkItems.lockTimeoutMs,
    options.keepLock === undefined ? null : now + options.keepLock.lockTimeoutMs,
    ctx.schema.channel,
    payload,
  ];
}
