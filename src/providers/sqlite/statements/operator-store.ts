/**
 * `OperatorStore` on SQLite: queue statistics, an instance's worker rows, bulk jobs and API
 * keys (migration 0006). Each operation is one statement.
 * @module
 */
import type Database from 'better-sqlite3';
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

/** The synchronous operations; the provider runs them (writes in its write batches). */
export interface SqliteOperatorOps {
  queueStats(now: number): QueueStatsRecord;
  workItems(instanceId: string, now: number): WorkItemStateRecord[];
  createBulkJob(job: BulkJobInput, now: number): BulkJobRecord;
  getBulkJob(jobId: string): BulkJobRecord | null;
  listBulkJobs(query: BulkJobQuery): BulkJobRecord[];
  claimBulkJob(
    owner: string,
    leaseMs: number,
    jobId: string | undefined,
    now: number,
  ): BulkJobRecord | null;
  updateBulkJob(
    jobId: string,
    owner: string,
    update: BulkJobUpdate,
    now: number,
  ): BulkJobRecord | null;
  cancelBulkJob(jobId: string, now: number): BulkJobRecord | null;
  insertApiKey(key: Omit<StoredApiKeyRecord, 'createdAt' | 'revokedAt'>, now: number): boolean;
  listApiKeys(): StoredApiKeyRecord[];
  revokeApiKey(name: string, now: number): StoredApiKeyRecord | null;
}

const UNLOCKED = '(lock_token IS NULL OR locked_until <= @now)';

/** One queue's counts in one scan (see `QueueStatRecord`). */
function queueStatSql(tableName: string): string {
  return `SELECT
      COALESCE(SUM(CASE WHEN NOT ${UNLOCKED} THEN 1 ELSE 0 END), 0) AS locked,
      COALESCE(SUM(CASE WHEN ${UNLOCKED} AND visible_at <= @now THEN 1 ELSE 0 END), 0) AS ready,
      COALESCE(SUM(CASE WHEN ${UNLOCKED} AND visible_at > @now THEN 1 ELSE 0 END), 0) AS delayed,
      MIN(CASE WHEN ${UNLOCKED} AND visible_at <= @now THEN MAX(visible_at, created_at) END) AS oldest_ready_at,
      MIN(CASE WHEN ${UNLOCKED} AND visible_at > @now THEN visible_at END) AS next_visible_at
    FROM ${tableName}`;
}

function requirePageLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_BULK_JOB_PAGE)
    throw new InvalidInputError(
      `bulk job page limit must be an integer from 1 to ${MAX_BULK_JOB_PAGE}, got ${String(limit)}`,
    );
}

