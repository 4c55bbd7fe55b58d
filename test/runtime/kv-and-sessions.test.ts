/**
 * Key-value state and activity sessions end to end on SQLite.
 */
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  Client,
  Runtime,
  SqliteProvider,
  type ActivityContext,
  type OrchestrationContext,
  type RuntimeOptions,
} from '../../src/index.js';
import { startHarness, uid } from '../helpers/runtime-harness.js';
import { eventually } from '../helpers/eventually.js';

type Ctx = OrchestrationContext;

describe('key-value state', () => {
  test('values set by an orchestration are visible to clients and survive continue-as-new', async (t) => {
    const { client } = await startHarness(t, (rt) => {
      rt.registerActivity('Noop', async () => null);
      rt.registerOrchestration('Counter', async (ctx: Ctx, rounds: number) => {
        const n = (ctx.getValue<number>('count') ?? 0) + 1; // read-modify-write across executions
        ctx.setValue('count', n);
        ctx.setValue(`round-${n}`, { at: n });
        await ctx.scheduleActivity('Noop');
        if (n < rounds) return ctx.continueAsNew(rounds);
        ctx.clearValue('round-1');
        return ctx.getKvAllValues();
      });
    });
    const id = uid('kv');
    await client.startOrchestration(id, 'Counter', 3);
    assert.equal(
      await client.waitForValue(id, 'round-2', 10_000).then((v) => JSON.stringify(v)),
      '{"at":2}',
    );
    const s = await client.waitForOrchestration(id, 10_000);
    assert.deepEqual(s.output, { count: 3, 'round-2': { at: 2 }, 'round-3': { at: 3 } });
    assert.equal(await client.getValue(id, 'count'), 3);
    assert.equal(await client.getValue(id, 'round-1'), null);
    assert.deepEqual(await client.getKvAllValues(id), {
      count: 3,
      'round-2': { at: 2 },
      'round-3': { at: 3 },
    });
    assert.equal(await client.getValue('no-such-instance', 'count'), null);
    const stats = await client.getOrchestrationStats(id);
    assert.equal(stats?.kvUserKeyCount, 3);
  });

  test('an orchestration reads another instance’s value through a recorded call', async (t) => {
    const { client } = await startHarness(t, (rt) => {
      rt.registerOrchestration('Owner', async (ctx: Ctx) => {
        ctx.setValue('config', { retries: 3 });
        return ctx.waitForEvent('done');
      });
      rt.registerOrchestration('Reader', async (ctx: Ctx, owner: string) => [
        await ctx.getValueFromInstance(owner, 'config'),
        await ctx.getValueFromInstance(owner, 'missing'),
      ]);
    });
    const owner = uid('owner');
    await client.startOrchestration(owner, 'Owner');
    await client.waitForValue(owner, 'config', 10_000);
    const reader = uid('reader');
    await client.startOrchestration(reader, 'Reader', owner);
    assert.deepEqual((await client.waitForOrchestration(reader, 10_000)).output, [
      { retries: 3 },
      null,
    ]);
  });

  test('deleting an instance deletes its key-value state', async (t) => {
    const { client } = await startHarness(t, (rt) =>
      rt.registerOrchestration('Keeps', async (ctx: Ctx) => {
        ctx.setValue('k', 'v');
        return 'done';
      }),
    );
    const id = uid('kv-delete');
    await client.startOrchestration(id, 'Keeps');
    await client.waitForOrchestration(id, 10_000);
    assert.equal(await client.getValue(id, 'k'), 'v');
    await client.deleteInstance(id);
    assert.equal(await client.getValue(id, 'k'), null);
  });
});

