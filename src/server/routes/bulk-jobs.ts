/**
 * Durable bulk jobs: `POST /api/v1/bulk/jobs` stores a job (the `/bulk` body, without the
 * 1,000 limit) that the server's runner works through in the background
 * (bulk/bulk-job-runner.ts); `GET` lists and reads them with their progress; `…/cancel` stops
 * one. Jobs live in the store and survive a server restart.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { DuroxideError, ERROR_CODES, InvalidInputError } from '../../core/errors/duroxide-error.js';
import type { BulkJobRecord } from '../../client/operator-types.js';
import { BULK_FIELDS, checkBulkRequest, type BulkRequest } from '../bulk/bulk-actions.js';
import { bulkJobView, type BulkJobProgress } from '../bulk/bulk-job-progress.js';
import {
  API_PREFIX,
  audited,
  requireRole,
  type ManagementApp,
  type RouteDeps,
} from '../server-env.js';
import { ok, plain, problemResponses } from './route-kit.js';

/** Most instances one job may work on. */
const MAX_JOB_INSTANCES = 10_000_000;
const SAMPLE = 100;
const JOB_STATES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;

const BulkJobBody = z
  .strictObject({
    ...BULK_FIELDS,
    limit: z
      .number()
      .int()
      .min(1)
      .max(MAX_JOB_INSTANCES)
      .optional()
      .openapi({ description: 'at most this many instances (default: every match)' }),
  })
  .openapi('BulkJobRequest');

const FailureSchema = z.object({ instanceId: z.string(), code: z.string(), detail: z.string() });

const BulkJobSchema = z
  .object({
    jobId: z.string(),
    action: z.string(),
    state: z.enum(JOB_STATES),
    dryRun: z.boolean(),
    request: z.record(z.string(), z.unknown()),
    actor: z.string().nullable(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
    isCancelRequested: z.boolean(),
    matched: z.number().int(),
    processed: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    failures: z.array(FailureSchema).openapi({ description: 'the first 100 failures' }),
    sampleInstanceIds: z
      .array(z.string())
      .optional()
      .openapi({ description: 'dry run: the first 100 matches' }),
    error: z.string().nullable(),
    runner: z.object({ owner: z.string(), leaseUntil: z.number().int() }).nullable(),
  })
  .openapi('BulkJob');

const BulkJobPageSchema = z
  .object({ items: z.array(BulkJobSchema), nextCursor: z.string().nullable() })
  .openapi('BulkJobPage');

const JobListQuery = z.strictObject({
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'limit must be a decimal integer')
    .transform(Number)
    .pipe(z.number().int().min(1).max(1000))
    .optional(),
  cursor: z.string().min(1).max(400).optional(),
  state: z.enum(JOB_STATES).optional(),
});
const JobIdParams = z.strictObject({ jobId: z.string().min(1).max(100) });

