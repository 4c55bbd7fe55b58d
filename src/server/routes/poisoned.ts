/**
 * Queue rows the runtimes quarantined because no fetch could process them (docs/reliability.md):
 * undecodable, over the fetch size limit, or with an instance id that does not read back.
 * @module
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  API_PREFIX,
  audited,
  requireRole,
  type ManagementApp,
  type RouteDeps,
} from '../server-env.js';
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

const PruneQuery = z.strictObject({
  poisonedBefore: z
    .string()
    .regex(/^\d{1,15}$/, 'poisonedBefore must be a time in epoch ms (a decimal integer)')
    .transform((s) => Number(s))
    .openapi({ description: 'delete the rows poisoned strictly before this time (epoch ms)' }),
});

/** The result of a prune (exported for the dashboard's types). */
export const PruneResultSchema = z
  .object({ itemsDeleted: z.number().int() })
  .openapi('PrunePoisonedItemsResult');

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

  app.openapi(
    createRoute({
      method: 'delete',
      path: `${API_PREFIX}/poisoned`,
      tags: ['system'],
      summary: 'Deletes the quarantined rows poisoned before a time (audited)',
      description:
        "A deleted instance's quarantined rows go with it; this removes the rest (rows of instances that never existed, or kept for inspection).",
      middleware: requireRole('operator', deps.isReadOnly),
      'x-required-role': 'operator',
      request: { query: PruneQuery },
      responses: {
        200: ok(PruneResultSchema, 'how many rows were deleted'),
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { poisonedBefore } = c.req.valid('query');
      const result = await audited(
        c,
        deps,
        'poisoned.prune',
        'poisoned-items:prune',
        { poisonedBefore },
        () => deps.client.prunePoisonedItems({ poisonedBefore }),
      );
      return c.json(result, 200);
    },
  );
}
