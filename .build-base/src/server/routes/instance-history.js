/**
 * An instance's timeline (scheduled→completed spans) and the NDJSON export of every
 * execution's history.
 * @module
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ExecutionQuery, HistoryEventSchema, InstanceIdParams, TimelineSchema, } from '../api-types.js';
import { structuredEvent, timeline } from '../history-views.js';
import { API_PREFIX } from '../server-env.js';
import { ok, plain, problemResponses } from './route-kit.js';
const ExportLineSchema = HistoryEventSchema.extend({ executionId: z.number().int() }).openapi('ExportLine');
export function registerInstanceHistoryRoutes(app, deps) {
    const { client } = deps;
    app.openapi(createRoute({
        method: 'get',
        path: `${API_PREFIX}/instances/{instanceId}/timeline`,
        tags: ['instances'],
        summary: "Spans of an execution's activities, timers, awaited events and queues, and children (default: the current execution)",
        request: { params: InstanceIdParams, query: ExecutionQuery },
        responses: {
            200: ok(TimelineSchema, 'the spans, in scheduling order'),
            ...problemResponses(400, 401, 404),
        },
    }), async (c) => {
        const { instanceId } = c.req.valid('param');
        const executionId = c.req.valid('query').executionId ??
            (await client.getInstanceInfo(instanceId)).currentExecutionId;
        await client.getExecutionInfo(instanceId, executionId);
        return c.json({
            executionId,
            items: plain(timeline((await client.readExecutionHistory(instanceId, executionId)).map(structuredEvent))),
        }, 200);
    });
    app.openapi(createRoute({
        method: 'get',
        path: `${API_PREFIX}/instances/{instanceId}/export`,
        tags: ['instances'],
        summary: 'Every execution’s history as NDJSON: one event per line, oldest execution first, each with its executionId',
        request: { params: InstanceIdParams },
        responses: {
            200: {
                description: 'one ExportLine JSON object per line',
                content: { 'application/x-ndjson': { schema: ExportLineSchema } },
            },
            ...problemResponses(400, 401, 404),
        },
    }), async (c) => {
        const { instanceId } = c.req.valid('param');
        await client.getInstanceInfo(instanceId);
        const executions = await client.listExecutions(instanceId);
        const encoder = new TextEncoder();
        let next = 0;
        const body = new ReadableStream({
            async pull(controller) {
                const executionId = executions[next++];
                if (executionId === undefined)
                    return controller.close();
                // An execution pruned while exporting is skipped.
                const events = (await client.readExecutionHistory(instanceId, executionId).catch(() => [])).map(structuredEvent);
                controller.enqueue(encoder.encode(events.map((e) => `${JSON.stringify({ executionId, ...e })}\n`).join('')));
            },
        });
        return new Response(body, {
            status: 200,
            headers: {
                'content-type': 'application/x-ndjson',
                'content-disposition': `attachment; filename="${encodeURIComponent(instanceId)}.ndjson"`,
            },
        });
    });
}
//# sourceMappingURL=instance-history.js.map