function encodeCursor(job: BulkJobRecord): string {
  return Buffer.from(JSON.stringify([job.createdAt, job.jobId])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: number; jobId: string } {
  try {
    const [createdAt, jobId] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (Number.isSafeInteger(createdAt) && typeof jobId === 'string')
      return { createdAt: createdAt as number, jobId };
  } catch {
    // reported below
  }
  throw new InvalidInputError(
    'cursor is not a bulk job cursor; pass nextCursor from the previous page unchanged',
  );
}

function notFound(jobId: string): DuroxideError {
  return new DuroxideError(
    ERROR_CODES.RESOURCE_NOT_FOUND,
    `there is no bulk job '${jobId}'; list them with GET ${API_PREFIX}/bulk/jobs`,
  );
}

/** Instances the job will work on, counted now (capped by its limit). */
async function countMatches(deps: RouteDeps, body: BulkRequest): Promise<number> {
  const limit = body.limit ?? Number.POSITIVE_INFINITY;
  if (body.instanceIds !== undefined) return Math.min(new Set(body.instanceIds).size, limit);
  const counts = await deps.client.countInstances(body.filter ?? {}, 'status');
  return Math.min(
    counts.reduce((sum, c) => sum + c.count, 0),
    limit,
  );
}

async function sample(deps: RouteDeps, body: BulkRequest): Promise<string[]> {
  if (body.instanceIds !== undefined) return [...new Set(body.instanceIds)].slice(0, SAMPLE);
  const limit = Math.min(SAMPLE, body.limit ?? SAMPLE);
  const page = await deps.client.queryInstances({ ...body.filter, limit });
  return page.items.map((i) => i.instanceId);
}

export function registerBulkJobRoutes(app: ManagementApp, deps: RouteDeps): void {
  const store = () => deps.client.operatorStore();
  const operator = requireRole('operator', deps.isReadOnly);

  app.openapi(
    createRoute({
      method: 'post',
      path: `${API_PREFIX}/bulk/jobs`,
      tags: ['bulk'],
      summary:
        'Creates a durable bulk job (the /bulk body, any number of instances), run in the background; dryRun answers a completed job with the match count',
      middleware: operator,
      'x-required-role': 'operator',
      request: {
        body: { required: true, content: { 'application/json': { schema: BulkJobBody } } },
      },
      responses: {
        200: ok(BulkJobSchema, 'dry run: a completed job with matched and sampleInstanceIds'),
        202: ok(BulkJobSchema, 'the job, queued'),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const body = c.req.valid('json') as BulkRequest;
      checkBulkRequest(body);
      const actor = c.get('principal').actor;
      const isDryRun = body.dryRun === true;
      const matched = await countMatches(deps, body);
      const progress: BulkJobProgress = {
        matched,
        processed: 0,
        succeeded: 0,
        failed: 0,
        failures: [],
        ...(isDryRun ? { sampleInstanceIds: await sample(deps, body) } : {}),
        checkpoint: body.instanceIds !== undefined ? { next: 0 } : { cursor: null, done: [] },
      };
      const jobId = `bulk-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
      const create = () =>
        store().createBulkJob({
          jobId,
          action: body.action,
          request: JSON.stringify(body),
          actor,
          state: isDryRun ? 'completed' : 'queued',
          progress: JSON.stringify(progress),
        });
      if (isDryRun) return c.json(plain(bulkJobView(await create())), 200);
      const job = await audited(
        c,
        deps,
        'bulk-job.create',
        `bulk-job:${jobId}`,
        { action: body.action, matched },
        create,
        body.reason,
      );
      deps.onBulkJobCreated();
      return c.json(plain(bulkJobView(job)), 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API_PREFIX}/bulk/jobs`,
      tags: ['bulk'],
      summary: 'Bulk jobs, newest first, cursor-paged, optionally in one state',
      request: { query: JobListQuery },
      responses: { 200: ok(BulkJobPageSchema, 'a page of jobs'), ...problemResponses(400, 401) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const limit = q.limit ?? 50;
      const rows = await store().listBulkJobs({
        limit: limit + 1,
        ...(q.cursor !== undefined ? { after: decodeCursor(q.cursor) } : {}),
        ...(q.state !== undefined ? { state: q.state } : {}),
      });
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(last) : null;
      return c.json({ items: plain(items.map(bulkJobView)), nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API_PREFIX}/bulk/jobs/{jobId}`,
      tags: ['bulk'],
      summary: 'One bulk job with its progress',
      request: { params: JobIdParams },
      responses: { 200: ok(BulkJobSchema, 'the job'), ...problemResponses(400, 401, 404) },
    }),
    async (c) => {
      const { jobId } = c.req.valid('param');
      const job = await store().getBulkJob(jobId);
      if (job === null) throw notFound(jobId);
      return c.json(plain(bulkJobView(job)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${API_PREFIX}/bulk/jobs/{jobId}/cancel`,
      tags: ['bulk'],
      summary:
        'Cancels a bulk job: a queued one at once, a running one after the instance in progress (409 once finished)',
      middleware: operator,
      'x-required-role': 'operator',
      request: { params: JobIdParams },
      responses: {
        200: ok(BulkJobSchema, 'the job, cancelled or asked to cancel'),
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { jobId } = c.req.valid('param');
      const job = await audited(c, deps, 'bulk-job.cancel', `bulk-job:${jobId}`, {}, async () => {
        const before = await store().getBulkJob(jobId);
        if (before === null) throw notFound(jobId);
        if (before.state !== 'queued' && before.state !== 'running')
          throw new DuroxideError(
            ERROR_CODES.INVALID_STATE,
            `bulk job '${jobId}' already ended (${before.state}); there is nothing to cancel`,
          );
        return (await store().cancelBulkJob(jobId)) ?? before;
      });
      return c.json(plain(bulkJobView(job)), 200);
    },
  );
}
