/**
 * The first turn of a new instance committed with ONE plain SQL statement (data-modifying
 * CTEs) instead of the `ack_orchestration_item` PL/pgSQL function.
 * @module
 */
import type { OrchestrationAck } from '../../provider.js';
import { plainStepLock, plainStepValues, type PlainStepInput } from './ack-held-step.js';
import type { StatementContext } from './statement-context.js';
import { table } from './statement-context.js';

/**
 * True when the ack is the first turn of execution 1 with its name and version, still running:
 * the instance row is created (or its name and version set), execution 1 inserted, and besides
 * history only activities (claimed or not), orchestrator messages (timers, other instances'
 * messages) and fleet fields — no status, custom status, reopen, KV change or cancellation.
 */
export function isFirstTurn(ack: OrchestrationAck, kvOperations: number): boolean {
  const m = ack.metadata;
  return (
    ack.executionId === 1 &&
    m.orchestrationName !== undefined &&
    m.orchestrationVersion !== undefined &&
    m.status === undefined &&
    m.customStatus === undefined &&
    ack.reopen === undefined &&
    ack.cancelledActivities.length === 0 &&
    kvOperations === 0
  );
}

/** The orchestrator rows of the turn, as the function receives them. */
export interface FirstTurnInput extends PlainStepInput {
  readonly orchestratorRows: readonly {
    readonly instance: string;
    readonly type: string;
    readonly item: string;
    readonly visibleAt: number;
  }[];
}

/**
 * The function's steps for such an ack, in one statement and one snapshot: the lock checks of
 * the held step (`plainStepLock`); the instance upserted in ONE statement (a row may be
 * changed once per statement) carrying what the function's later UPDATE sets — current
 * execution, `updated_at`, history format, pin, next version cleared while it equals the
 * consumed one; execution 1 inserted from the parameters (its pin overwritten when given);
 * history, worker rows (claimed ones locked for the caller) and orchestrator rows inserted.
 * "Messages wait" counts visible rows of the instance not in this batch and this turn's own
 * visible rows for it; the lock is kept only without them. The commit always notifies (a
 * first turn sets the name), with `q` when messages wait.
 */
