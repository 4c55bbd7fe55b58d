/**
 * `OperatorStore` on PostgreSQL: queue statistics, an instance's worker rows, bulk jobs and API
 * keys (migration 0004). Each operation is one statement.
 * @module
 */
import { InvalidInputError } from '../../../core/errors/duroxide-error.js';
import type {
  BulkJobInput,
  BulkJobQuery,
  BulkJobRecord,
  BulkJobUpdate,
  QueueStatsRecord,
  StoredApiKeyRecord,
  WorkItemStateRecord,
} from '../../provider-records.js';
import {
  API_KEY_COLUMNS,
  BULK_JOB_COLUMNS,
  MAX_BULK_JOB_PAGE,
  toBulkJobRecord,
  toQueueStat,
  toStoredApiKey,
  toWorkItemState,
  type ApiKeyRow,
  type BulkJobRow,
  type QueueStatRow,
  type WorkItemStateRow,
} from '../../shared/operator-rows.js';
import type { Queryable } from '../database.js';
import type { StatementContext } from './statement-context.js';
import { table } from './statement-context.js';

export interface PostgresOperatorOps {
  queueStats(db: Queryable, now: number): Promise<QueueStatsRecord>;
  workItems(db: Queryable, instanceId: string, now: number): Promise<WorkItemStateRecord[]>;
  createBulkJob(db: Queryable, job: BulkJobInput, now: number): Promise<BulkJobRecord>;
  getBulkJob(db: Queryable, jobId: string): Promise<BulkJobRecord | null>;
  listBulkJobs(db: Queryable, query: BulkJobQuery): Promise<BulkJobRecord[]>;
  claimBulkJob(
    db: Queryable,
    owner: string,
    leaseMs: number,
    jobId: string | undefined,
    now: number,
  ): Promise<BulkJobRecord | null>;
  updateBulkJob(
    db: Queryable,
    jobId: string,
    owner: string,
    update: BulkJobUpdate,
    now: number,
  ): Promise<BulkJobRecord | null>;
  cancelBulkJob(db: Queryable, jobId: string, now: number): Promise<BulkJobRecord | null>;
  insertApiKey(
    db: Queryable,
    key: Omit<StoredApiKeyRecord, 'createdAt' | 'revokedAt'>,
    now: number,
  ): Promise<boolean>;
  listApiKeys(db: Queryable): Promise<StoredApiKeyRecord[]>;
  revokeApiKey(db: Queryable, name: string, now: number): Promise<StoredApiKeyRecord | null>;
}

const UNLOCKED = '(lock_token IS NULL OR locked_until <= $1)';

/** One queue's counts in one scan (see `QueueStatRecord`). */
function queueStatSql(from: string): string {
  return `SELECT
      COUNT(*) FILTER (WHERE NOT ${UNLOCKED}) AS locked,
      COUNT(*) FILTER (WHERE ${UNLOCKED} AND visible_at <= $1) AS ready,
      COUNT(*) FILTER (WHERE ${UNLOCKED} AND visible_at > $1) AS delayed,
      MIN(GREATEST(visible_at, created_at)) FILTER (WHERE ${UNLOCKED} AND visible_at <= $1) AS oldest_ready_at,
      MIN(visible_at) FILTER (WHERE ${UNLOCKED} AND visible_at > $1) AS next_visible_at
    FROM ${from}`;
}