describe('activity sessions', () => {
  interface Node {
    readonly client: Client;
    readonly runtime: Runtime;
    readonly stop: () => Promise<void>;
  }
  async function nodeOn(
    t: TestContext,
    file: string,
    name: string,
    log: { node: string; session: string | null }[],
    options: RuntimeOptions = {},
  ): Promise<Node> {
    const provider = await SqliteProvider.open(`sqlite:${file}`);
    const runtime = new Runtime(provider, { logLevel: 'off', workerNodeId: name, ...options });
    runtime.registerActivity('Work', async (ctx: ActivityContext, ms: number) => {
      log.push({ node: name, session: ctx.sessionId });
      await sleep(ms);
      return name;
    });
    runtime.registerOrchestration(
      'Conversation',
      async (ctx: Ctx, input: { session: string; turns: number; ms: number }) => {
        const nodes: string[] = [];
        for (let i = 0; i < input.turns; i++)
          nodes.push(await ctx.scheduleActivityOnSession<string>('Work', input.ms, input.session));
        return nodes;
      },
    );
    await runtime.start();
    let stopped = false;
    const stop = async (): Promise<void> => {
      if (stopped) return;
      stopped = true;
      await runtime.shutdown(1000);
      await provider.close();
    };
    t.after(stop);
    return { client: new Client(provider), runtime, stop };
  }
  const file = (t: TestContext): string => {
    const dir = mkdtempSync(join(tmpdir(), 'duroxide-sessions-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    return join(dir, 'sessions.db');
  };

  test('activities of one session run on the runtime that owns it, across two runtimes', async (t) => {
    const f = file(t);
    const log: { node: string; session: string | null }[] = [];
    const a = await nodeOn(t, f, 'node-a', log);
    await nodeOn(t, f, 'node-b', log);
    const ids = ['s1', 's2', 's3', 's4'].map((s) => ({ id: uid(`conv-${s}`), session: s }));
    for (const { id, session } of ids)
      await a.client.startOrchestration(id, 'Conversation', { session, turns: 5, ms: 5 });
    for (const { id } of ids) {
      const out = (await a.client.waitForOrchestration<string[]>(id, 15_000)).output!;
      assert.equal(new Set(out).size, 1, `one session stayed on one node: ${out.join(',')}`);
    }
    for (const s of ['s1', 's2', 's3', 's4']) {
      assert.equal(new Set(log.filter((l) => l.session === s).map((l) => l.node)).size, 1);
    }
  });

  test('another runtime takes a session over after its owner stops and the lease expires', async (t) => {
    const f = file(t);
    const log: { node: string; session: string | null }[] = [];
    const options = {
      sessionLockTimeoutMs: 300,
      workerLockTimeoutMs: 300,
      sessionIdleTimeoutMs: 1000,
    };
    const a = await nodeOn(t, f, 'node-a', log, options);
    const id = uid('takeover');
    await a.client.startOrchestration(id, 'Conversation', { session: 'sticky', turns: 6, ms: 100 });
    await (async () => {
      await eventually('both session activities to run', () => log.length >= 2);
    })();
    await a.stop(); // the owner goes away mid-conversation
    const b = await nodeOn(t, f, 'node-b', log, options);
    const out = (await b.client.waitForOrchestration<string[]>(id, 15_000)).output!;
    assert.equal(out[0], 'node-a');
    assert.equal(out.at(-1), 'node-b');
  });

  test('maxSessionsPerRuntime bounds the distinct sessions in flight on one runtime', async (t) => {
    const f = file(t);
    let active = new Set<string>();
    let maxActive = 0;
    const provider = await SqliteProvider.open(`sqlite:${f}`);
    const runtime = new Runtime(provider, {
      logLevel: 'off',
      workerNodeId: 'solo',
      maxSessionsPerRuntime: 2,
      workerConcurrency: 8,
    });
    runtime.registerActivity('Work', async (ctx: ActivityContext) => {
      active.add(ctx.sessionId!);
      maxActive = Math.max(maxActive, active.size);
      await sleep(30);
      active = new Set([...active].filter((s) => s !== ctx.sessionId));
      return ctx.sessionId;
    });
    runtime.registerOrchestration('Fan', async (ctx: Ctx) =>
      Promise.all(['x', 'y', 'z', 'w'].map((s) => ctx.scheduleActivityOnSession('Work', null, s))),
    );
    await runtime.start();
    t.after(async () => {
      await runtime.shutdown(1000);
      await provider.close();
    });
    const client = new Client(provider);
    const id = uid('fan-sessions');
    await client.startOrchestration(id, 'Fan');
    assert.deepEqual((await client.waitForOrchestration(id, 15_000)).output, ['x', 'y', 'z', 'w']);
    assert.ok(maxActive <= 2, `at most 2 sessions at once, saw ${maxActive}`);
  });

  test('an invalid session configuration is refused at construction', async () => {
    const provider = await SqliteProvider.inMemory();
    try {
      assert.throws(
        () => new Runtime(provider, { workerLockTimeoutMs: 30_000, sessionIdleTimeoutMs: 1000 }),
        /sessionIdleTimeoutMs \(1000\) must be greater than the worker lock renewal interval/,
      );
      assert.throws(
        () => new Runtime(provider, { maxSessionsPerRuntime: 0 }),
        /maxSessionsPerRuntime must be an integer from 1 to 10000/,
      );
    } finally {
      await provider.close();
    }
  });
});
