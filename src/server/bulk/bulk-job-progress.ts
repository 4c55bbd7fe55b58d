/**
 * A bulk job's progress as the server keeps it in the store (JSON text the provider stores
 * blindly) and as the API shows it.
 * @module
 */
import type { BulkJobRecord, BulkJobState } from '../../client/operator-types.js';
import type { BulkFailure, BulkRequest } from './bulk-actions.js';

/** Failures kept per job (the counts go on). */
export const KEPT_FAILURES = 100;

/**
 * Where the job is. For listed ids, the index of the next one; for a filter, the query cursor
 * of the page being worked on (null: the first page) and the ids of that page already done, so
 * a resumed job starts where the last runner's last checkpoint left it.
 */
type BulkCheckpoint =
  { readonly next: number } | { readonly cursor: string | null; readonly done: readonly string[] };

export interface BulkJobProgress {
  /** Instances the job will work on, counted when it was created (at most its limit). */
  readonly matched: number;
  readonly processed: number;
  readonly succeeded: number;
  readonly failed: number;
  /** The first {@link KEPT_FAILURES} failures. */
  readonly failures: readonly BulkFailure[];
  /** A dry run: the first 100 matches. */
  readonly sampleInstanceIds?: readonly string[];
  readonly checkpoint: BulkCheckpoint;
}

/** What `GET /api/v1/bulk/jobs/{jobId}` answers. */
export interface BulkJobView {
  readonly jobId: string;
  readonly action: string;
  readonly state: BulkJobState;
  readonly dryRun: boolean;
  readonly request: Record<string, unknown>;
  readonly actor: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly isCancelRequested: boolean;
  readonly matched: number;
  readonly processed: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly failures: readonly BulkFailure[];
  readonly sampleInstanceIds?: readonly string[];
  readonly error: string | null;
  /** The server working on it while running. */
  readonly runner: { readonly owner: string; readonly leaseUntil: number } | null;
}

export function parseProgress(record: BulkJobRecord): BulkJobProgress {
  return JSON.parse(record.progress) as BulkJobProgress;
}

export function parseRequest(record: BulkJobRecord): BulkRequest {
  return JSON.parse(record.request) as BulkRequest;
}

export function bulkJobView(record: BulkJobRecord): BulkJobView {
  const progress = parseProgress(record);
  const request = parseRequest(record);
  return {
    jobId: record.jobId,
    action: record.action,
    state: record.state,
    dryRun: request.dryRun === true,
    request: request as unknown as Record<string, unknown>,
    actor: record.actor ?? null,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    isCancelRequested: record.isCancelRequested,
    matched: progress.matched,
    processed: progress.processed,
    succeeded: progress.succeeded,
    failed: progress.failed,
    failures: progress.failures,
    ...(progress.sampleInstanceIds !== undefined
      ? { sampleInstanceIds: progress.sampleInstanceIds }
      : {}),
    error: record.error ?? null,
    runner:
      record.state === 'running' &&
      record.leaseOwner !== undefined &&
      record.leaseUntil !== undefined
        ? { owner: record.leaseOwner, leaseUntil: record.leaseUntil }
        : null,
  };
}
