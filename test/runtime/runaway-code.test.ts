/**
 * Orchestration code that never yields (a CPU loop) is contained, on both stores
 * (docs/decisions/0010-runaway-orchestration-code.md): with async hooks off the runtime stops
 * it after `orchestrationCodeTimeoutMs` and fails its instance while every other instance keeps
 * running; with async hooks on it ends its process with a line naming the instance, and the
 * next runtime fails the instance in turn. Runtimes run in child processes: the test runner
 * itself turns async hooks on.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eventually } from '../helpers/eventually.js';
import { ProcessFixture } from '../helpers/process-harness.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS } from '../helpers/test-store.js';

const TIMEOUT = {
  orchestrationCodeTimeoutMs: 300,
  orchestrationConcurrency: 2,
  orchestratorLockTimeoutMs: 1_000,
};
const STOPPED = /orchestration code ran more than 300 ms without yielding/;

for (const kind of STORE_KINDS) {
  describe(`runaway orchestration code (${kind})`, () => {
    test('looping code is stopped and its instance fails while other instances complete', async (t) => {
      const fx = await ProcessFixture.on(t, kind, 'spin');
      const child = await fx.spawn('a', { runtimeOptions: TIMEOUT });
      const client = await fx.client();
      const spin = uid('spin');
      const steady = uid('steady');
      await client.startOrchestration(spin, 'Spin', null);
      await client.startOrchestration(steady, 'Seq3', 3);
      const failed = await client.waitForOrchestration(spin, 30_000);
      assert.equal(failed.status, 'Failed');
      assert.match(failed.error ?? '', STOPPED);
      assert.equal((await client.waitForOrchestration(steady, 30_000)).status, 'Completed');
      const after = uid('after');
      await client.startOrchestration(after, 'Seq3', 2);
      assert.equal((await client.waitForOrchestration(after, 30_000)).status, 'Completed');
      assert.ok(child.isAlive, 'the runtime process kept running');
    });

    test('with async hooks on the process ends naming the instance and the next runtime fails it', async (t) => {
      const fx = await ProcessFixture.on(t, kind, 'spinals');
      const first = await fx.spawn('hooks', {
        runtimeOptions: TIMEOUT,
        env: { DUROXIDE_RP_ALS: '1' },
      });
      const client = await fx.client();
      const spin = uid('spin-als');
      await client.startOrchestration(spin, 'Spin', null);
      const exit = await first.exited;
      assert.equal(exit.signal, 'SIGKILL');
      assert.match(first.stderr, new RegExp(`instance "${spin}" ran \\d+ ms without yielding`));
      await fx.spawn('plain', {
        runtimeOptions: { ...TIMEOUT, orchestratorLockTimeoutMs: 1_000 },
      });
      const failed = await eventually(
        'the instance to fail',
        async () => {
          const s = await client.getStatus(spin);
          return s.status === 'Failed' ? s : undefined;
        },
        { timeoutMs: 90_000 },
      );
      assert.match(failed.error ?? '', STOPPED);
    });
  });
}
