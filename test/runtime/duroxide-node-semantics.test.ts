/**
 * Semantics shared with duroxide-node (docs/compatibility.md): null for unset values, timer
 * results and session-less activities, JSON-friendly `ctx.all` results, `withTag` chaining,
 * worker-only runtimes, history event data, orchestration stats and the wait timeout message.
 */
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client,
  MAX_KV_KEYS,
  MAX_KV_VALUE_BYTES,
  MAX_TAG_NAME_BYTES,
  MAX_WORKER_TAGS,
  Runtime,
  TimeoutError,
  type ActivityContext,
  type OrchestrationContext,
} from '../../src/index.js';
import { startHarness, uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS, testStore } from '../helpers/test-store.js';

type Ctx = OrchestrationContext;

describe('values duroxide-node code reads as null', () => {
  test('getCustomStatus is null before any set, reflects sets at once, survives replay and carries over continue-as-new', async (t) => {
    const seen: unknown[] = [];
    const { client } = await startHarness(
      t,
      (rt) => {
        rt.registerActivity('Echo', async (_c, x: unknown) => x);
        rt.registerOrchestration('Status', async (ctx: Ctx, generation: number) => {
          if (generation === 1) {
            seen.push(ctx.getCustomStatus());
            ctx.setCustomStatus('one');
            seen.push(ctx.getCustomStatus());
            await ctx.scheduleActivity('Echo', 1);
            seen.push(ctx.getCustomStatus());
            return ctx.continueAsNew(2);
          }
          seen.push(ctx.getCustomStatus());
          ctx.resetCustomStatus();
          seen.push(ctx.getCustomStatus());
          return 'done';
        });
      },
      { instanceCacheSize: 0, localActivities: false },
    );
    const id = uid('custom-status');
    await client.startOrchestration(id, 'Status', 1);
    assert.equal((await client.waitForOrchestration(id, 10_000)).output, 'done');
    // Generation 1 runs twice (the turn after the activity replays it): null, 'one', then
    // null, 'one', 'one' on replay; generation 2 inherits 'one' and resets to null.
    assert.deepEqual(seen, [null, 'one', null, 'one', 'one', 'one', null]);
  });

  test('ctx.getValue is null for a missing or cleared key and sees writes of the same turn', async (t) => {
    const { client } = await startHarness(t, (rt) => {
      rt.registerOrchestration('Kv', async (ctx: Ctx) => {
        const before = ctx.getValue('k');
        ctx.setValue('k', 'v');
        const written = ctx.getValue('k');
        const keys = ctx.getKvAllKeys();
        const length = ctx.getKvLength();
        ctx.clearValue('k');
        return {
          before,
          written,
          keys,
          length,
          cleared: ctx.getValue('k'),
          all: ctx.getKvAllValues(),
        };
      });
    });
    const id = uid('kv-null');
    await client.startOrchestration(id, 'Kv');
    assert.deepEqual((await client.waitForOrchestration(id, 10_000)).output, {
      before: null,
      written: 'v',
      keys: ['k'],
      length: 1,
      cleared: null,
      all: {},
    });
  });

  test('pruneKvValuesUpdatedBefore removes the keys last written before the cutoff and reports how many', async (t) => {
    const { client } = await startHarness(t, (rt) => {
      rt.registerOrchestration('Prune', async (ctx: Ctx, phase: string) => {
        if (phase === 'first') {
          ctx.setValue('old-a', '1');
          ctx.setValue('old-b', '2');
          return ctx.continueAsNew('second');
        }
        const cutoff = await ctx.utcNow();
        await ctx.scheduleTimer(5);
        ctx.setValue('fresh', '3');
        const removed = ctx.pruneKvValuesUpdatedBefore(cutoff);
        return { removed, keys: ctx.getKvAllKeys() };
      });
    });
    const id = uid('kv-prune');
    await client.startOrchestration(id, 'Prune', 'first');
    assert.deepEqual((await client.waitForOrchestration(id, 10_000)).output, {
      removed: 2,
      keys: ['fresh'],
    });
    assert.deepEqual(await client.getKvAllValues(id), { fresh: '3' });
  });

  test('a timer resolves with null, also inside all and race, so the results are plain JSON', async (t) => {
    const { client } = await startHarness(t, (rt) => {
      rt.registerActivity('Work', async (_c, x: string) => `done-${x}`);
      rt.registerOrchestration('Timers', async (ctx: Ctx) => {
        const alone = await ctx.scheduleTimer(1);
        const all = await ctx.all([ctx.scheduleActivity('Work', 'a'), ctx.scheduleTimer(1)]);
        const race = await ctx.race(ctx.scheduleTimer(1), ctx.waitForEvent('never'));
        return { alone, all, race };
      });
    });
    const id = uid('timer-null');
    await client.startOrchestration(id, 'Timers');
    assert.deepEqual((await client.waitForOrchestration(id, 10_000)).output, {
      alone: null,
      all: [{ ok: 'done-a' }, { ok: null }],
      race: { index: 0, value: null },
    });
  });

  test('ctx.all gives a failed task as { err: message }, so an all result can be the output', async (t) => {
    const { client } = await startHarness(t, (rt) => {
      rt.registerActivity('Ok', async () => 1);
      rt.registerActivity('Fail', async () => {
        throw new Error('no stock');
      });
      rt.registerOrchestration('Join', async (ctx: Ctx) =>
        ctx.all([ctx.scheduleActivity('Ok'), ctx.scheduleActivity('Fail')]),
      );
    });
    const id = uid('all-err');
    await client.startOrchestration(id, 'Join');
    const status = await client.waitForOrchestration(id, 10_000);
    assert.equal(status.status, 'Completed');
    assert.deepEqual(status.output, [{ ok: 1 }, { err: 'no stock' }]);
  });

  test('an activity scheduled without a session sees sessionId null', async (t) => {
    const { client } = await startHarness(t, (rt) => {
      rt.registerActivity('Which', async (ctx: ActivityContext) => ctx.sessionId);
      rt.registerOrchestration('Sessions', async (ctx: Ctx) => [
        await ctx.scheduleActivity('Which'),
        await ctx.scheduleActivityOnSession('Which', null, 's-9'),
      ]);
    });
    const id = uid('session-null');
    await client.startOrchestration(id, 'Sessions');
    assert.deepEqual((await client.waitForOrchestration(id, 10_000)).output, [null, 's-9']);
  });
});

