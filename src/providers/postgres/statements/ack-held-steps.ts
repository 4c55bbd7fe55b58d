/**
 * Group commit of held steps: the plain held-step acks of several instances issued in the
 * same event-loop turn are committed by ONE statement (one round trip, one commit) with the
 * same per-ack checks and effects as `ack-held-step.ts`.
 * @module
 */
import type { QueryResultRow } from 'pg';
import type { Queryable } from '../database.js';
import { MAX_PAYLOAD_BYTES } from '../notify/signal-payload.js';
import { type PlainStepInput, plainStepStatement } from './ack-held-step.js';
import type { StatementContext } from './statement-context.js';
import { jsonArray, table } from './statement-context.js';
import { tickBatcher } from './tick-batcher.js';

/** Commits one ack, batched with the others of its kind issued in the same event-loop turn. */
export type AckCommit<I> = <R extends QueryResultRow>(db: Queryable, input: I) => Promise<R>;

/** An ack statement: its text, and its parameters for what it commits. */
interface AckStatement<V> {
  readonly sql: string;
  readonly values: (input: V) => unknown[];
}

/**
 * The group commit of one kind of ack ({@link tickBatcher}): one alone runs `single`, several
 * issued in the same event-loop turn run `many` (one result row per ack, in order); a batch that
 * fails as a whole (a duplicate history event rolls back the statement, a lost connection) runs
 * each of its acks again alone, so one ack's failure is never another's.
 */
export function ackBatcher<I>(
  single: AckStatement<I>,
  many: AckStatement<readonly I[]>,
): AckCommit<I> {
  const commit = tickBatcher<I, QueryResultRow>({
    one: async (db, input) =>
      (await db.query(single.sql, single.values(input), true)).rows[0] ?? {},
    many: async (db, inputs) => (await db.query(many.sql, many.values(inputs), true)).rows,
  });
  return async <R extends QueryResultRow>(db: Queryable, input: I): Promise<R> =>
    (await commit(db, input)) as R;
}

/** One parameter per ack, in `n` order. */
export function perAck<I, T>(inputs: readonly I[], fn: (input: I) => T): T[] {
  return inputs.map(fn);
}

/** The rows of every ack flattened into one array, each row tagged through `fn` with its `n`. */
export function perAckRow<I, R, T>(
  inputs: readonly I[],
  rows: (input: I) => readonly R[],
  fn: (row: R, n: number) => T,
): T[] {
  return inputs.flatMap((input, i) => rows(input).map((row) => fn(row, i + 1)));
}

/** Each ack's claim and keep-lock deadlines (NULL without the option). */
export function lockUntilColumns(inputs: readonly PlainStepInput[]): unknown[] {
  return [
    perAck(inputs, (x) =>
      x.options.claimWorkItems === undefined
        ? null
        : x.now + x.options.claimWorkItems.lockTimeoutMs,
    ),
    perAck(inputs, (x) =>
      x.options.keepLock === undefined ? null : x.now + x.options.keepLock.lockTimeoutMs,
    ),
  ];
}

/**
 * The completed work items, history events and worker rows of every ack, as the batched
 * statements read them: each group a set of parallel arrays whose first one is the ack's `n`
 * (the event and work-item JSON as one `json` array each, see `jsonArray`).
 */
export function rowColumns(inputs: readonly PlainStepInput[]): unknown[] {
  const completed = (input: PlainStepInput): readonly (string | null)[] =>
    input.ack.completedWorkItems ?? [];
  const events = (input: PlainStepInput) => input.ack.historyDelta;
  const workers = (input: PlainStepInput) =>
    input.workers.map((w, i) => ({ w, token: input.workerTokens[i] ?? null }));
  return [
    perAckRow(inputs, completed, (_, n) => n),
    perAckRow(inputs, completed, (token) => token),
    perAckRow(inputs, events, (_, n) => n),
    perAckRow(inputs, events, (e) => e.eventId),
    perAckRow(inputs, events, (e) => e.type),
    jsonArray(perAckRow(inputs, events, (e) => JSON.stringify(e))),
    perAckRow(inputs, workers, (_, n) => n),
    perAckRow(inputs, workers, ({ w }) => w.instance),
    perAckRow(inputs, workers, ({ w }) => w.executionId),
    perAckRow(inputs, workers, ({ w }) => w.id),
    perAckRow(inputs, workers, ({ w }) => w.name),
    jsonArray(perAckRow(inputs, workers, ({ w }) => JSON.stringify(w))),
    perAckRow(inputs, workers, ({ w }) => w.sessionId ?? null),
    perAckRow(inputs, workers, ({ w }) => w.tag ?? null),
    perAckRow(inputs, workers, ({ token }) => token),
  ];
}

