/**
 * Rows of the operator-store tables (SQLite migration 0006, PostgreSQL migration 0004) and of
 * the queue reads behind `OperatorStore`, and their records, for both providers.
 * @module
 */
import type {
  BulkJobRecord,
  BulkJobState,
  QueueStatRecord,
  StoredApiKeyRecord,
  WorkItemStateRecord,
} from '../provider-records.js';
import { lockOwnerOf } from './work-lock-token.js';

/** Columns of `bulk_jobs`, in {@link BulkJobRow} order. */
export const BULK_JOB_COLUMNS =
  'job_id, action, request, actor, state, progress, error, cancel_requested, lease_owner, lease_until, created_at, updated_at';

export interface BulkJobRow {
  job_id: string;
  action: string;
  request: string;
  actor: string | null;
  state: string;
  progress: string;
  error: string | null;
  /** SQLite 0/1, PostgreSQL boolean. */
  cancel_requested: number | boolean;
  lease_owner: string | null;
  lease_until: number | null;
  created_at: number;
  updated_at: number;
}

export function toBulkJobRecord(row: BulkJobRow): BulkJobRecord {
  return {
    jobId: row.job_id,
    action: row.action,
    request: row.request,
    actor: row.actor ?? undefined,
    state: row.state as BulkJobState,
    progress: row.progress,
    error: row.error ?? undefined,
    isCancelRequested: row.cancel_requested === true || row.cancel_requested === 1,
    leaseOwner: row.lease_owner ?? undefined,
    leaseUntil: row.lease_until ?? undefined,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export const API_KEY_COLUMNS =
  'prefix, name, role, hash, created_at, created_by, expires_at, revoked_at';

export interface ApiKeyRow {
  prefix: string;
  name: string;
  role: string;
  hash: string;
  created_at: number;
  created_by: string | null;
  expires_at: number | null;
  revoked_at: number | null;
}

export function toStoredApiKey(row: ApiKeyRow): StoredApiKeyRecord {
  return {
    prefix: row.prefix,
    name: row.name,
    role: row.role,
    hash: row.hash,
    createdAt: Number(row.created_at),
    createdBy: row.created_by ?? undefined,
    expiresAt: row.expires_at === null ? undefined : Number(row.expires_at),
    revokedAt: row.revoked_at === null ? undefined : Number(row.revoked_at),
  };
}

export interface WorkItemStateRow {
  execution_id: number;
  activity_id: number;
  activity_name: string | null;
  attempt_count: number;
  visible_at: number;
  lock_token: string | null;
  locked_until: number | null;
  session_id: string | null;
  tag: string | null;
}

/** A lock counts only while valid at `now` (an expired one is free for the next fetch). */
export function toWorkItemState(row: WorkItemStateRow, now: number): WorkItemStateRecord {
  const isLocked = row.lock_token !== null && row.locked_until !== null && row.locked_until > now;
  return {
    executionId: Number(row.execution_id),
    activityId: Number(row.activity_id),
    activityName: row.activity_name ?? undefined,
    attemptCount: Number(row.attempt_count),
    visibleAt: Number(row.visible_at),
    lock: isLocked
      ? {
          owner: lockOwnerOf(row.lock_token as string),
          lockedUntil: Number(row.locked_until),
        }
      : undefined,
    sessionId: row.session_id ?? undefined,
    tag: row.tag ?? undefined,
  };
}

/** One queue's counts, as both providers' statistics statements name them. */
export interface QueueStatRow {
  ready: number;
  locked: number;
  delayed: number;
  oldest_ready_at: number | null;
  next_visible_at: number | null;
}

export function toQueueStat(row: QueueStatRow | undefined): QueueStatRecord {
  return {
    ready: Number(row?.ready ?? 0),
    locked: Number(row?.locked ?? 0),
    delayed: Number(row?.delayed ?? 0),
    oldestReadyAt: row?.oldest_ready_at == null ? null : Number(row.oldest_ready_at),
    nextVisibleAt: row?.next_visible_at == null ? null : Number(row.next_visible_at),
  };
}

/** Largest page of `listBulkJobs`. */
export const MAX_BULK_JOB_PAGE = 1000;
