/**
 * `POST /api/v1/bulk`: one action (cancel, delete, prune, raise, restart) on every instance
 * matching a filter or listed by id, up to `limit` (at most 1,000) per call; `dryRun` only
 * counts and lists the matches. Runs within the request, for small scripts: larger or
 * long-running operations are durable jobs (`/bulk/jobs`, routes/bulk-jobs.ts). Audited once
 * per call with the ids touched.
 * @module
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { InstanceInfo, InstanceQueryFilter } from '../../client/types.js';
import { isDuroxideError } from '../../core/errors/duroxide-error.js';
import {
  applyBulkAction,
  BULK_FIELDS,
  checkBulkRequest,
  MAX_BULK_IDS,
  type BulkFailure,
  type BulkRequest,
} from '../bulk/bulk-actions.js';
import {
  API_PREFIX,
  audited,
  requireRole,
  type ManagementApp,
  type RouteDeps,
} from '../server-env.js';
import { ok, problemResponses } from './route-kit.js';

const AUDITED_IDS = 100;

const BulkBody = z
  .strictObject({
    ...BULK_FIELDS,
    limit: z
      .number()
      .int()
      .min(1)
      .max(MAX_BULK_IDS)
      .optional()
      .openapi({ description: 'at most this many instances (default 100)' }),
  })
  .openapi('BulkRequest');

const BulkResultSchema = z
  .object({
    action: z.string(),
    dryRun: z.boolean(),
    matched: z.number().int(),
    instanceIds: z.array(z.string()),
    succeeded: z.number().int(),
    failed: z.array(z.object({ instanceId: z.string(), code: z.string(), detail: z.string() })),
  })
  .openapi('BulkResult');

async function matching(deps: RouteDeps, body: BulkRequest): Promise<string[]> {
  const limit = body.limit ?? 100;
  if (body.instanceIds !== undefined) return [...new Set(body.instanceIds)].slice(0, limit);
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.client.queryInstances({
      ...(body.filter as InstanceQueryFilter),
      limit: Math.min(limit - ids.length, MAX_BULK_IDS),
      ...(cursor !== undefined ? { cursor } : {}),
    });
    ids.push(...page.items.map((i: InstanceInfo) => i.instanceId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && ids.length < limit);
  return ids;
}

export function registerBulkRoutes(app: ManagementApp, deps: RouteDeps): void {
  const { client } = deps;
  app.openapi(
    createRoute({
      method: 'post',
      path: `${API_PREFIX}/bulk`,
      tags: ['instances'],
      summary:
        'One action on every instance matching a filter or listed by id, within the request (at most 1,000 per call; dryRun counts only); see /bulk/jobs for durable jobs',
      middleware: requireRole('operator', deps.isReadOnly),
      'x-required-role': 'operator',
      request: { body: { required: true, content: { 'application/json': { schema: BulkBody } } } },
      responses: {
        200: ok(BulkResultSchema, 'what was done to each instance'),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const body = c.req.valid('json') as BulkRequest;
      checkBulkRequest(body);
      const ids = await matching(deps, body);
      const dryRun = body.dryRun === true;
      const failed: BulkFailure[] = [];
      let succeeded = 0;
      const actor = c.get('principal').actor;
      const details: Record<string, unknown> = {
        matched: ids.length,
        instanceIds: ids.slice(0, AUDITED_IDS),
      };
      const run = async (): Promise<void> => {
        for (const id of ids) {
          try {
            await applyBulkAction(client, body, id, actor);
            succeeded++;
          } catch (error) {
            if (!isDuroxideError(error)) throw error;
            failed.push({ instanceId: id, code: error.code, detail: error.message });
          }
        }
        details['succeeded'] = succeeded;
        details['failed'] = failed.length;
      };
      if (!dryRun) {
        await audited(c, deps, `bulk.${body.action}`, 'instances:bulk', details, run, body.reason);
      }
      return c.json(
        { action: body.action, dryRun, matched: ids.length, instanceIds: ids, succeeded, failed },
        200,
      );
    },
  );
}