describe('tags and worker-only runtimes', () => {
  test('withTag returns the same task and task.tag reads the tag back', async (t) => {
    const { client } = await startHarness(
      t,
      (rt) => {
        rt.registerActivity('Echo', async (ctx: ActivityContext, x: string) => `${x}:${ctx.tag()}`);
        rt.registerOrchestration('Tagged', async (ctx: Ctx) => {
          const task = ctx.scheduleActivity<string>('Echo', 'hi');
          const untagged = task.tag;
          const chained = task.withTag('cpu');
          return {
            same: chained === task,
            untagged: untagged ?? 'none',
            tag: task.tag,
            result: await chained,
          };
        });
      },
      { workerTagFilter: { defaultAnd: ['cpu'] } },
    );
    const id = uid('with-tag');
    await client.startOrchestration(id, 'Tagged');
    assert.deepEqual((await client.waitForOrchestration(id, 10_000)).output, {
      same: true,
      untagged: 'none',
      tag: 'cpu',
      result: 'hi:cpu',
    });
  });

  test('a runtime with orchestrationConcurrency 0 runs activities but no orchestration turns', async (t) => {
    const store = await testStore(t, 'sqlite');
    const provider = await store.open();
    const ran: string[] = [];
    const workerOnly = new Runtime(provider, {
      logLevel: 'off',
      orchestrationConcurrency: 0,
      workerTagFilter: { tags: ['gpu'] },
    });
    workerOnly.registerActivity('Train', async (_c, x: string) => {
      ran.push('worker-only');
      return `trained:${x}`;
    });
    workerOnly.registerOrchestration('Pipeline', async () => 'must not run here');
    await workerOnly.start();
    t.after(() => workerOnly.shutdown(2000));
    const client = new Client(provider);
    const id = uid('worker-only');
    await client.startOrchestration(id, 'Pipeline', 'data');
    await assert.rejects(client.waitForOrchestration(id, 300), TimeoutError);
    assert.equal(
      (await client.getStatus(id)).status,
      'NotFound',
      'no runtime took the start (orchestrationConcurrency 0): NotFound, as in duroxide-node',
    );

    const full = new Runtime(provider, { logLevel: 'off' });
    full.registerActivity('Train', async () => 'wrong runtime');
    full.registerOrchestration('Pipeline', async (ctx: Ctx, x: string) =>
      ctx.scheduleActivity('Train', x).withTag('gpu'),
    );
    await full.start();
    t.after(() => full.shutdown(2000));
    assert.equal((await client.waitForOrchestration(id, 10_000)).output, 'trained:data');
    assert.deepEqual(ran, ['worker-only']);
  });
});

