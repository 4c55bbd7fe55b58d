/**
 * ensureOrchestration with a cancel queued but not yet processed: the instance still reads as
 * Running, yet it is about to fail, so ensure waits for the cancel and replaces the instance —
 * exactly once across nodes — instead of answering alreadyRunning and losing it. Before any
 * runtime runs, the wait is bounded and ends in a TimeoutError that changes nothing.
 */
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import {
  Client,
  Runtime,
  TimeoutError,
  type OrchestrationContext,
  type Provider,
} from '../../src/index.js';
import { uid } from '../helpers/runtime-harness.js';
import { eventually } from '../helpers/eventually.js';
import { STORE_KINDS, testStore, type TestStore } from '../helpers/test-store.js';

type Ctx = OrchestrationContext;

interface Node {
  readonly provider: Provider;
  readonly runtime: Runtime;
  readonly client: Client;
}

/** One process: its own provider on the shared store, a runtime (started or not) and a client. */
async function node(t: TestContext, store: TestStore, start: boolean): Promise<Node> {
  const provider = await store.open();
  const runtime = new Runtime(provider, { logLevel: 'off' });
  runtime.registerOrchestration('System', async (ctx: Ctx, input: string) => ({
    input,
    stop: await ctx.waitForEvent('stop'),
  }));
  if (start) await runtime.start();
  t.after(async () => {
    await runtime.shutdown(2000);
    await provider.close();
  });
  return { provider, runtime, client: new Client(provider) };
}

/** A fresh instance runs (one execution, one start), with nothing queued, and no cancel pending. */
async function runsFreshOnce(n: Node, id: string, inputs: readonly string[]): Promise<void> {
  await eventually(
    `${id} to run`,
    async () =>
      (await n.client.getStatus(id)).status === 'Running' &&
      (await n.client.listExecutions(id)).length > 0,
  );
  await eventually(
    'the queue to drain',
    async () => (await n.client.getQueueDepths()).orchestratorQueue === 0,
  );
  assert.equal(
    (await n.client.getStatus(id)).status,
    'Running',
    'the new instance is not cancelled',
  );
  assert.equal(await n.provider.hasQueuedCancel(id), false);
  assert.deepEqual(await n.client.listAllInstances(), [id]);
  assert.deepEqual(await n.client.listExecutions(id), [1]);
  const history = await n.client.readExecutionHistory(id, 1);
  assert.equal(history.filter((e) => e.kind === 'OrchestrationStarted').length, 1);
  assert.equal(
    history.some((e) => e.kind === 'OrchestrationCancelRequested'),
    false,
    'not the old instance',
  );
  assert.ok(
    inputs.includes((JSON.parse(history[0]?.data ?? 'null') as { input: string }).input),
    'started by one of the ensure calls',
  );
}

function actions(results: readonly { action: string }[]): string[] {
  return results.map((r) => r.action).sort();
}

