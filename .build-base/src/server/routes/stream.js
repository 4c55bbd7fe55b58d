/**
 * `GET /api/v1/stream`: Server-Sent Events for dashboards — `instance` events when an
 * instance's status or custom status changes, and `metrics` events (system metrics and queue
 * depths) when they change. Built by polling the store every `intervalMs`, so it works the
 * same on every provider and across processes.
 * @module
 */
import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { API_PREFIX } from '../server-env.js';
import { problemFor } from '../problem.js';
import { problemResponses } from './route-kit.js';
/** How far back each poll looks, so a writer's clock a little behind ours loses no change. */
const LOOKBACK_MS = 5000;
const PAGE = 1000;
const StreamQuery = z.strictObject({
    intervalMs: z
        .string()
        .regex(/^\d{1,6}$/, 'intervalMs must be a decimal integer')
        .transform(Number)
        .pipe(z.number().int().min(100).max(60_000))
        .optional()
        .openapi({ description: 'poll interval, 100–60000 ms (default 1000)' }),
});
function signature(i) {
    return `${i.currentExecutionId}:${i.status}:${i.customStatusVersion}:${i.orchestrationVersion}`;
}
export function registerStreamRoutes(app, deps) {
    const { client } = deps;
    app.openapi(createRoute({
        method: 'get',
        path: `${API_PREFIX}/stream`,
        tags: ['system'],
        summary: 'Server-Sent Events: `instance` (an InstanceInfo whose status changed) and `metrics` ({ metrics, queues }) events',
        request: { query: StreamQuery },
        responses: {
            200: {
                description: 'an event stream',
                content: { 'text/event-stream': { schema: z.string() } },
            },
            ...problemResponses(400, 401),
        },
    }), (c) => {
        const intervalMs = c.req.valid('query').intervalMs ?? 1000;
        return streamSSE(c, async (stream) => {
            const seen = new Map();
            let lastMetrics = '';
            let since = Date.now() - LOOKBACK_MS;
            let eventId = 0;
            while (!stream.aborted) {
                const pollStart = Date.now();
                let cursor;
                do {
                    const page = await client.queryInstances({
                        updatedFrom: Math.max(0, since),
                        limit: PAGE,
                        ...(cursor !== undefined ? { cursor } : {}),
                    });
                    for (const item of page.items) {
                        const sig = signature(item);
                        if (seen.get(item.instanceId) === sig)
                            continue;
                        seen.set(item.instanceId, sig);
                        await stream.writeSSE({
                            event: 'instance',
                            id: String(++eventId),
                            data: JSON.stringify(item),
                        });
                    }
                    cursor = page.nextCursor ?? undefined;
                } while (cursor !== undefined && !stream.aborted);
                const metrics = JSON.stringify({
                    metrics: await client.getSystemMetrics(),
                    queues: await client.getQueueDepths(),
                });
                if (metrics !== lastMetrics) {
                    lastMetrics = metrics;
                    await stream.writeSSE({ event: 'metrics', id: String(++eventId), data: metrics });
                }
                since = pollStart - LOOKBACK_MS;
                // Bounded memory: past 10,000 instances start over (at worst a few repeated events).
                if (seen.size > 10_000)
                    seen.clear();
                await stream.sleep(intervalMs);
            }
        }, async (error, stream) => {
            // Headers are sent: the failure becomes a final `error` event with the problem body.
            await stream.writeSSE({ event: 'error', data: JSON.stringify(problemFor(error).body) });
        });
    });
}
//# sourceMappingURL=stream.js.map