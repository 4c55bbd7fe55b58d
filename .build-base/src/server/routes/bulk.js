/**
 * `POST /api/v1/bulk`: one action (cancel, delete, prune, raise, restart) on every instance
 * matching a filter or listed by id, up to `limit` (at most 1,000) per call; `dryRun` only
 * counts and lists the matches. Runs within the request (not a durable job yet): call again to
 * continue, e.g. until `matched` is 0 for delete. Audited once per call with the ids touched.
 * @module
 */
import { createRoute, z } from '@hono/zod-openapi';
import { InvalidInputError, isDuroxideError } from '../../core/errors/duroxide-error.js';
import { API_PREFIX, audited, requireRole, } from '../server-env.js';
import { ok, problemResponses } from './route-kit.js';
const MAX_BULK = 1000;
const AUDITED_IDS = 100;
const BulkFilterSchema = z
    .strictObject({
    status: z.enum(['Running', 'Completed', 'Failed', 'ContinuedAsNew']).optional(),
    name: z.string().min(1).optional(),
    version: z.string().min(1).optional(),
    createdFrom: z.number().int().min(0).optional(),
    createdTo: z.number().int().min(0).optional(),
    updatedFrom: z.number().int().min(0).optional(),
    updatedTo: z.number().int().min(0).optional(),
    parentInstanceId: z.string().min(1).optional(),
    idPrefix: z.string().min(1).optional(),
})
    .openapi('BulkFilter');
const BulkBody = z
    .strictObject({
    action: z.enum(['cancel', 'delete', 'prune', 'raise', 'restart']),
    filter: BulkFilterSchema.optional().openapi({
        description: 'the instance query filter; give this or instanceIds',
    }),
    instanceIds: z.array(z.string().min(1).max(256)).max(MAX_BULK).optional(),
    limit: z
        .number()
        .int()
        .min(1)
        .max(MAX_BULK)
        .optional()
        .openapi({ description: 'at most this many instances (default 100)' }),
    dryRun: z.boolean().optional(),
    reason: z.string().min(1).max(1024).optional(),
    force: z.boolean().optional().openapi({ description: 'delete: also running instances' }),
    keepLast: z
        .number()
        .int()
        .min(0)
        .optional()
        .openapi({ description: 'prune: keep this many executions' }),
    eventName: z.string().min(1).max(256).optional().openapi({ description: 'raise: required' }),
    data: z.unknown().optional(),
    version: z
        .string()
        .min(1)
        .optional()
        .openapi({ description: 'restart: version of the new execution' }),
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
async function matching(deps, body) {
    const limit = body.limit ?? 100;
    if (body.instanceIds !== undefined)
        return [...new Set(body.instanceIds)].slice(0, limit);
    const ids = [];
    let cursor;
    do {
        const page = await deps.client.queryInstances({
            ...body.filter,
            limit: Math.min(limit - ids.length, MAX_BULK),
            ...(cursor !== undefined ? { cursor } : {}),
        });
        ids.push(...page.items.map((i) => i.instanceId));
        cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && ids.length < limit);
    return ids;
}
export function registerBulkRoutes(app, deps) {
    const { client } = deps;
    app.openapi(createRoute({
        method: 'post',
        path: `${API_PREFIX}/bulk`,
        tags: ['instances'],
        summary: 'One action on every instance matching a filter or listed by id (at most 1,000 per call; dryRun counts only)',
        middleware: requireRole('operator', deps.isReadOnly),
        'x-required-role': 'operator',
        request: { body: { required: true, content: { 'application/json': { schema: BulkBody } } } },
        responses: {
            200: ok(BulkResultSchema, 'what was done to each instance'),
            ...problemResponses(400, 401, 403),
        },
    }), async (c) => {
        const body = c.req.valid('json');
        if ((body.filter === undefined) === (body.instanceIds === undefined))
            throw new InvalidInputError('give exactly one of filter or instanceIds');
        if (body.action === 'raise' && body.eventName === undefined)
            throw new InvalidInputError("action 'raise' needs eventName");
        const ids = await matching(deps, body);
        const dryRun = body.dryRun === true;
        const failed = [];
        let succeeded = 0;
        const actor = c.get('principal').actor;
        const details = {
            matched: ids.length,
            instanceIds: ids.slice(0, AUDITED_IDS),
        };
        const run = async () => {
            for (const id of ids) {
                try {
                    await apply(body, id, actor);
                    succeeded++;
                }
                catch (error) {
                    if (!isDuroxideError(error))
                        throw error;
                    failed.push({ instanceId: id, code: error.code, detail: error.message });
                }
            }
            details['succeeded'] = succeeded;
            details['failed'] = failed.length;
        };
        const apply = async (b, id, who) => {
            switch (b.action) {
                case 'cancel':
                    await client.getInstanceInfo(id);
                    return client.cancelInstance(id, b.reason ?? `cancelled by ${who} via a bulk operation`);
                case 'delete':
                    await client.deleteInstance(id, b.force ?? false);
                    return;
                case 'prune':
                    await client.pruneExecutions(id, b.keepLast === undefined ? {} : { keepLast: b.keepLast });
                    return;
                case 'raise':
                    return client.raiseEvent(id, b.eventName, b.data);
                case 'restart':
                    await client.restartInstance(id, {
                        actor: who,
                        timeoutMs: 0,
                        ...(b.version !== undefined ? { version: b.version } : {}),
                        ...(b.reason !== undefined ? { reason: b.reason } : {}),
                    });
                    return;
            }
        };
        if (!dryRun) {
            await audited(c, deps, `bulk.${body.action}`, 'instances:bulk', details, run, body.reason);
        }
        return c.json({ action: body.action, dryRun, matched: ids.length, instanceIds: ids, succeeded, failed }, 200);
    });
}
//# sourceMappingURL=bulk.js.map