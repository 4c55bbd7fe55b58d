import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format';
import type { Runtime } from '../../../src/index.js';
import { eventually } from '../../helpers/eventually.js';
import { startHarnessOn, uid } from '../../helpers/runtime-harness.js';
import { STORE_KINDS } from '../../helpers/test-store.js';
import { installOtelSdk } from '../../helpers/otel-sdk.js';

const sdk = installOtelSdk();
after(() => sdk.shutdown());

/** Scrapes `runtime.metricsHandler()` over real HTTP and parses the text. */
async function scrape(runtime: Runtime): Promise<{ families: ParsedFamily[]; text: string }> {
  const server = createServer(runtime.metricsHandler());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    return { families: parsePrometheusTextFormat(text), text };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

function family(families: ParsedFamily[], name: string): ParsedFamily {
  const f = families.find((x) => x.name === name);
  assert.ok(f !== undefined, `metric ${name} is exposed`);
  return f;
}

/** The value of the sample of `name` whose labels include `labels`. */
function value(families: ParsedFamily[], name: string, labels: Record<string, string>): number {
  const f = family(families, name);
  const sample = f.metrics.find((m) =>
    Object.entries(labels).every(([k, v]) => m.labels?.[k] === v),
  );
  assert.ok(sample !== undefined, `${name} has a sample ${JSON.stringify(labels)}`);
  return Number(sample.value ?? sample.count);
}

/** The sample's value, or 0 while it does not exist yet. */
function valueOr0(families: ParsedFamily[], name: string, labels: Record<string, string>): number {
  const sample = families
    .find((x) => x.name === name)
    ?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return sample === undefined ? 0 : Number(sample.value ?? sample.count);
}

/**
 * Scrapes until `name{labels}` reaches `atLeast`: a client sees an instance finish as soon as
 * its turn is committed, a moment before the runtime counts the turn.
 */
async function scrapeWhen(
  runtime: Runtime,
  name: string,
  labels: Record<string, string>,
  atLeast: number,
): Promise<{ families: ParsedFamily[]; text: string }> {
  return eventually(`${name} ${JSON.stringify(labels)} >= ${atLeast}`, async () => {
    const scraped = await scrape(runtime);
    return valueOr0(scraped.families, name, labels) >= atLeast ? scraped : undefined;
  });
}

function register(rt: Runtime): void {
  rt.registerActivity('Charge', async (_ctx, amount: number) => {
    if (amount > 100) throw new Error('card declined');
    return amount;
  });
  rt.registerOrchestration('Checkout', async (ctx, amount: number) => {
    try {
      return await ctx.scheduleActivity('Charge', amount);
    } catch {
      return 'compensated';
    }
  });
  rt.registerOrchestrationVersioned('Checkout', '2.0.0', async (ctx, amount: number) => {
    return ctx.scheduleActivity('Charge', amount);
  });
  rt.registerOrchestration('Parent', async (ctx, amount: number) =>
    ctx.scheduleSubOrchestrationVersioned('Checkout', '1.0.0', amount),
  );
}

for (const kind of STORE_KINDS) {
  describe(`metrics on ${kind}`, () => {
    test('the Prometheus endpoint counts starts, completions and failures by orchestration, version and kind', async (t) => {
      const { runtime, client } = await startHarnessOn(t, kind, register);
      const ok = uid('m-ok');
      const declined = uid('m-declined');
      const failed = uid('m-failed');
      const parent = uid('m-parent');
      await client.startOrchestrationVersioned(ok, 'Checkout', 10, '1.0.0');
      await client.startOrchestrationVersioned(declined, 'Checkout', 500, '1.0.0');
      await client.startOrchestrationVersioned(failed, 'Checkout', 500, '2.0.0');
      await client.startOrchestration(parent, 'Parent', 20);
      for (const id of [ok, declined, failed, parent])
        await client.waitForOrchestration(id, 30_000);
      const v1 = { orchestration_name: 'Checkout', orchestration_version: '1.0.0' };
      const v2 = { orchestration_name: 'Checkout', orchestration_version: '2.0.0' };
      await scrapeWhen(
        runtime,
        'duroxide_orchestration_completions_total',
        { ...v1, status: 'success' },
        3,
      );
      const { families, text } = await scrapeWhen(
        runtime,
        'duroxide_orchestration_completions_total',
        { orchestration_name: 'Parent', status: 'success' },
        1,
      );
      assert.equal(
        value(families, 'duroxide_orchestration_starts_total', { ...v1, initiated_by: 'client' }),
        2,
      );
      assert.equal(
        value(families, 'duroxide_orchestration_starts_total', {
          ...v1,
          initiated_by: 'suborchestration',
        }),
        1,
      );
      assert.equal(
        value(families, 'duroxide_orchestration_completions_total', { ...v1, status: 'success' }),
        3,
      );
      assert.equal(
        value(families, 'duroxide_orchestration_completions_total', { ...v2, status: 'failed' }),
        1,
      );
      assert.equal(
        value(families, 'duroxide_orchestration_failures_total', {
          ...v2,
          error_type: 'app_error',
        }),
        1,
      );
      assert.equal(
        value(families, 'duroxide_suborchestration_calls_total', { orchestration_name: 'Parent' }),
        1,
      );
      assert.equal(
        value(families, 'duroxide_activity_executions_total', {
          activity_name: 'Charge',
          outcome: 'success',
        }),
        2,
      );
      assert.equal(
        value(families, 'duroxide_activity_executions_total', {
          activity_name: 'Charge',
          outcome: 'app_error',
        }),
        2,
      );
      assert.equal(
        family(families, 'duroxide_orchestration_turn_duration_seconds').type,
        'HISTOGRAM',
      );
      // The parser folds labelled histograms into one sample, so their series are read as text.
      const v1Turns =
        /^duroxide_orchestration_turn_duration_seconds_count\{orchestration_name="Checkout",orchestration_version="1\.0\.0"\} (\d+)$/m.exec(
          text,
        );
      assert.equal(Number(v1Turns?.[1]), 6, 'two turns per v1 execution');
      assert.match(
        text,
        /^duroxide_orchestration_turn_duration_seconds_bucket\{orchestration_name="Checkout",orchestration_version="1\.0\.0",le="\+Inf"\} 6$/m,
      );
      assert.equal(family(families, 'duroxide_activity_duration_seconds').type, 'HISTOGRAM');
      assert.equal(value(families, 'duroxide_orchestrator_queue_depth', {}), 0);
      assert.equal(value(families, 'duroxide_worker_queue_depth', {}), 0);
      assert.equal(family(families, 'duroxide_instance_cache_size').type, 'GAUGE');
      for (const id of [ok, declined, failed, parent])
        assert.ok(!text.includes(id), 'no instance id appears in any label');
    });

    test('OpenTelemetry receives the same counters and histograms with orchestration.name, orchestration.version and activity.name', async (t) => {
      const { client } = await startHarnessOn(t, kind, register);
      const id = uid('m-otel');
      await client.startOrchestrationVersioned(id, 'Checkout', 1000, '1.0.0');
      await client.waitForOrchestration(id, 30_000);
      await eventually('the execution counted', async () =>
        (await sdk.points('duroxide_orchestration_completions')).some(
          (p) => p.attributes['orchestration.name'] === 'Checkout',
        ),
      );
      const starts = await sdk.points('duroxide_orchestration_starts');
      assert.ok(
        starts.some(
          (p) =>
            p.attributes['orchestration.name'] === 'Checkout' &&
            p.attributes['orchestration.version'] === '1.0.0' &&
            p.attributes['initiated_by'] === 'client' &&
            Number(p.value) >= 1,
        ),
      );
      const activities = await sdk.points('duroxide_activity_executions');
      assert.ok(
        activities.some(
          (p) =>
            p.attributes['activity.name'] === 'Charge' && p.attributes['outcome'] === 'app_error',
        ),
      );
      const turnDurations = await sdk.points('duroxide_orchestration_turn_duration_seconds');
      assert.ok(turnDurations.some((p) => p.attributes['orchestration.name'] === 'Checkout'));
      const depth = await sdk.points('duroxide_worker_queue_depth');
      assert.ok(depth.length >= 1, 'the queue-depth gauge is observed');
      for (const p of [...starts, ...activities])
        assert.ok(!Object.values(p.attributes).includes(id), 'no instance id in attributes');
    });

    test('lock renewals of long activities are counted', async (t) => {
      const { runtime, client } = await startHarnessOn(
        t,
        kind,
        (rt) => {
          rt.registerActivity('Slow', async () => {
            await new Promise((r) => setTimeout(r, 400));
            return 'done';
          });
          rt.registerOrchestration('SlowFlow', async (ctx) => ctx.scheduleActivity('Slow', null));
        },
        { workerLockTimeoutMs: 100 },
      );
      const id = uid('m-slow');
      await client.startOrchestration(id, 'SlowFlow', null);
      await client.waitForOrchestration(id, 30_000);
      await scrapeWhen(runtime, 'duroxide_lock_renewals_total', { lock: 'activity' }, 2);
    });
  });
}