export function prepareOperatorStore(db: Database.Database): SqliteOperatorOps {
  const orchestratorStat = db.prepare<{ now: number }, QueueStatRow>(
    queueStatSql('orchestrator_queue'),
  );
  const workerStat = db.prepare<{ now: number }, QueueStatRow>(queueStatSql('worker_queue'));
  const timerStat = db.prepare<{ now: number }, { pending: number; next_fire_at: number | null }>(
    `SELECT COUNT(*) AS pending, MIN(visible_at) AS next_fire_at FROM orchestrator_queue
     WHERE item_type = 'TimerFired' AND visible_at > @now AND ${UNLOCKED}`,
  );
  const workItems = db.prepare<[string], WorkItemStateRow>(
    `SELECT execution_id, activity_id, activity_name, attempt_count, visible_at, lock_token, locked_until, session_id, tag
     FROM worker_queue WHERE instance_id = ? ORDER BY execution_id, activity_id, id`,
  );
  const insertJob = db.prepare<Record<string, unknown>, BulkJobRow>(
    `INSERT INTO bulk_jobs (job_id, action, request, actor, state, progress, created_at, updated_at)
     VALUES (@jobId, @action, @request, @actor, @state, @progress, @now, @now)
     RETURNING ${BULK_JOB_COLUMNS}`,
  );
  const getJob = db.prepare<[string], BulkJobRow>(
    `SELECT ${BULK_JOB_COLUMNS} FROM bulk_jobs WHERE job_id = ?`,
  );
  const listJobs = db.prepare<Record<string, unknown>, BulkJobRow>(
    `SELECT ${BULK_JOB_COLUMNS} FROM bulk_jobs
     WHERE (@state IS NULL OR state = @state)
       AND (@afterAt IS NULL OR created_at < @afterAt OR (created_at = @afterAt AND job_id < @afterId))
     ORDER BY created_at DESC, job_id DESC LIMIT @limit`,
  );
  const claimJob = db.prepare<Record<string, unknown>, BulkJobRow>(
    `UPDATE bulk_jobs SET state = 'running', lease_owner = @owner, lease_until = @until, updated_at = @now
     WHERE job_id = (
       SELECT job_id FROM bulk_jobs
       WHERE state IN ('queued', 'running') AND (lease_until IS NULL OR lease_until <= @now)
         AND (@jobId IS NULL OR job_id = @jobId)
       ORDER BY created_at, job_id LIMIT 1)
     RETURNING ${BULK_JOB_COLUMNS}`,
  );
  const updateJob = db.prepare<Record<string, unknown>, BulkJobRow>(
    `UPDATE bulk_jobs SET progress = @progress, state = COALESCE(@state, state),
       error = COALESCE(@error, error), updated_at = @now,
       lease_until = CASE WHEN @state IS NULL THEN @until ELSE NULL END
     WHERE job_id = @jobId AND lease_owner = @owner AND state = 'running'
     RETURNING ${BULK_JOB_COLUMNS}`,
  );
  const cancelJob = db.prepare<{ jobId: string; now: number }, BulkJobRow>(
    `UPDATE bulk_jobs SET
       state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END,
       cancel_requested = CASE WHEN state IN ('queued', 'running') THEN 1 ELSE cancel_requested END,
       updated_at = CASE WHEN state IN ('queued', 'running') THEN @now ELSE updated_at END
     WHERE job_id = @jobId
     RETURNING ${BULK_JOB_COLUMNS}`,
  );
  const insertKey = db.prepare<Record<string, unknown>>(
    `INSERT INTO api_keys (prefix, name, role, hash, created_at, created_by, expires_at)
     VALUES (@prefix, @name, @role, @hash, @now, @createdBy, @expiresAt)
     ON CONFLICT DO NOTHING`,
  );
  const listKeys = db.prepare<[], ApiKeyRow>(
    `SELECT ${API_KEY_COLUMNS} FROM api_keys ORDER BY created_at, prefix`,
  );
  const revokeKey = db.prepare<{ name: string; now: number }, ApiKeyRow>(
    `UPDATE api_keys SET revoked_at = @now WHERE name = @name AND revoked_at IS NULL
     RETURNING ${API_KEY_COLUMNS}`,
  );
  const job = (row: BulkJobRow | undefined): BulkJobRecord | null =>
    row === undefined ? null : toBulkJobRecord(row);

  return {
    queueStats(now) {
      const timers = timerStat.get({ now });
      return {
        orchestrator: toQueueStat(orchestratorStat.get({ now })),
        worker: toQueueStat(workerStat.get({ now })),
        timers: { pending: timers?.pending ?? 0, nextFireAt: timers?.next_fire_at ?? null },
        at: now,
      };
    },
    workItems: (instanceId, now) => workItems.all(instanceId).map((r) => toWorkItemState(r, now)),
    createBulkJob: (input, now) =>
      toBulkJobRecord(
        insertJob.get({
          jobId: input.jobId,
          action: input.action,
          request: input.request,
          actor: input.actor ?? null,
          state: input.state,
          progress: input.progress,
          now,
        }) as BulkJobRow,
      ),
    getBulkJob: (jobId) => job(getJob.get(jobId)),
    listBulkJobs(query) {
      requirePageLimit(query.limit);
      return listJobs
        .all({
          state: query.state ?? null,
          afterAt: query.after?.createdAt ?? null,
          afterId: query.after?.jobId ?? '',
          limit: query.limit,
        })
        .map(toBulkJobRecord);
    },
    claimBulkJob: (owner, leaseMs, jobId, now) =>
      job(claimJob.get({ owner, until: now + leaseMs, now, jobId: jobId ?? null })),
    updateBulkJob: (jobId, owner, update, now) =>
      job(
        updateJob.get({
          jobId,
          owner,
          progress: update.progress,
          state: update.state ?? null,
          error: update.error ?? null,
          until: now + update.leaseMs,
          now,
        }),
      ),
    cancelBulkJob: (jobId, now) => job(cancelJob.get({ jobId, now })),
    insertApiKey: (key, now) =>
      insertKey.run({
        prefix: key.prefix,
        name: key.name,
        role: key.role,
        hash: key.hash,
        createdBy: key.createdBy ?? null,
        expiresAt: key.expiresAt ?? null,
        now,
      }).changes === 1,
    listApiKeys: () => listKeys.all().map(toStoredApiKey),
    revokeApiKey(name, now) {
      const row = revokeKey.get({ name, now });
      return row === undefined ? null : toStoredApiKey(row);
    },
  };
}
