/**
 * `Pending` (docs/decisions/0015-pending-status.md): a start that is accepted but whose first
 * turn no runtime has run yet reads Pending, never NotFound, on both stores.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client, Runtime, TimeoutError, type OrchestrationContext } from '../../src/index.js';
import { eventually } from '../helpers/eventually.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS, testStore, type TestStore } from '../helpers/test-store.js';

type Status = Awaited<ReturnType<Client['getStatus']>>['status'];

async function startRuntime(
  t: { after: (fn: () => Promise<void>) => void },
  store: TestStore,
  register: (runtime: Runtime) => void,
  options: ConstructorParameters<typeof Runtime>[1] = {},
): Promise<Runtime> {
  const runtime = new Runtime(await store.open(), { logLevel: 'off', ...options });
  register(runtime);
  await runtime.start();
  t.after(() => runtime.shutdown(2000));
  return runtime;
}

const registerWaiter = (runtime: Runtime): void => {
  runtime.registerOrchestration('Waiter', async (ctx: OrchestrationContext) =>
    ctx.waitForEvent('go'),
  );
};

for (const kind of STORE_KINDS) {
  describe(`the Pending status (${kind})`, () => {
    test('a start with an unregistered name reads Pending until it is poisoned, then Failed with the poison reason', async (t) => {
      const store = await testStore(t, kind);
      const client = new Client(await store.open());
      const id = uid('pending-ghost');
      await client.startOrchestration(id, 'Ghost', 1);
      assert.deepEqual(await client.getStatus(id), { status: 'Pending', customStatusVersion: 0 });

      await startRuntime(t, store, registerWaiter, {
        maxAttempts: 3,
        unregisteredBackoff: { baseMs: 10, maxMs: 20 },
      });
      const seen = new Set<Status>();
      const final = await eventually('the unregistered start to be poisoned', async () => {
        const s = await client.getStatus(id);
        seen.add(s.status);
        return s.status === 'Failed' ? s : undefined;
      });
      assert.deepEqual([...seen].sort(), ['Failed', 'Pending'], 'never NotFound, never Running');
      assert.match(final.error ?? '', /poison: .*'Ghost'.* not registered/);
    });

    test('a normal start reads Pending or Running, never NotFound, from the moment startOrchestration returns', async (t) => {
      const store = await testStore(t, kind);
      await startRuntime(t, store, registerWaiter);
      const client = new Client(await store.open());
      const ids = Array.from({ length: 10 }, () => uid('pending-normal'));
      const seen = new Set<Status>();
      for (const id of ids) {
        await client.startOrchestration(id, 'Waiter');
        seen.add((await client.getStatus(id)).status);
      }
      // Every read while the first turns commit: the row appears as the queued start goes.
      await eventually('every instance to run its first turn', async () => {
        const statuses = await Promise.all(
          ids.map(async (id) => (await client.getStatus(id)).status),
        );
        for (const s of statuses) seen.add(s);
        return statuses.every((s) => s === 'Running');
      });
      assert.ok(
        [...seen].every((s) => s === 'Pending' || s === 'Running'),
        `seen: ${[...seen].join(', ')}`,
      );
    });

    test('waitForOrchestration waits through Pending until a runtime runs the instance', async (t) => {
      const store = await testStore(t, kind);
      const client = new Client(await store.open());
      const id = uid('pending-wait');
      await client.startOrchestration(id, 'Waiter');
      await assert.rejects(client.waitForOrchestration(id, 200), (e: unknown) => {
        assert.ok(e instanceof TimeoutError);
        assert.match(e.message, /still Pending: its start is queued but no runtime has run/);
        return true;
      });
      const waited = client.waitForOrchestration(id, 10_000);
      await startRuntime(t, store, registerWaiter);
      await eventually(
        'the first turn',
        async () => (await client.getStatus(id)).status === 'Running',
      );
      await client.raiseEvent(id, 'go', 'went');
      const done = await waited;
      assert.equal(done.status, 'Completed');
      assert.equal(done.output, 'went');
    });

    test('an id with neither an instance nor a queued start still reads NotFound', async (t) => {
      const store = await testStore(t, kind);
      const client = new Client(await store.open());
      assert.equal((await client.getStatus(uid('pending-none'))).status, 'NotFound');
    });
  });
}
