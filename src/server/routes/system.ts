/**
 * Liveness, readiness, the caller's settings, system metrics and queue depths.
 * @module
 */
import { createRoute } from '@hono/zod-openapi';
import { DUROXIDE_VERSION } from '../../core/version.js';
import {
  HealthSchema,
  MetricsSchema,
  ProblemSchema,
  ReadySchema,
  SettingsSchema,
} from '../api-types.js';
import { QueuesSchema, readQueues } from '../queue-view.js';
import { API_PREFIX, type ManagementApp, type RouteDeps } from '../server-env.js';
import { ok, problemResponses } from './route-kit.js';

/** What this server offers, for UIs deciding what to show. */
const SERVER_FEATURES = [
  'instances',
  'history',
  'versionPolicies',
  'nodes',
  'audit',
  'upgrades',
  'metrics',
  'queueStats',
  'bulkJobs',
  'storedApiKeys',
  'poisoned',
] as const;

export function registerSystemRoutes(app: ManagementApp, deps: RouteDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: `${API_PREFIX}/healthz`,
      tags: ['system'],
      summary: 'The server process answers (no store access, no key needed)',
      security: [],
      responses: { 200: ok(HealthSchema, 'alive') },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API_PREFIX}/readyz`,
      tags: ['system'],
      summary: 'The store is reachable and its schema readable (no key needed)',
      security: [],
      responses: {
        200: ok(ReadySchema, 'ready'),
        503: {
          description: 'store unreachable',
          content: { 'application/problem+json': { schema: ProblemSchema } },
        },
      },
    }),
    async (c) => {
      await deps.client.getSystemMetrics();
      return c.json({ status: 'ready' as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API_PREFIX}/settings`,
      tags: ['system'],
      summary: "The caller's role, the server's mode, version and features",
      responses: { 200: ok(SettingsSchema, 'settings'), ...problemResponses(401) },
    }),
    async (c) => {
      const p = c.get('principal');
      return c.json(
        {
          role: p.role,
          actor: p.actor,
          isReadOnly: deps.isReadOnly,
          authMode: await deps.authMode(),
          serverVersion: DUROXIDE_VERSION,
          features: [...SERVER_FEATURES],
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API_PREFIX}/metrics`,
      tags: ['system'],
      summary: 'Totals over all instances, by the status of their current execution',
      responses: { 200: ok(MetricsSchema, 'system metrics'), ...problemResponses(401) },
    }),
    async (c) => c.json(await deps.client.getSystemMetrics(), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${API_PREFIX}/queues`,
      tags: ['system'],
      summary:
        'Queue depths: ready, locked and delayed items per queue, the age of the oldest ready one, the next timer',
      responses: { 200: ok(QueuesSchema, 'queue depths'), ...problemResponses(401) },
    }),
    async (c) => c.json(await readQueues(deps.client), 200),
  );
}
