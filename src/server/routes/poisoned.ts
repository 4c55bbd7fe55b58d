/**
 * Queue rows the runtimes quarantined because no fetch could process them (docs/reliability.md):
 * undecodable, over the fetch size limit, or with an instance id that does not read back.
 * @module
 */
import { createRoute, z } from '@hono/zod-openapi';
import { API_PREFIX, type ManagementApp, type RouteDeps } from '../server-env.js';
import { ok, plain, problemResponses } from './route-kit.js';

const PoisonedQuery = z.strictObject({
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'limit must be a decimal integer from 1 to 1000')
    .transform((s) => Number(s))
    .optional(),
  cursor: z.string().min(1).max(32).optional(),
});

const PoisonedItemSchema = z
  .object({
    poisonId: z.number().int(),
    queue: z.enum(['orchestrator', 'worker']),
    instanceId: z.string().optional(),
    itemType: z.string().optional(),
    reason: z.string(),
    sizeBytes: z.number().int(),
    attemptCount: z.number().int(),
    enqueuedAt: z.number().int(),
    poisonedAt: z.number().int(),
    preview: z.string().openapi({ description: 'The first 200 characters of the stored text' }),
  })
  .openapi('PoisonedItem');

/** Exported for the dashboard's inferred types (dashboard/src/api/types.ts). */
export const PoisonedPageSchema = z
  .object({ items: z.array(PoisonedItemSchema), nextCursor: z.string().nullable() })
  .openapi('PoisonedItemPage');

export function registerPoisonedRoutes(app: ManagementApp, deps: RouteDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${API_PREFIX}/poisoned`,
      tags: ['system'],
      summary: 'Queue rows quarantined because no fetch could process them, newest first',
      request: { query: PoisonedQuery },
      responses: {
        200: ok(PoisonedPageSchema, 'a page of poisoned queue rows'),
        ...problemResponses(400, 401),
      },
    }),
    async (c) => {
      const page = await deps.client.listPoisonedItems(c.req.valid('query'));
      return c.json(plain({ items: [...page.items], nextCursor: page.nextCursor }), 200);
    },
  );
}
