/**
 * `Pending` (docs/decisions/0015-pending-status.md): a start that a runtime took and left (no
 * runtime that tried it registers the orchestration) reads Pending, not NotFound, on both stores;
 * a start no runtime has taken yet reads NotFound, as in duroxide-node.
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
    test('a start with an unregistered name reads NotFound until a runtime leaves it, then Pending until it is poisoned, then Failed with the poison reason', async (t) => {
      const store = await testStore(t, kind);
      const client = new Client(await store.open());
      const id = uid('pending-ghost');
      await client.startOrchestration(id, 'Ghost', 1);
      assert.deepEqual(
        await client.getStatus(id),
        { status: 'NotFound', customStatusVersion: 0 },
        'no runtime took it yet (as duroxide-node)',
      );

      await startRuntime(t, store, registerWaiter, {
        maxAttempts: 3,
        unregisteredBackoff: { baseMs: 300, maxMs: 600 },
      });
      const seen = new Set<Status>();
      const final = await eventually('the unregistered start to be poisoned', async () => {
        const s = await client.getStatus(id);
        seen.add(s.status);
        return s.status === 'Failed' ? s : undefined;
      });
      assert.ok(
        seen.has('Pending'),
        `Pending was seen between the attempts: ${[...seen].join(', ')}`,
      );
      assert.ok(!seen.has('Running'), 'never Running');
      assert.match(final.error ?? '', /poison: .*'Ghost'.* not registered/);
    });

    test('a normal start reads NotFound or Running from the moment startOrchestration returns, never Pending', async (t) => {
      const store = await testStore(t, kind);
      await startRuntime(t, store, registerWaiter);
      const client = new Client(await store.open());
      const ids = Array.from({ length: 10 }, () => uid('pending-normal'));
      const seen = new Set<Status>();
      for (const id of ids) {
        await client.startOrchestration(id, 'Waiter');
        seen.add((await client.getStatus(id)).status);
      }
      // Every read while the first turns commit: a start held by a fetch is not Pending.
      await eventually('every instance to run its first turn', async () => {
        const statuses = await Promise.all(
          ids.map(async (id) => (await client.getStatus(id)).status),
        );
        for (const s of statuses) seen.add(s);
        return statuses.every((s) => s === 'Running');
      });
      assert.ok(
        [...seen].every((s) => s === 'NotFound' || s === 'Running'),
        `seen: ${[...seen].join(', ')}`,
      );
    });

    test('waitForOrchestration waits through a queued start until a runtime runs the instance', async (t) => {
      const store = await testStore(t, kind);
      const client = new Client(await store.open());
      const id = uid('pending-wait');
      await client.startOrchestration(id, 'Waiter');
      await assert.rejects(client.waitForOrchestration(id, 200), (e: unknown) => {
        assert.ok(e instanceof TimeoutError);
        assert.match(e.message, /its start is queued but no runtime has run its first turn/);
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