describe('client read models as duroxide-node returns them', () => {
  test('history event data is JSON text: the payload itself for completions, an object of fields otherwise', async (t) => {
    const { client } = await startHarness(t, (rt) => {
      rt.registerActivity('Reverse', async (_c, x: { greeting: string }) => ({
        reversed: true,
        ...x,
      }));
      rt.registerOrchestration('History', async (ctx: Ctx, x: unknown) =>
        ctx.scheduleActivity('Reverse', x),
      );
    });
    const id = uid('history-data');
    await client.startOrchestration(id, 'History', { greeting: 'hello' });
    await client.waitForOrchestration(id, 10_000);
    const events = await client.readExecutionHistory(id, 1);
    const data = (kind: string): unknown => {
      const text = events.find((e) => e.kind === kind)?.data;
      assert.equal(typeof text, 'string', `${kind} has data text`);
      return JSON.parse(text!);
    };
    assert.deepEqual(data('OrchestrationStarted'), {
      name: 'History',
      version: '1.0.0',
      input: { greeting: 'hello' },
    });
    assert.deepEqual(data('ActivityScheduled'), { name: 'Reverse', input: { greeting: 'hello' } });
    assert.deepEqual(data('ActivityCompleted'), { reversed: true, greeting: 'hello' });
    assert.deepEqual(data('OrchestrationCompleted'), { reversed: true, greeting: 'hello' });
  });

  for (const kind of STORE_KINDS) {
    test(`orchestration stats count a string KV value's own UTF-8 bytes, without JSON quotes (${kind})`, async (t: TestContext) => {
      const store = await testStore(t, kind);
      const provider = await store.open();
      const runtime = new Runtime(provider, { logLevel: 'off' });
      runtime.registerOrchestration('Stats', async (ctx: Ctx) => {
        ctx.setValue('text', 'hello-wörld');
        ctx.setValue('number', 12345);
        return 'ok';
      });
      await runtime.start();
      t.after(() => runtime.shutdown(2000));
      const client = new Client(provider);
      assert.equal(await client.getOrchestrationStats(uid('missing')), null);
      const id = uid('stats');
      await client.startOrchestration(id, 'Stats');
      await client.waitForOrchestration(id, 10_000);
      const stats = await client.getOrchestrationStats(id);
      assert.equal(stats?.kvUserKeyCount, 2);
      assert.equal(stats?.kvTotalValueBytes, Buffer.byteLength('hello-wörld') + '12345'.length);
      assert.ok((stats?.historyEventCount ?? 0) >= 2);
    });
  }

  test('waitForOrchestration says it timed out when the instance is still running at the deadline', async (t) => {
    const { client } = await startHarness(t, (rt) =>
      rt.registerOrchestration('Wait', async (ctx: Ctx) => ctx.waitForEvent('never')),
    );
    const id = uid('timed-out');
    await client.startOrchestration(id, 'Wait');
    await assert.rejects(
      client.waitForOrchestration(id, 50),
      (e: unknown) =>
        e instanceof TimeoutError && /timed out/.test(e.message) && e.message.includes(id),
    );
  });

  test('the size constants have duroxide-node values', () => {
    assert.deepEqual(
      [MAX_KV_KEYS, MAX_KV_VALUE_BYTES, MAX_WORKER_TAGS, MAX_TAG_NAME_BYTES],
      [150, 65_536, 5, 256],
    );
  });
});
