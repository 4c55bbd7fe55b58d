import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { Client, Runtime } from '../../../src/index.js';
import { eventually } from '../../helpers/eventually.js';
import { uid } from '../../helpers/runtime-harness.js';
import { STORE_KINDS, testStore } from '../../helpers/test-store.js';

for (const kind of STORE_KINDS) {
  describe(`nondeterminism metric on ${kind}`, () => {
    test('an execution whose code changed under it is counted as nondeterminism and a config_error failure of its version', async (t) => {
      const store = await testStore(t, kind);
      const provider = await store.open();
      const client = new Client(provider);
      const before = new Runtime(provider, { logLevel: 'off' });
      before.registerActivity('Reserve', async () => 'ok');
      before.registerOrchestration('Drift', async (ctx) => {
        await ctx.waitForEvent('go');
        return ctx.scheduleActivity('Reserve', null);
      });
      await before.start();
      const id = uid('drift');
      await client.startOrchestration(id, 'Drift', null);
      await eventually('the instance to wait for its event', async () =>
        (await client.readExecutionHistory(id, 1)).some((e) => e.kind === 'ExternalSubscribed'),
      );
      await before.shutdown(2000);
      // The same version, changed: it now schedules a timer where the history has an event wait.
      const after = new Runtime(provider, { logLevel: 'off', instanceCacheSize: 0 });
      after.registerActivity('Reserve', async () => 'ok');
      after.registerOrchestration('Drift', async (ctx) => {
        await ctx.scheduleTimer(10);
        return ctx.scheduleActivity('Reserve', null);
      });
      await after.start();
      t.after(() => after.shutdown(2000));
      await client.raiseEvent(id, 'go', null);
      assert.equal((await client.waitForOrchestration(id, 30_000)).status, 'Failed');
      const families = await eventually('the failure counted', async () => {
        const parsed = parsePrometheusTextFormat(await after.prometheusMetrics());
        return parsed.some(
          (f) => f.name === 'duroxide_orchestration_nondeterminism_total' && f.metrics.length > 0,
        )
          ? parsed
          : undefined;
      });
      const sample = (name: string) =>
        families
          .find((f) => f.name === name)
          ?.metrics.find((m) => m.labels?.['orchestration_name'] === 'Drift');
      assert.equal(
        sample('duroxide_orchestration_nondeterminism_total')?.labels?.['orchestration_version'],
        '1.0.0',
      );
      assert.equal(sample('duroxide_orchestration_nondeterminism_total')?.value, '1');
      assert.equal(
        sample('duroxide_orchestration_failures_total')?.labels?.['error_type'],
        'config_error',
      );
    });
  });
}
