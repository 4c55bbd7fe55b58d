/**
 * `GET /metrics`: the Prometheus text format, for scrapers (docs/observability.md). With a
 * `runtime` in the server options it serves that runtime's metrics; either way it adds the
 * store's queue depths, oldest-item ages and instance counts by status, read through the Client.
 * @module
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Client } from '../../client/client.js';
import type { Runtime } from '../../runtime/runtime.js';
import {
  PROMETHEUS_CONTENT_TYPE,
  renderPrometheus,
  type GaugeReading,
} from '../../runtime/observability/metric-registry.js';
import { queueGauges } from '../../runtime/observability/runtime-instruments.js';
import type { ManagementApp } from '../server-env.js';
import { problemResponses } from './route-kit.js';

/** Where scrapers look by default (outside the API prefix, as Prometheus expects). */
export const METRICS_PATH = '/metrics';

/** Instance counts of the store, by the status of their current execution. */
async function storeGauges(client: Client, withQueues: boolean): Promise<GaugeReading[]> {
  const m = await client.getSystemMetrics();
  const gauges: GaugeReading[] = [
    {
      name: 'duroxide_instances',
      help: 'Instances in the store, by the status of their current execution.',
      labelNames: ['status'],
      samples: [
        { values: ['Running'], value: m.runningInstances },
        { values: ['Completed'], value: m.completedInstances },
        { values: ['Failed'], value: m.failedInstances },
      ],
    },
  ];
  if (withQueues) gauges.push(...queueGauges(await client.operatorStore().getQueueStats()));
  return gauges;
}

export function registerPrometheusRoute(
  app: ManagementApp,
  client: Client,
  runtime: Runtime | undefined,
): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: METRICS_PATH,
      tags: ['system'],
      summary:
        "Prometheus text format: the runtime's metrics (when the server has one), queue depths and instances by status (viewer)",
      responses: {
        200: {
          description: 'metrics in the Prometheus text exposition format 0.0.4',
          content: { 'text/plain': { schema: z.string() } },
        },
        ...problemResponses(401),
      },
    }),
    async (c) => {
      const own = runtime === undefined ? '' : await runtime.prometheusMetrics();
      const store = renderPrometheus([], await storeGauges(client, runtime === undefined));
      return c.text(own + store, 200, { 'content-type': PROMETHEUS_CONTENT_TYPE });
    },
  );
}
