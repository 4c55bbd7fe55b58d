/**
 * Instance reads: the filtered, cursor-paged list and its facets, detail with executions,
 * paged history, tree and key-value state.
 * @module
 */
import { createRoute } from '@hono/zod-openapi';
import { InstanceNotFoundError, InvalidInputError } from '../../core/errors/duroxide-error.js';
import {
  HistoryPageSchema,
  HistoryQuery,
  InstanceDetailSchema,
  InstanceFacetQuery,
  InstanceFacetsSchema,
  InstanceIdParams,
  InstanceListQuery,
  InstancePageSchema,
  InstanceStatusSchema,
  InstanceTreeSchema,
  KvSchema,
} from '../api-types.js';
import { API_PREFIX, type ManagementApp, type RouteDeps } from '../server-env.js';
import { structuredEvent, waitingOn } from '../history-views.js';
import { withWorkItems } from '../work-item-view.js';
import { ok, plain, problemResponses } from './route-kit.js';

/** Executions shown in an instance's detail, newest first. */
const DETAIL_EXECUTIONS = 100;
const DEFAULT_HISTORY_PAGE = 100;
const MAX_HISTORY_PAGE = 1000;

function historyCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const m = /^h(\d{1,9})$/.exec(cursor);
  if (m === null)
    throw new InvalidInputError(
      `cursor ${JSON.stringify(cursor)} is not a nextCursor returned by this history endpoint`,
    );
  return Number(m[1]);
}

/** The 404 detail of an instance whose start is queued but has not run (no instance row yet). */
function pendingMessage(instanceId: string): string {
  return `instance '${instanceId}' is Pending: its start is queued and the runtimes that took it left it (its first turn has not run), so it has no executions to show (is a runtime started that registers its orchestration?); GET /api/v1/instances/${encodeURIComponent(instanceId)}/status reads its status`;
}

export function registerInstanceReadRoutes(app: ManagementApp, deps: RouteDeps): void {
  const { client } = deps;

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API_PREFIX}/instances`,
      tags: ['instances'],
      summary: 'One page of instances matching every filter given, newest first',
      description:
        'The filters of `client.queryInstances`; pass `nextCursor` back as `cursor` for the next page.',
      request: { query: InstanceListQuery },
      responses: {
        200: ok(InstancePageSchema, 'a page of instances'),
        ...problemResponses(400, 401),
      },
    }),
    async (c) => {
      const page = await client.queryInstances(c.req.valid('query'));
      return c.json({ items: [...page.items], nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API_PREFIX}/instance-facets`,
      tags: ['instances'],
      summary: 'Counts of the matching instances per status, name or version, largest first',
      request: { query: InstanceFacetQuery },
      responses: { 200: ok(InstanceFacetsSchema, 'counts'), ...problemResponses(400, 401) },
    }),
    async (c) => {
      const { groupBy, ...filter } = c.req.valid('query');
      return c.json({ items: await client.countInstances(filter, groupBy) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API_PREFIX}/instances/{instanceId}`,
      tags: ['instances'],
      summary:
        'An instance with what it waits on, its executions (each with its version), custom status, parent and stats',
      request: { params: InstanceIdParams },
      responses: {
        200: ok(InstanceDetailSchema, 'the instance'),
        ...problemResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { instanceId } = c.req.valid('param');
      const instance = await client.getInstanceInfo(instanceId).catch(async (error: unknown) => {
        if (
          error instanceof InstanceNotFoundError &&
          (await client.getStatus(instanceId)).status === 'Pending'
        )
          throw new InstanceNotFoundError(instanceId, pendingMessage(instanceId));
        throw error;
      });
      const ids = await client.listExecutions(instanceId);
      const shown = ids.slice(-DETAIL_EXECUTIONS).reverse();
      const executions = await Promise.all(
        shown.map((id) => client.getExecutionInfo(instanceId, id)),
      );
      const stats = await client.getOrchestrationStats(instanceId);
      const current = (
        await client.readExecutionHistory(instanceId, instance.currentExecutionId)
      ).map(structuredEvent);
      return c.json(
        {
          instance,
          waitingOn: plain(
            withWorkItems(
              waitingOn(current),
              instance.currentExecutionId,
              await client.operatorStore().listWorkItems(instanceId),
            ),
          ),
          executions,
          executionCount: ids.length,
          stats,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API_PREFIX}/instances/{instanceId}/status`,
      tags: ['instances'],
      summary: 'The status `client.getStatus` reports: Pending, Running, Completed or Failed',
      description:
        'Pending once a runtime took the queued start and left it (no runtime that tried it registers the orchestration); 404 for an unknown id and for a start no runtime has taken yet (as client.getStatus: NotFound).',
      request: { params: InstanceIdParams },
      responses: {
        200: ok(InstanceStatusSchema, 'the status'),
        ...problemResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { instanceId } = c.req.valid('param');
      const { status, ...rest } = await client.getStatus(instanceId);
      if (status === 'NotFound') throw new InstanceNotFoundError(instanceId);
      return c.json(plain({ instanceId, status, ...rest }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API_PREFIX}/instances/{instanceId}/history`,
      tags: ['instances'],
      summary: "One page of an execution's history, oldest first (default: the current execution)",
      request: { params: InstanceIdParams, query: HistoryQuery },
      responses: {
        200: ok(HistoryPageSchema, 'a page of history events'),
        ...problemResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { instanceId } = c.req.valid('param');
      const q = c.req.valid('query');
      const limit = q.limit ?? DEFAULT_HISTORY_PAGE;
      if (limit < 1 || limit > MAX_HISTORY_PAGE)
        throw new InvalidInputError(`limit must be from 1 to ${MAX_HISTORY_PAGE}, got ${limit}`);
      const after = historyCursor(q.cursor);
      const executionId =
        q.executionId ?? (await client.getInstanceInfo(instanceId)).currentExecutionId;
      // Validates the execution exists (404 otherwise).
      await client.getExecutionInfo(instanceId, executionId);
      const events = (await client.readExecutionHistory(instanceId, executionId))
        .filter((e) => e.eventId > after)
        .map(structuredEvent);
      const items = events.slice(0, limit);
      const last = items[items.length - 1];
      const nextCursor = events.length > limit && last !== undefined ? `h${last.eventId}` : null;
      return c.json({ executionId, items, nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API_PREFIX}/instances/{instanceId}/tree`,
      tags: ['instances'],
      summary: 'The instance and all its sub-orchestrations, recursively',
      request: { params: InstanceIdParams },
      responses: { 200: ok(InstanceTreeSchema, 'the tree'), ...problemResponses(400, 401, 404) },
    }),
    async (c) => {
      const tree = await client.getInstanceTree(c.req.valid('param').instanceId);
      return c.json({ rootId: tree.rootId, allIds: [...tree.allIds], size: tree.size }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API_PREFIX}/instances/{instanceId}/kv`,
      tags: ['instances'],
      summary: "The instance's key-value state",
      request: { params: InstanceIdParams },
      responses: { 200: ok(KvSchema, 'every key and value'), ...problemResponses(400, 401, 404) },
    }),
    async (c) => {
      const { instanceId } = c.req.valid('param');
      await client.getInstanceInfo(instanceId);
      return c.json({ values: await client.getKvAllValues(instanceId) }, 200);
    },
  );
}
