/**
 * `GET /api/v1/orchestrations/{name}/versions/{version}/instances`: the running instances of
 * one name@version, a page at a time, each with when it is expected to move to a new version —
 * at its next continue-as-new, estimated as its earliest pending timer (eternal orchestrations
 * continue-as-new after a timer) — and its version targets.
 * @module
 */
import { createRoute, z } from '@hono/zod-openapi';
import { structuredEvent, waitingOn } from '../history-views.js';
import { API_PREFIX } from '../server-env.js';
import { ok, problemResponses } from './route-kit.js';
const Params = z.strictObject({
    orchestrationName: z
        .string()
        .min(1)
        .max(256)
        .openapi({ param: { name: 'orchestrationName', in: 'path' }, example: 'Monitor' }),
    version: z
        .string()
        .min(1)
        .max(256)
        .openapi({ param: { name: 'version', in: 'path' }, example: '1.0.0' }),
});
const Query = z.strictObject({
    limit: z
        .string()
        .regex(/^\d{1,3}$/, 'limit must be a decimal integer')
        .transform(Number)
        .pipe(z.number().int().min(1).max(100))
        .optional()
        .openapi({ description: 'page size 1–100 (default 20)' }),
    cursor: z.string().min(1).optional(),
});
const UpgradeInstanceSchema = z
    .object({
    instanceId: z.string(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
    currentExecutionId: z.number().int(),
    versionPin: z.string().optional(),
    nextVersion: z.string().optional(),
    expectedUpgradeAt: z.number().int().nullable().openapi({
        description: 'earliest pending timer (epoch ms): the likely next continue-as-new; null when none',
    }),
    openActivities: z.number().int(),
    awaitedEvents: z.array(z.string()),
})
    .openapi('UpgradeInstance');
const PageSchema = z
    .object({ items: z.array(UpgradeInstanceSchema), nextCursor: z.string().nullable() })
    .openapi('UpgradeInstancePage');
export function registerUpgradeInstanceRoutes(app, deps) {
    const { client } = deps;
    app.openapi(createRoute({
        method: 'get',
        path: `${API_PREFIX}/orchestrations/{orchestrationName}/versions/{version}/instances`,
        tags: ['versions'],
        summary: 'Running instances of name@version with their expected upgrade time (next continue-as-new ≈ earliest pending timer)',
        request: { params: Params, query: Query },
        responses: {
            200: ok(PageSchema, 'a page of running instances'),
            ...problemResponses(400, 401),
        },
    }), async (c) => {
        const { orchestrationName, version } = c.req.valid('param');
        const q = c.req.valid('query');
        const page = await client.queryInstances({
            name: orchestrationName,
            version,
            status: 'Running',
            limit: q.limit ?? 20,
            ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
        });
        const items = await Promise.all(page.items.map(async (i) => {
            const waits = waitingOn((await client.readExecutionHistory(i.instanceId, i.currentExecutionId).catch(() => [])).map(structuredEvent));
            const fires = waits.timers.map((t) => t.fireAt);
            return {
                instanceId: i.instanceId,
                createdAt: i.createdAt,
                updatedAt: i.updatedAt,
                currentExecutionId: i.currentExecutionId,
                ...(i.versionPin !== undefined ? { versionPin: i.versionPin } : {}),
                ...(i.nextVersion !== undefined ? { nextVersion: i.nextVersion } : {}),
                expectedUpgradeAt: fires.length === 0 ? null : Math.min(...fires),
                openActivities: waits.activities.length,
                awaitedEvents: waits.events.map((e) => e.name),
            };
        }));
        return c.json({ items, nextCursor: page.nextCursor }, 200);
    });
}
//# sourceMappingURL=upgrade-instances.js.map