import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { Client, Runtime } from '../../src/index.js';
import { createApiKey } from '../../src/server/auth/api-keys.js';
import { createManagementServer } from '../../src/server/create-management-server.js';
import { eventually } from '../helpers/eventually.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS, testStore, type StoreKind } from '../helpers/test-store.js';

async function serve(t: TestContext, kind: StoreKind, withRuntime: boolean) {
  const store = await testStore(t, kind);
  const client = new Client(await store.open());
  const runtime = new Runtime(await store.open(), { logLevel: 'off' });
  runtime.registerOrchestration('Hello', async (_ctx, name: string) => `hello ${name}`);
  await runtime.start();
  const viewer = await createApiKey('scraper', 'viewer');
  const server = await createManagementServer({
    client,
    auth: { keys: [viewer.record] },
    ...(withRuntime ? { runtime } : {}),
  }).listen({ port: 0 });
  t.after(async () => {
    await server.close();
    await runtime.shutdown(2000);
  });
  const scrape = async (key?: string) =>
    fetch(`${server.url}/metrics`, {
      headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
    });
  return { client, runtime, server, scrape, viewerKey: viewer.key };
}

for (const kind of STORE_KINDS) {
  describe(`GET /metrics on ${kind}`, () => {
    test('serves the runtime metrics, queue depths and instances by status to a viewer key, and 401 without a key', async (t) => {
      const { client, scrape, viewerKey } = await serve(t, kind, true);
      const id = uid('scrape');
      await client.startOrchestration(id, 'Hello', 'you');
      await client.waitForOrchestration(id, 10_000);
      assert.equal((await scrape()).status, 401);
      const families = await eventually('the completion counted', async () => {
        const response = await scrape(viewerKey);
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
        const parsed = parsePrometheusTextFormat(await response.text());
        const completions = parsed.find(
          (f) => f.name === 'duroxide_orchestration_completions_total',
        );
        return completions?.metrics.some((m) => m.labels?.['orchestration_name'] === 'Hello')
          ? parsed
          : undefined;
      });
      const names = new Set(families.map((f) => f.name));
      for (const name of [
        'duroxide_orchestration_starts_total',
        'duroxide_activity_executions_total',
        'duroxide_orchestrator_queue_depth',
        'duroxide_worker_queue_depth',
        'duroxide_instance_cache_size',
        'duroxide_instances',
      ])
        assert.ok(names.has(name), `${name} is served`);
      const instances = families.find((f) => f.name === 'duroxide_instances')!;
      assert.equal(instances.metrics.find((m) => m.labels?.['status'] === 'Completed')?.value, '1');
    });

    test('without a runtime it serves the store gauges only', async (t) => {
      const { scrape, viewerKey } = await serve(t, kind, false);
      const response = await scrape(viewerKey);
      assert.equal(response.status, 200);
      const names = parsePrometheusTextFormat(await response.text()).map((f) => f.name);
      assert.deepEqual(names.sort(), [
        'duroxide_instances',
        'duroxide_orchestrator_queue_depth',
        'duroxide_orchestrator_queue_oldest_item_age_seconds',
        'duroxide_timer_queue_depth',
        'duroxide_worker_queue_depth',
        'duroxide_worker_queue_oldest_item_age_seconds',
      ]);
    });
  });
}