export function firstTurnStatement(ctx: StatementContext): {
  sql: string;
  values: (input: FirstTurnInput) => unknown[];
} {
  const t = (name: string): string => table(ctx, name);
  const sql = `
WITH ${plainStepLock(ctx)},
ok AS (
  SELECT lk.instance_id FROM lk WHERE lk.locked_until > $2::bigint AND NOT EXISTS (SELECT 1 FROM lost)),
dq AS (
  DELETE FROM ${t('orchestrator_queue')} q USING ok WHERE q.lock_token = $1::text RETURNING q.id),
dw AS (
  DELETE FROM ${t('worker_queue')} w USING ok WHERE w.lock_token = ANY($3::text[]) RETURNING w.session_id),
ds AS (
  UPDATE ${t('sessions')} s SET last_activity_at = $2::bigint
  FROM dw WHERE s.session_id = dw.session_id AND s.locked_until > $2::bigint RETURNING 1),
ui AS (
  INSERT INTO ${t('instances')} AS i
    (instance_id, orchestration_name, orchestration_version, current_execution_id, created_at, updated_at,
     parent_instance_id, custom_status_version, history_format, version_pin)
  SELECT ok.instance_id, $20::text, $21::text, $4::bigint, $2::bigint, $2::bigint, $22::text, 0, $24::integer,
         CASE WHEN $25::boolean THEN $26::text END
  FROM ok
  ON CONFLICT (instance_id) DO UPDATE SET
    orchestration_name = EXCLUDED.orchestration_name, orchestration_version = EXCLUDED.orchestration_version,
    current_execution_id = GREATEST(i.current_execution_id, $4::bigint), updated_at = $2::bigint,
    history_format = COALESCE($24::integer, i.history_format),
    version_pin = CASE WHEN $25::boolean THEN $26::text ELSE i.version_pin END,
    next_version = CASE WHEN i.next_version = $27::text THEN NULL ELSE i.next_version END
  RETURNING i.created_at),
ue AS (
  INSERT INTO ${t('executions')} AS e
    (instance_id, execution_id, orchestration_name, orchestration_version, status, started_at, duroxide_version)
  SELECT ok.instance_id, $4::bigint, $20::text, $21::text, 'Running', $2::bigint, $23::text FROM ok
  ON CONFLICT (instance_id, execution_id) DO UPDATE SET duroxide_version = EXCLUDED.duroxide_version
  WHERE EXCLUDED.duroxide_version IS NOT NULL
  RETURNING 1),
ih AS (
  INSERT INTO ${t('history')} (instance_id, execution_id, event_id, event_type, event_data, created_at)
  SELECT ok.instance_id, $4::bigint, x.event_id, x.event_type, x.event_data::text, $2::bigint
  FROM ok, ROWS FROM (unnest($5::bigint[]), unnest($6::text[]), json_array_elements($7::json))
       AS x(event_id, event_type, event_data)
  RETURNING 1),
iw AS (
  INSERT INTO ${t('worker_queue')}
    (instance_id, execution_id, activity_id, activity_name, work_item, visible_at, lock_token, locked_until,
     attempt_count, session_id, tag, created_at)
  SELECT x.instance_id, x.execution_id, x.activity_id, x.activity_name, x.work_item::text, $2::bigint, x.token,
         CASE WHEN x.token IS NULL THEN NULL ELSE $16::bigint END,
         CASE WHEN x.token IS NULL THEN 0 ELSE 1 END, x.session_id, x.tag, $2::bigint
  FROM ok, ROWS FROM (unnest($8::text[]), unnest($9::bigint[]), unnest($10::bigint[]), unnest($11::text[]),
                      json_array_elements($12::json), unnest($13::text[]), unnest($14::text[]),
                      unnest($15::text[]))
       WITH ORDINALITY AS x(instance_id, execution_id, activity_id, activity_name, work_item, session_id, tag, token, ord)
  ORDER BY x.ord
  RETURNING 1),
io AS (
  INSERT INTO ${t('orchestrator_queue')} (instance_id, item_type, work_item, visible_at, attempt_count, created_at)
  SELECT x.instance_id, x.item_type, x.work_item, x.visible_at, 0, $2::bigint
  FROM ok, unnest($28::text[], $29::text[], $30::text[], $31::bigint[]) WITH ORDINALITY
       AS x(instance_id, item_type, work_item, visible_at, ord)
  ORDER BY x.ord
  RETURNING 1),
waiting AS (
  SELECT EXISTS (SELECT 1 FROM ${t('orchestrator_queue')} q JOIN ok ON q.instance_id = ok.instance_id
                 WHERE q.visible_at <= $2::bigint AND q.lock_token IS DISTINCT FROM $1::text)
      OR EXISTS (SELECT 1 FROM ok, unnest($28::text[], $31::bigint[]) AS x(instance_id, visible_at)
                 WHERE x.instance_id = ok.instance_id AND x.visible_at <= $2::bigint) AS w),
kept AS (
  UPDATE ${t('instance_locks')} l SET locked_until = $17::bigint
  FROM ok, waiting
  WHERE l.lock_token = $1::text AND $17::bigint IS NOT NULL AND NOT waiting.w
  RETURNING 1),
dropped AS (
  DELETE FROM ${t('instance_locks')} l USING ok, waiting
  WHERE l.lock_token = $1::text AND ($17::bigint IS NULL OR waiting.w) RETURNING 1),
announced AS (
  SELECT pg_notify($18::text, ($19::text::jsonb
           || CASE WHEN octet_length(ok.instance_id) <= 1000 THEN jsonb_build_object('i', ok.instance_id)
                   ELSE '{}'::jsonb END
           || CASE WHEN waiting.w
                   THEN jsonb_build_object('q', LEAST($2::bigint, COALESCE(($19::text::jsonb->>'q')::bigint, $2::bigint)))
                   ELSE '{}'::jsonb END)::text)
  FROM ok, waiting)
SELECT
  CASE WHEN lk.instance_id IS NULL THEN 'unknown'
       WHEN lk.locked_until <= $2::bigint THEN 'expired'
       WHEN EXISTS (SELECT 1 FROM lost) THEN 'work-lock-lost'
       ELSE 'ok' END AS outcome,
  lk.instance_id AS locked_instance_id,
  NULL::jsonb AS cancelled,
  EXISTS (SELECT 1 FROM kept) AS lock_kept,
  (SELECT created_at FROM ui) AS instance_created_at,
  (SELECT token FROM lost) AS lost_work_token,
  COALESCE((SELECT w FROM waiting), FALSE) AND NOT EXISTS (SELECT 1 FROM kept) AS released_waiting,
  NULL::text AS reopen_last_event
FROM (SELECT 1) AS one LEFT JOIN lk ON TRUE
WHERE (SELECT count(*) FROM announced) >= 0`;
  return {
    sql,
    values: (input) => {
      const { ack, orchestratorRows: o } = input;
      const m = ack.metadata;
      return [
        ...plainStepValues(ctx, input),
        m.orchestrationName,
        m.orchestrationVersion,
        m.parentInstanceId ?? null,
        m.pinnedDuroxideVersion ?? null,
        m.historyFormat ?? null,
        m.versionPin !== undefined,
        m.versionPin?.value ?? null,
        m.consumedNextVersion ?? null,
        o.map((r) => r.instance),
        o.map((r) => r.type),
        o.map((r) => r.item),
        o.map((r) => r.visibleAt),
      ];
    },
  };
}