/**
 * The lock checks of a batched ack statement over `acks` (`n`, `token`, `at_ms`): each ack's
 * instance lock row (`lk`, locked in instance order, so two batches never wait for each other
 * in a cycle), its completed work items (`cw`, from the parameters `$first` = ack `n` and
 * `$first+1` = token) with their rows locked (`wl`), and the first of them whose lock is lost
 * per ack (`lost`). Ends without a comma.
 */
export function batchedAckLocks(ctx: StatementContext, first: number): string {
  const t = (name: string): string => table(ctx, name);
  const n = `$${first}`;
  const token = `$${first + 1}`;
  return `lk AS (
  SELECT a.n, l.instance_id, l.locked_until FROM acks a JOIN ${t('instance_locks')} l ON l.lock_token = a.token
  ORDER BY l.instance_id FOR UPDATE OF l),
cw AS (
  SELECT * FROM unnest(${n}::bigint[], ${token}::text[]) WITH ORDINALITY AS c(n, token, ord)),
wl AS (
  SELECT w.lock_token, w.locked_until FROM ${t('worker_queue')} w
  WHERE w.lock_token = ANY(${token}::text[]) ORDER BY w.id FOR UPDATE),
lost AS (
  SELECT DISTINCT ON (c.n) c.n, c.token FROM cw c JOIN acks a ON a.n = c.n
  WHERE c.token IS NULL
     OR NOT EXISTS (SELECT 1 FROM wl WHERE wl.lock_token = c.token AND wl.locked_until > a.at_ms)
  ORDER BY c.n, c.ord)`;
}

/**
 * The deletes of the acks that passed (`ok`): their fetched messages (`dq`), their completed
 * work items (`dw`), with the sessions of those items touched (`ds`). Ends without a comma.
 */
export function batchedAckDeletes(ctx: StatementContext): string {
  const t = (name: string): string => table(ctx, name);
  return `dq AS (
  DELETE FROM ${t('orchestrator_queue')} q USING ok WHERE q.lock_token = ok.token RETURNING q.id),
dw AS (
  DELETE FROM ${t('worker_queue')} w USING ok, cw
  WHERE cw.n = ok.n AND w.lock_token = cw.token RETURNING w.session_id, ok.at_ms),
ds AS (
  UPDATE ${t('sessions')} s SET last_activity_at = dw.at_ms
  FROM dw WHERE s.session_id = dw.session_id AND s.locked_until > dw.at_ms RETURNING 1)`;
}

/**
 * The history events of the acks that passed (`ok`), from the parameters `$first` (ack `n`),
 * `$first+1` (event id), `$first+2` (type) and `$first+3` (the events' JSON as one array, see
 * `jsonArray`). Ends without a comma.
 */
export function batchedHistoryInsert(ctx: StatementContext, first: number): string {
  const p = (i: number): string => `$${first + i}`;
  return `ih AS (
  INSERT INTO ${table(ctx, 'history')} (instance_id, execution_id, event_id, event_type, event_data, created_at)
  SELECT ok.instance_id, ok.execution_id, x.event_id, x.event_type, x.event_data::text, ok.at_ms
  FROM ROWS FROM (unnest(${p(0)}::bigint[]), unnest(${p(1)}::bigint[]), unnest(${p(2)}::text[]),
                  json_array_elements(${p(3)}::json)) AS x(n, event_id, event_type, event_data)
  JOIN ok ON ok.n = x.n
  RETURNING 1)`;
}

