/**
 * The oldest-item age of each queue (docs/observability.md, "Metric reference"): read from the
 * store when Prometheus scrapes or OpenTelemetry collects, never per turn. The store's clock is
 * injected, so the ages are exact.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format';
import { Client, Runtime, SqliteProvider, type OrchestrationContext } from '../../../src/index.js';
import { eventually } from '../../helpers/eventually.js';
import { uid } from '../../helpers/runtime-harness.js';
import { installOtelSdk } from '../../helpers/otel-sdk.js';

const sdk = installOtelSdk();
after(() => sdk.shutdown());

const ORCHESTRATOR_AGE = 'duroxide_orchestrator_queue_oldest_item_age_seconds';
const WORKER_AGE = 'duroxide_worker_queue_oldest_item_age_seconds';

function gauge(families: ParsedFamily[], name: string): number {
  const f = families.find((x) => x.name === name);
  assert.ok(f !== undefined, `${name} is exposed`);
  assert.equal(f.type, 'GAUGE');
  assert.equal(f.metrics.length, 1);
  return Number(f.metrics[0]!.value);
}

async function scrape(runtime: Runtime): Promise<ParsedFamily[]> {
  return parsePrometheusTextFormat(await runtime.prometheusMetrics());
}

test('the age of the oldest waiting item of each queue is scraped, 0 when nothing waits', async (t) => {
  let now = 1_700_000_000_000;
  const provider = await SqliteProvider.inMemory({ now: () => now });
  t.after(() => provider.close());
  // Not started: nothing takes the start message off the orchestrator queue.
  const runtime = new Runtime(provider, { logLevel: 'off' });
  const client = new Client(provider);
  let families = await scrape(runtime);
  assert.equal(gauge(families, ORCHESTRATOR_AGE), 0);
  assert.equal(gauge(families, WORKER_AGE), 0);
  await client.startOrchestration(uid('age'), 'Anything', null);
  now += 42_500;
  families = await scrape(runtime);
  assert.equal(gauge(families, ORCHESTRATOR_AGE), 42.5);
  assert.equal(gauge(families, 'duroxide_orchestrator_queue_depth'), 1);
  assert.equal(gauge(families, WORKER_AGE), 0);
});

test('an activity no worker here takes ages in the worker queue, in Prometheus and in OpenTelemetry', async (t) => {
  let now = 1_700_000_000_000;
  const provider = await SqliteProvider.inMemory({ now: () => now });
  t.after(() => provider.close());
  const runtime = new Runtime(provider, { logLevel: 'off', dispatcherPollIntervalMs: 50 });
  // Routed to GPU workers: this runtime (default tag filter) never fetches it.
  runtime.registerOrchestration('Render', async (ctx: OrchestrationContext) =>
    ctx.scheduleActivity('Draw', null).withTag('gpu'),
  );
  await runtime.start();
  t.after(() => runtime.shutdown(2000));
  const client = new Client(provider);
  await client.startOrchestration(uid('render'), 'Render', null);
  await eventually('the activity queued', async () =>
    gauge(await scrape(runtime), 'duroxide_worker_queue_depth') === 1 ? true : undefined,
  );
  now += 30_000;
  const families = await scrape(runtime);
  assert.equal(gauge(families, WORKER_AGE), 30);
  assert.equal(gauge(families, ORCHESTRATOR_AGE), 0);
  const points = await sdk.points(WORKER_AGE);
  assert.deepEqual(
    points.map((p) => p.value),
    [30],
  );
});
