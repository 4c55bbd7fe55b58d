/**
 * Due timers are picked up by their wake, not by the dispatchers' idle poll, on both stores:
 * the poll interval is set far beyond the test's wait, so a timer whose due time no slot was
 * woken for would not fire within the wait at all (docs/performance.md, "Timers on time").
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client, Runtime, type OrchestrationContext } from '../../src/index.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS, testStore } from '../helpers/test-store.js';

/** Far beyond {@link WAIT_MS}: a timer left to the poll fails the test. */
const POLL_MS = 600_000;
const WAIT_MS = 30_000;
const INSTANCES = 20;

for (const kind of STORE_KINDS) {
  describe(`timer wakes (${kind})`, () => {
    test('timers of one turn due at different times each wake a dispatcher, for many instances at once', async (t) => {
      const store = await testStore(t, kind);
      const runtime = new Runtime(await store.open(), {
        logLevel: 'off',
        dispatcherPollIntervalMs: POLL_MS,
      });
      runtime.registerOrchestration('TwoTimers', async (ctx: OrchestrationContext) => {
        // Both timers are created by the first turn; the later one is due after the first fired.
        await ctx.all([ctx.scheduleTimer(20), ctx.scheduleTimer(250)]);
        return 'done';
      });
      await runtime.start();
      t.after(() => runtime.shutdown(2000));
      const client = new Client(await store.open());
      const ids = Array.from({ length: INSTANCES }, (_, i) => uid(`timers-${i}`));
      await Promise.all(ids.map((id) => client.startOrchestration(id, 'TwoTimers', null)));
      const statuses = await Promise.all(ids.map((id) => client.waitForOrchestration(id, WAIT_MS)));
      assert.deepEqual(
        statuses.map((s) => s.status),
        ids.map(() => 'Completed'),
      );
      for (const id of ids) {
        const history = await client.readExecutionHistory(id, 1);
        assert.equal(history.filter((e) => e.kind === 'TimerFired').length, 2, id);
      }
    });
  });
}