/**
 * The held-step statement over arrays indexed by ack (`n`, 1-based): each ack's instance lock
 * row and completed work items are locked and validated on their own (`ok` holds the acks that
 * passed), every write is joined to `ok` by `n`, and one result row per ack, in `n` order,
 * reports what `plainStepStatement` would have (so an unknown or expired token, or a lost work
 * item lock, fails only its own ack: the others commit). Each ack keeps its own `now`. Lock rows
 * are taken in instance order (two batches never wait for each other in a cycle on them).
 */
function heldStepsStatement(ctx: StatementContext): {
  sql: string;
  values: (inputs: readonly PlainStepInput[]) => unknown[];
} {
  const t = (name: string): string => table(ctx, name);
  const sql = `
WITH acks AS (
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::text[])
    WITH ORDINALITY AS a(token, at_ms, execution_id, status, output, claim_until, keep_until, payload, n)),
${batchedAckLocks(ctx, 10)},
ex AS (
  SELECT lk.n FROM lk JOIN acks a ON a.n = lk.n
  JOIN ${t('executions')} e ON e.instance_id = lk.instance_id AND e.execution_id = a.execution_id),
ok AS (
  SELECT a.*, lk.instance_id FROM lk JOIN acks a ON a.n = lk.n
  WHERE lk.locked_until > a.at_ms AND lk.n IN (SELECT n FROM ex) AND lk.n NOT IN (SELECT n FROM lost)),
${batchedAckDeletes(ctx)},
ui AS (
  UPDATE ${t('instances')} i
  SET current_execution_id = GREATEST(i.current_execution_id, ok.execution_id), updated_at = ok.at_ms
  FROM ok WHERE i.instance_id = ok.instance_id
  RETURNING ok.n, i.created_at, i.custom_status, i.custom_status_version),
${batchedHistoryInsert(ctx, 12)},
ue AS (
  UPDATE ${t('executions')} e SET status = ok.status, output = ok.output, completed_at = ok.at_ms
  FROM ok WHERE ok.status IS NOT NULL AND e.instance_id = ok.instance_id AND e.execution_id = ok.execution_id
  RETURNING 1),
kv_set AS (
  INSERT INTO ${t('kv_store')} (instance_id, key, value, last_updated_at_ms)
  SELECT d.instance_id, d.key, d.value, d.last_updated_at_ms FROM ${t('kv_delta')} d JOIN ok ON d.instance_id = ok.instance_id
  WHERE ok.status = 'Completed' AND d.value IS NOT NULL
  ON CONFLICT (instance_id, key) DO UPDATE SET value = EXCLUDED.value, last_updated_at_ms = EXCLUDED.last_updated_at_ms
  RETURNING 1),
kv_cleared AS (
  DELETE FROM ${t('kv_store')} s USING ${t('kv_delta')} d, ok
  WHERE ok.status = 'Completed' AND s.instance_id = ok.instance_id AND d.instance_id = ok.instance_id
    AND d.key = s.key AND d.value IS NULL
  RETURNING 1),
kv_merged AS (
  DELETE FROM ${t('kv_delta')} d USING ok WHERE ok.status = 'Completed' AND d.instance_id = ok.instance_id
  RETURNING 1),
iw AS (
  INSERT INTO ${t('worker_queue')}
    (instance_id, execution_id, activity_id, activity_name, work_item, visible_at, lock_token, locked_until,
     attempt_count, session_id, tag, created_at)
  SELECT x.instance_id, x.execution_id, x.activity_id, x.activity_name, x.work_item::text, ok.at_ms, x.token,
         ok.claim_until, 1, x.session_id, x.tag, ok.at_ms
  FROM ROWS FROM (unnest($16::bigint[]), unnest($17::text[]), unnest($18::bigint[]), unnest($19::bigint[]),
                 unnest($20::text[]), json_array_elements($21::json), unnest($22::text[]),
                 unnest($23::text[]), unnest($24::text[]))
       WITH ORDINALITY AS x(n, instance_id, execution_id, activity_id, activity_name, work_item, session_id, tag, token, ord)
  JOIN ok ON ok.n = x.n
  ORDER BY x.ord
  RETURNING 1),
waiting AS (
  SELECT ok.n, EXISTS (SELECT 1 FROM ${t('orchestrator_queue')} q
                       WHERE q.instance_id = ok.instance_id AND q.visible_at <= ok.at_ms
                         AND q.lock_token IS DISTINCT FROM ok.token) AS w
  FROM ok),
kept AS (
  UPDATE ${t('instance_locks')} l SET locked_until = ok.keep_until
  FROM ok JOIN waiting ON waiting.n = ok.n
  WHERE l.lock_token = ok.token AND ok.keep_until IS NOT NULL AND ok.status IS NULL AND NOT waiting.w
  RETURNING ok.n),
dropped AS (
  DELETE FROM ${t('instance_locks')} l USING ok JOIN waiting ON waiting.n = ok.n
  WHERE l.lock_token = ok.token AND (ok.keep_until IS NULL OR ok.status IS NOT NULL OR waiting.w) RETURNING 1),
pl AS (
  SELECT ok.n, ok.status, ok.output, ok.payload::jsonb
           || CASE WHEN octet_length(ok.instance_id) <= 1000 THEN jsonb_build_object('i', ok.instance_id)
                   ELSE '{}'::jsonb END
           || CASE WHEN waiting.w THEN jsonb_build_object('q', ok.at_ms) ELSE '{}'::jsonb END AS base
  FROM ok JOIN waiting ON waiting.n = ok.n WHERE waiting.w OR ok.status IS NOT NULL),
fin AS (
  SELECT pl.n, (pl.base || jsonb_build_object('t', jsonb_build_array(pl.output, ui.custom_status, ui.custom_status_version)))::text AS body
  FROM pl JOIN ui ON ui.n = pl.n WHERE pl.status IS NOT NULL),
announced AS (
  SELECT pg_notify($9::text, CASE WHEN octet_length(fin.body) <= ${MAX_PAYLOAD_BYTES} THEN fin.body
                                  ELSE pl.base::text END)
  FROM pl LEFT JOIN fin ON fin.n = pl.n)
SELECT
  a.n,
  CASE WHEN lk.instance_id IS NULL THEN 'unknown'
       WHEN lk.locked_until <= a.at_ms THEN 'expired'
       WHEN EXISTS (SELECT 1 FROM lost WHERE lost.n = a.n) THEN 'work-lock-lost'
       WHEN a.n NOT IN (SELECT n FROM ex) THEN 'slow'
       ELSE 'ok' END AS outcome,
  lk.instance_id AS locked_instance_id,
  NULL::jsonb AS cancelled,
  EXISTS (SELECT 1 FROM kept WHERE kept.n = a.n) AS lock_kept,
  (SELECT ui.created_at FROM ui WHERE ui.n = a.n) AS instance_created_at,
  (SELECT lost.token FROM lost WHERE lost.n = a.n) AS lost_work_token,
  COALESCE((SELECT waiting.w FROM waiting WHERE waiting.n = a.n), FALSE)
    AND NOT EXISTS (SELECT 1 FROM kept WHERE kept.n = a.n) AS released_waiting,
  NULL::text AS reopen_last_event,
  (SELECT ui.custom_status FROM ui WHERE ui.n = a.n) AS custom_status,
  (SELECT ui.custom_status_version FROM ui WHERE ui.n = a.n) AS custom_status_version
FROM acks a LEFT JOIN lk ON lk.n = a.n
WHERE (SELECT count(*) FROM announced) >= 0
ORDER BY a.n`;
  return {
    sql,
    values: (inputs) => [
      perAck(inputs, (x) => x.token),
      perAck(inputs, (x) => x.now),
      perAck(inputs, (x) => x.ack.executionId),
      perAck(inputs, (x) => x.ack.metadata.status ?? null),
      perAck(inputs, (x) =>
        x.ack.metadata.status === undefined ? null : (x.ack.metadata.output ?? null),
      ),
      ...lockUntilColumns(inputs),
      perAck(inputs, (x) => x.payload),
      ctx.schema.channel,
      ...rowColumns(inputs),
    ],
  };
}

/** The group commit of held steps: `plainStepStatement` alone, {@link heldStepsStatement} together. */
export function heldStepBatcher(ctx: StatementContext): AckCommit<PlainStepInput> {
  return ackBatcher(plainStepStatement(ctx), heldStepsStatement(ctx));
}