for (const kind of STORE_KINDS)
  describe(`ensureOrchestration with a queued cancel (${kind})`, () => {
    test('two nodes ensuring while a cancel waits in the queue replace the instance exactly once', async (t) => {
      const store = await testStore(t, kind);
      const a = await node(t, store, true);
      const b = await node(t, store, true);
      const id = uid('ensure-cancel');
      assert.deepEqual(await a.client.ensureOrchestration(id, 'System', 'old'), {
        action: 'started',
      });
      await eventually(
        'the first instance to run',
        async () => (await a.client.getStatus(id)).status === 'Running',
      );
      // A cancel that is queued but not processed yet (visible in 300 ms, as behind a busy runtime).
      await a.provider.enqueueForOrchestrator(
        { type: 'CancelInstance', instance: id, reason: 'operator' },
        300,
      );
      assert.equal((await a.client.getStatus(id)).status, 'Running');

      const results = await Promise.all([
        a.client.ensureOrchestration(id, 'System', 'a'),
        b.client.ensureOrchestration(id, 'System', 'b'),
        b.client.ensureOrchestration(id, 'System', 'c'),
      ]);
      assert.deepEqual(
        actions(results),
        ['alreadyRunning', 'alreadyRunning', 'restarted'],
        JSON.stringify(results),
      );
      await runsFreshOnce(a, id, ['a', 'b', 'c']);
      await runsFreshOnce(b, id, ['a', 'b', 'c']);
    });

    test('a cancel queued while no runtime ran: nodes starting and ensuring at once leave exactly one fresh instance', async (t) => {
      const store = await testStore(t, kind);
      const first = await node(t, store, true);
      const id = uid('ensure-cancel-boot');
      await first.client.ensureOrchestration(id, 'System', 'old');
      await eventually(
        'the first instance to run',
        async () => (await first.client.getStatus(id)).status === 'Running',
      );
      await first.runtime.shutdown(2000);
      await first.client.cancelInstance(id, 'while every node was down');

      const a = await node(t, store, false);
      const b = await node(t, store, false);
      const results = await Promise.all([
        a.client.ensureOrchestration(id, 'System', 'a'),
        b.client.ensureOrchestration(id, 'System', 'b'),
        a.runtime.start(),
        b.runtime.start(),
      ]);
      assert.deepEqual(
        actions(results.slice(0, 2) as { action: string }[]),
        ['alreadyRunning', 'restarted'],
        JSON.stringify(results),
      );
      await runsFreshOnce(a, id, ['a', 'b']);
    });

    test('a start and a cancel both queued are waited for, not answered as alreadyRunning', async (t) => {
      const store = await testStore(t, kind);
      const a = await node(t, store, false);
      const id = uid('ensure-queued-start');
      await a.client.startOrchestration(id, 'System', 'queued');
      await a.client.cancelInstance(id, 'changed my mind');
      assert.equal((await a.client.getStatus(id)).status, 'NotFound', 'only queued so far');
      const ensured = a.client.ensureOrchestration(id, 'System', 'fresh');
      await a.runtime.start();
      assert.deepEqual(await ensured, { action: 'restarted' });
      await runsFreshOnce(a, id, ['fresh']);
    });

    test('before any runtime runs, ensure gives up after cancelWaitMs with a TimeoutError and changes nothing', async (t) => {
      const store = await testStore(t, kind);
      const first = await node(t, store, true);
      const id = uid('ensure-before-start');
      await first.client.ensureOrchestration(id, 'System', 'old');
      await eventually(
        'the first instance to run',
        async () => (await first.client.getStatus(id)).status === 'Running',
      );
      await first.runtime.shutdown(2000);
      await first.client.cancelInstance(id, 'operator');

      const n = await node(t, store, false);
      await assert.rejects(
        n.client.ensureOrchestration(id, 'System', 'new', { cancelWaitMs: 150 }),
        (e: unknown) => {
          assert.ok(e instanceof TimeoutError);
          assert.equal(e.retryable, true);
          assert.match(
            e.message,
            new RegExp(
              `ensureOrchestration\\('${id}'\\): the instance has a cancel queued that no runtime processed within 150 ms`,
            ),
          );
          assert.match(e.message, /after runtime\.start\(\)/);
          return true;
        },
      );
      assert.equal((await n.client.getStatus(id)).status, 'Running');
      assert.equal(await n.provider.hasQueuedCancel(id), true, 'the cancel is still queued');

      await n.runtime.start();
      assert.deepEqual(await n.client.ensureOrchestration(id, 'System', 'new'), {
        action: 'restarted',
      });
      await runsFreshOnce(n, id, ['new']);
    });
  });

describe('ensureOrchestration racing a cancel commit', () => {
  test('a cancel committed while ensure reads the instance is answered restarted, not alreadyRunning', async (t) => {
    const store = await testStore(t, 'sqlite');
    const a = await node(t, store, true);
    const id = uid('ensure-cancel-race');
    await a.client.ensureOrchestration(id, 'System', 'old');
    await eventually(
      'the first instance to run',
      async () => (await a.client.getStatus(id)).status === 'Running',
    );
    await a.provider.enqueueForOrchestrator(
      { type: 'CancelInstance', instance: id, reason: 'operator' },
      200,
    );
    // The client's hasQueuedCancel answers only once the runtime has committed the cancel: the
    // cancel lands between ensure's two reads, whichever comes first.
    const raw = await store.open();
    const racing = new Proxy(raw, {
      get(target, key) {
        const value = Reflect.get(target, key, target) as unknown;
        if (key !== 'hasQueuedCancel' || typeof value !== 'function')
          return typeof value === 'function'
            ? ((value as (...args: unknown[]) => unknown).bind(target) as unknown)
            : value;
        return async (instanceId: string) => {
          await eventually(
            'the cancel to be committed',
            async () => (await a.client.getStatus(instanceId)).status === 'Failed',
          );
          return raw.hasQueuedCancel(instanceId);
        };
      },
    });
    assert.deepEqual(await new Client(racing).ensureOrchestration(id, 'System', 'new'), {
      action: 'restarted',
    });
    await runsFreshOnce(a, id, ['new']);
  });
});

describe('ensureOrchestration arguments', () => {
  test('cancelWaitMs must be a non-negative number', async (t) => {
    const n = await node(t, await testStore(t, 'sqlite'), false);
    await assert.rejects(
      n.client.ensureOrchestration('x', 'System', null, { cancelWaitMs: -1 }),
      /options\.cancelWaitMs must be a non-negative number/,
    );
  });
});