export function prepareOperatorStore(ctx: StatementContext): PostgresOperatorOps {
  const orchestrator = table(ctx, 'orchestrator_queue');
  const worker = table(ctx, 'worker_queue');
  const jobs = table(ctx, 'bulk_jobs');
  const keys = table(ctx, 'api_keys');
  const statsSql = `
    WITH o AS (${queueStatSql(orchestrator)}), w AS (${queueStatSql(worker)}),
         t AS (SELECT COUNT(*) AS pending, MIN(visible_at) AS next_fire_at FROM ${orchestrator}
               WHERE item_type = 'TimerFired' AND visible_at > $1 AND ${UNLOCKED})
    SELECT row_to_json(o) AS o, row_to_json(w) AS w, t.pending, t.next_fire_at FROM o, w, t`;
  const workItemsSql = `SELECT execution_id, activity_id, activity_name, attempt_count, visible_at, lock_token, locked_until, session_id, tag
    FROM ${worker} WHERE instance_id = $1 ORDER BY execution_id, activity_id, id`;
  const insertJobSql = `INSERT INTO ${jobs} (job_id, action, request, actor, state, progress, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ${BULK_JOB_COLUMNS}`;
  const getJobSql = `SELECT ${BULK_JOB_COLUMNS} FROM ${jobs} WHERE job_id = $1`;
  const listJobsSql = `SELECT ${BULK_JOB_COLUMNS} FROM ${jobs}
    WHERE ($1::text IS NULL OR state = $1)
      AND ($2::bigint IS NULL OR (created_at, job_id) < ($2::bigint, $3::text COLLATE "C"))
    ORDER BY created_at DESC, job_id DESC LIMIT $4`;
  // SKIP LOCKED: two servers claiming at once take different jobs (or one gets none).
  const claimJobSql = `UPDATE ${jobs} j SET state = 'running', lease_owner = $1, lease_until = $2, updated_at = $3
    FROM (SELECT job_id FROM ${jobs}
          WHERE state IN ('queued', 'running') AND (lease_until IS NULL OR lease_until <= $3)
            AND ($4::text IS NULL OR job_id = $4)
          ORDER BY created_at, job_id LIMIT 1 FOR UPDATE SKIP LOCKED) c
    WHERE j.job_id = c.job_id
    RETURNING ${BULK_JOB_COLUMNS.split(', ')
      .map((c) => `j.${c}`)
      .join(', ')}`;
  const updateJobSql = `UPDATE ${jobs} SET progress = $3, state = COALESCE($4, state),
      error = COALESCE($5, error), updated_at = $6,
      lease_until = CASE WHEN $4::text IS NULL THEN $7::bigint ELSE NULL END
    WHERE job_id = $1 AND lease_owner = $2 AND state = 'running'
    RETURNING ${BULK_JOB_COLUMNS}`;
  const cancelJobSql = `UPDATE ${jobs} SET
      state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END,
      cancel_requested = cancel_requested OR state IN ('queued', 'running'),
      updated_at = CASE WHEN state IN ('queued', 'running') THEN $2 ELSE updated_at END
    WHERE job_id = $1 RETURNING ${BULK_JOB_COLUMNS}`;
  const insertKeySql = `INSERT INTO ${keys} (prefix, name, role, hash, created_at, created_by, expires_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`;
  const listKeysSql = `SELECT ${API_KEY_COLUMNS} FROM ${keys} ORDER BY created_at, prefix`;
  const revokeKeySql = `UPDATE ${keys} SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL
    RETURNING ${API_KEY_COLUMNS}`;
  const job = (rows: readonly BulkJobRow[]): BulkJobRecord | null =>
    rows[0] === undefined ? null : toBulkJobRecord(rows[0]);

  return {
    async queueStats(db, now) {
      const { rows } = await db.query<{
        o: QueueStatRow;
        w: QueueStatRow;
        pending: number;
        next_fire_at: number | null;
      }>(statsSql, [now]);
      const row = rows[0];
      return {
        orchestrator: toQueueStat(row?.o),
        worker: toQueueStat(row?.w),
        timers: {
          pending: Number(row?.pending ?? 0),
          nextFireAt: row?.next_fire_at == null ? null : Number(row.next_fire_at),
        },
        at: now,
      };
    },
    async workItems(db, instanceId, now) {
      const { rows } = await db.query<WorkItemStateRow>(workItemsSql, [instanceId]);
      return rows.map((r) => toWorkItemState(r, now));
    },
    async createBulkJob(db, input, now) {
      const { rows } = await db.query<BulkJobRow>(insertJobSql, [
        input.jobId,
        input.action,
        input.request,
        input.actor ?? null,
        input.state,
        input.progress,
        now,
      ]);
      return toBulkJobRecord(rows[0] as BulkJobRow);
    },
    async getBulkJob(db, jobId) {
      return job((await db.query<BulkJobRow>(getJobSql, [jobId])).rows);
    },
    async listBulkJobs(db, query) {
      if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_BULK_JOB_PAGE)
        throw new InvalidInputError(
          `bulk job page limit must be an integer from 1 to ${MAX_BULK_JOB_PAGE}, got ${String(query.limit)}`,
        );
      const { rows } = await db.query<BulkJobRow>(listJobsSql, [
        query.state ?? null,
        query.after?.createdAt ?? null,
        query.after?.jobId ?? '',
        query.limit,
      ]);
      return rows.map(toBulkJobRecord);
    },
    async claimBulkJob(db, owner, leaseMs, jobId, now) {
      return job(
        (await db.query<BulkJobRow>(claimJobSql, [owner, now + leaseMs, now, jobId ?? null])).rows,
      );
    },
    async updateBulkJob(db, jobId, owner, update, now) {
      const { rows } = await db.query<BulkJobRow>(updateJobSql, [
        jobId,
        owner,
        update.progress,
        update.state ?? null,
        update.error ?? null,
        now,
        now + update.leaseMs,
      ]);
      return job(rows);
    },
    async cancelBulkJob(db, jobId, now) {
      return job((await db.query<BulkJobRow>(cancelJobSql, [jobId, now])).rows);
    },
    async insertApiKey(db, key, now) {
      const { rowCount } = await db.query(insertKeySql, [
        key.prefix,
        key.name,
        key.role,
        key.hash,
        now,
        key.createdBy ?? null,
        key.expiresAt ?? null,
      ]);
      return rowCount === 1;
    },
    async listApiKeys(db) {
      return (await db.query<ApiKeyRow>(listKeysSql)).rows.map(toStoredApiKey);
    },
    async revokeApiKey(db, name, now) {
      const { rows } = await db.query<ApiKeyRow>(revokeKeySql, [name, now]);
      return rows[0] === undefined ? null : toStoredApiKey(rows[0]);
    },
  };
}
