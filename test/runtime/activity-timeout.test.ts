/**
 * The runtime option `activityTimeoutMs`, on both stores: an activity that never settles fails
 * with a timeout after it, its signal aborts, and its worker slot is freed for the next activity
 * (docs/reliability.md). Without it the activity would hold its slot until shutdown.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client, Runtime, type OrchestrationContext } from '../../src/index.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS, testStore } from '../helpers/test-store.js';

for (const kind of STORE_KINDS) {
  describe(`default activity timeout (${kind})`, () => {
    test('an activity that never settles times out, sees its signal abort and frees its only slot', async (t) => {
      const store = await testStore(t, kind);
      const runtime = new Runtime(await store.open(), {
        logLevel: 'off',
        workerConcurrency: 1,
        activityTimeoutMs: 300,
        localActivities: false,
      });
      let aborted = false;
      runtime.registerActivity(
        'Hang',
        (ctx) =>
          new Promise<never>(() => {
            ctx.signal.addEventListener('abort', () => (aborted = true));
          }),
      );
      runtime.registerActivity('Echo', async (_ctx, input: string) => input);
      runtime.registerOrchestration('HangThenEcho', async (ctx: OrchestrationContext) => {
        let hung = 'no error';
        try {
          await ctx.scheduleActivity('Hang', null);
        } catch (error) {
          hung = (error as Error).message;
        }
        return { hung, echo: await ctx.scheduleActivity('Echo', 'after') };
      });
      await runtime.start();
      t.after(() => runtime.shutdown(2000));
      const client = new Client(await store.open());
      const id = uid('hang');
      await client.startOrchestration(id, 'HangThenEcho', null);
      const status = await client.waitForOrchestration(id, 20_000);
      assert.equal(status.status, 'Completed');
      assert.deepEqual(status.output, {
        hung: "timeout: activity 'Hang' did not finish within the runtime's activityTimeoutMs (300 ms)",
        echo: 'after',
      });
      assert.equal(aborted, true);
    });
  });
}
