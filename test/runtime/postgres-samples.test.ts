/**
 * The core samples end to end on PostgreSQL: one Runtime and a Client that talk only through
 * the database — each has its own PostgresProvider on the same schema, so every start, event
 * and completion crosses providers through LISTEN/NOTIFY, as between machines.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, Runtime, type OrchestrationContext } from '../../src/index.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import { uid } from '../helpers/runtime-harness.js';
import { dropSchema, postgresServer, uniqueSchemaName } from '../helpers/postgres-cluster.js';
import { eventually } from '../helpers/eventually.js';

type Ctx = OrchestrationContext;

const WAIT_MS = 15_000;

let url = '';
const schema = uniqueSchemaName('samples');
let runtimeProvider: PostgresProvider | undefined;
let clientProvider: PostgresProvider | undefined;
let runtime: Runtime | undefined;
let client: Client;

function register(rt: Runtime): void {
  rt.registerActivity('Greet', async (_ctx, name: string) => `Hello, ${name}!`);
  rt.registerActivity('Add', async (_ctx, x: { a: number; b: number }) => x.a + x.b);
  rt.registerActivity('Double', async (_ctx, n: number) => n * 2);

  rt.registerOrchestration('Hello', async (ctx: Ctx, name: string) => ctx.scheduleActivity('Greet', name));
  rt.registerOrchestration('Chain', async (ctx: Ctx, n: number) => {
    let v = n;
    for (let i = 0; i < 5; i++) v = await ctx.scheduleActivity<number>('Double', v);
    return v;
  });
  rt.registerOrchestration('FanOut', async (ctx: Ctx, n: number) => {
    const results = await Promise.all(Array.from({ length: n }, (_, i) => ctx.scheduleActivity<number>('Add', { a: i, b: 1 })));
    return results.reduce((s, x) => s + x, 0);
  });
  rt.registerOrchestration('Sleep', async (ctx: Ctx, ms: number) => {
    const before = await ctx.utcNow();
    await ctx.scheduleTimer(ms);
    const after = await ctx.utcNow();
    return after - before;
  });
  rt.registerOrchestration('Approval', async (ctx: Ctx, timeoutMs: number) => {
    const r = await ctx.race(ctx.waitForEvent<string>('Approve'), ctx.scheduleTimer(timeoutMs));
    return r.index === 0 ? `approved by ${String(r.value)}` : 'timed out';
  });
  rt.registerOrchestration('Child', async (ctx: Ctx, n: number) => ctx.scheduleActivity<number>('Double', n));
  rt.registerOrchestration('Parent', async (ctx: Ctx, n: number) => {
    const a = await ctx.scheduleSubOrchestration<number>('Child', n);
    const b = await ctx.scheduleSubOrchestrationWithId<number>('Child', `${ctx.instanceId}-explicit`, a);
    return [a, b];
  });
  rt.registerOrchestration('Counter', async (ctx: Ctx, n: number) => {
    const next = await ctx.scheduleActivity<number>('Add', { a: n, b: 1 });
    if (next < 4) return ctx.continueAsNew(next);
    return `done at ${next} in execution ${ctx.executionId}`;
  });
  rt.registerOrchestration('WaitForever', async (ctx: Ctx) => ctx.waitForEvent('never'));
}

before(async () => {
  url = (await postgresServer()).url;
  runtimeProvider = await PostgresProvider.connectWithSchema(url, schema);
  clientProvider = await PostgresProvider.connectWithSchema(url, schema);
  // A long poll interval: only NOTIFY wake-ups can make these tests fast.
  const rt = new Runtime(runtimeProvider, { logLevel: 'off', dispatcherPollIntervalMs: 10_000 });
  runtime = rt;
  register(rt);
  await rt.start();
  client = new Client(clientProvider);
});

after(async () => {
  // Optional chaining: `before` may have failed half way (then its error is the one reported).
  await runtime?.shutdown(2_000);
  await runtimeProvider?.close();
  await clientProvider?.close();
  if (url !== '') await dropSchema(url, schema);
});

async function waitForHistory(id: string, kind: string): Promise<void> {
  await eventually(`${id} to record ${kind}`, async () =>
    (await client.readExecutionHistory(id, 1).catch(() => [])).some((e) => e.kind === kind),
  );
}

describe('samples on PostgreSQL (client and runtime on separate providers)', () => {
  test('hello world completes with the activity output', async () => {
    const id = uid('pg-hello');
    await client.startOrchestration(id, 'Hello', 'World');
    // Well under the 10 s poll interval: the start woke the runtime through NOTIFY.
    const s = await client.waitForOrchestration(id, 5_000);
    assert.deepEqual(s, { status: 'Completed', output: 'Hello, World!', customStatusVersion: 0 });
  });

  test('a chain passes each result to the next activity', async () => {
    const id = uid('pg-chain');
    await client.startOrchestration(id, 'Chain', 3);
    assert.equal((await client.waitForOrchestration(id, WAIT_MS)).output, 96);
  });

  test('fan-out/fan-in sums ten parallel activities', async () => {
    const id = uid('pg-fan');
    await client.startOrchestration(id, 'FanOut', 10);
    assert.equal((await client.waitForOrchestration(id, WAIT_MS)).output, 55);
    const history = await client.readExecutionHistory(id, 1);
    assert.equal(history.filter((e) => e.kind === 'ActivityCompleted').length, 10);
  });

  test('a durable timer delays the orchestration and never fires early', async () => {
    const id = uid('pg-timer');
    await client.startOrchestration(id, 'Sleep', 300);
    const s = await client.waitForOrchestration<number>(id, WAIT_MS);
    assert.equal(s.status, 'Completed');
    assert.ok(s.output! >= 300, `timer fired after ${s.output} ms`);
  });

  test('an external event that arrives first wins the race against a timer', async () => {
    const id = uid('pg-approval-event');
    await client.startOrchestration(id, 'Approval', 60_000);
    await waitForHistory(id, 'ExternalSubscribed');
    await client.raiseEvent(id, 'Approve', 'alice');
    assert.equal((await client.waitForOrchestration(id, WAIT_MS)).output, 'approved by alice');
  });

  test('a timer that fires first wins the race against an external event', async () => {
    const id = uid('pg-approval-timeout');
    await client.startOrchestration(id, 'Approval', 200);
    assert.equal((await client.waitForOrchestration(id, WAIT_MS)).output, 'timed out');
  });

  test("a sub-orchestration's result flows back to the parent", async () => {
    const id = uid('pg-parent');
    await client.startOrchestration(id, 'Parent', 5);
    assert.deepEqual((await client.waitForOrchestration(id, WAIT_MS)).output, [10, 20]);
    const child = await client.getInstanceInfo(`${id}-explicit`);
    assert.equal(child.parentInstanceId, id);
    assert.equal(child.status, 'Completed');
    assert.deepEqual(await client.getInstanceTree(id).then((tree) => tree.allIds.length), 3);
  });

  test('continue-as-new loops through executions, each with its own history', async () => {
    const id = uid('pg-can');
    await client.startOrchestration(id, 'Counter', 0);
    assert.equal((await client.waitForOrchestration(id, WAIT_MS)).output, 'done at 4 in execution 4');
    assert.deepEqual(await client.listExecutions(id), [1, 2, 3, 4]);
    const first = await client.getExecutionInfo(id, 1);
    assert.equal(first.status, 'ContinuedAsNew');
    const h2 = await client.readExecutionHistory(id, 2);
    assert.equal(h2[0]?.kind, 'OrchestrationStarted');
    assert.equal(h2.at(-1)?.kind, 'OrchestrationContinuedAsNew');
  });

  test('cancelling a running orchestration fails it as canceled', async () => {
    const id = uid('pg-cancel');
    await client.startOrchestration(id, 'WaitForever');
    await waitForHistory(id, 'ExternalSubscribed');
    await client.cancelInstance(id, 'user request');
    const s = await client.waitForOrchestration(id, WAIT_MS);
    assert.equal(s.status, 'Failed');
    assert.equal(s.error, 'canceled: user request');
  });
});
