/**
 * `replayHistory`: an instance's exported history (the management API's NDJSON, its parsed
 * lines, a test environment's history, stored events) replays on changed code: a compatible
 * change passes; a breaking one fails with the same per-execution report as
 * `runtime.checkReplay`; continue-as-new executions replay with the KV state they started with.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import {
  Client,
  createManagementServer,
  Runtime,
  SqliteProvider,
  type OrchestrationContext,
} from '../../src/index.js';
import {
  createTestEnvironment,
  replayHistory,
  ReplayHistoryError,
} from '../../src/testing/index.js';

const DAY = 86_400_000;

const orderV1 = async (ctx: OrchestrationContext, sku: string): Promise<string> => {
  const reservation = await ctx.scheduleActivity<string>('Reserve', sku);
  await ctx.scheduleTimer(DAY);
  return ctx.scheduleActivity<string>('Charge', reservation);
};

/** Compatible: the same calls in the same order, as a generator, plus a step after the last one. */
function* orderV1Refactored(
  ctx: OrchestrationContext,
  sku: string,
): Generator<unknown, string, string> {
  const reservation = yield ctx.scheduleActivity('Reserve', sku);
  yield ctx.scheduleTimer(DAY);
  const receipt = yield ctx.scheduleActivity('Charge', reservation);
  yield ctx.scheduleActivity('Notify', receipt);
  return `receipt ${receipt}`;
}

/** Breaking: a new step before the first recorded one. */
const orderValidatesFirst = async (ctx: OrchestrationContext, sku: string): Promise<string> => {
  await ctx.scheduleActivity('Validate', sku);
  return orderV1(ctx, sku);
};

const ACTIVITIES = {
  Reserve: (_ctx: unknown, sku: string) => `res-${sku}`,
  Charge: (_ctx: unknown, reservation: string) => `paid-${reservation}`,
};

/** Runs Order (v1) to completion in a test environment; returns its NDJSON export. */
async function completedOrderExport(t: TestContext): Promise<string> {
  const env = await createTestEnvironment({
    orchestrations: { Order: orderV1 },
    activities: ACTIVITIES,
  });
  t.after(() => env.close());
  const id = await env.start('Order', 'sku-1');
  assert.equal((await env.waitFor(id)).output, 'paid-res-sku-1');
  return env.exportHistory(id);
}

/**
 * An Order (v1) instance left running on its timer in a real runtime and store, with the
 * management server and client over that store.
 */
async function runningOrder(t: TestContext): Promise<{
  provider: SqliteProvider;
  instanceId: string;
  exportUrl: string;
}> {
  const provider = await SqliteProvider.inMemory();
  const runtime = new Runtime(provider, { logLevel: 'error' });
  runtime.registerOrchestration('Order', orderV1);
  runtime.registerActivity('Reserve', ACTIVITIES.Reserve);
  const client = new Client(provider);
  const server = await createManagementServer({ client }).listen();
  t.after(async () => {
    await server.close();
    await runtime.shutdown(1000);
    await provider.close();
  });
  await runtime.start();
  const instanceId = `order-running-${randomUUID()}`;
  await client.startOrchestration(instanceId, 'Order', 'sku-2');
  for (let i = 0; i < 500; i++) {
    const kinds = (await client.readExecutionHistory(instanceId, 1).catch(() => [])).map(
      (e) => e.kind,
    );
    if (kinds.includes('TimerCreated')) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    provider,
    instanceId,
    exportUrl: `${server.url}/api/v1/instances/${instanceId}/export`,
  };
}

test('a compatible change replays a completed instance exported as NDJSON', async (t) => {
  const exported = await completedOrderExport(t);
  const report = await replayHistory({ Order: orderV1Refactored }, exported);
  assert.deepEqual(
    report.results.map((r) => [r.executionId, r.orchestrationName, r.outcome]),
    [[1, 'Order', 'ok']],
  );
});

test('a breaking change fails with the divergence: event, what history has, what the code did', async (t) => {
  const exported = await completedOrderExport(t);
  const error = await replayHistory({ Order: orderValidatesFirst }, exported).then(
    () => assert.fail('the breaking change replayed'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ReplayHistoryError);
  assert.equal(error.code, 'NONDETERMINISM');
  assert.match(error.message, /execution 1 \(Order@1\.0\.0\): diverged: diverges at event 2/);
  const [result] = error.results;
  assert.equal(result?.outcome, 'diverged');
  assert.equal(result.eventId, 2);
  assert.equal(result.expected, "activity 'Reserve'");
  assert.match(result.actual ?? '', /activity 'Validate'/);
});

test('the report of a breaking change equals runtime.checkReplay on the running instance', async (t) => {
  const { provider, instanceId, exportUrl } = await runningOrder(t);
  const ndjson = await (await fetch(exportUrl)).text();
  const checker = new Runtime(provider, { logLevel: 'error' });
  checker.registerOrchestration('Order', orderValidatesFirst);
  const checked = await checker.checkReplay({ instanceIds: [instanceId] });
  assert.equal(checked.results[0]?.outcome, 'diverged');
  await assert.rejects(
    replayHistory({ Order: orderValidatesFirst }, ndjson, { instanceId }),
    (e: unknown) => {
      assert.ok(e instanceof ReplayHistoryError);
      assert.deepEqual(e.results, checked.results);
      return true;
    },
  );
});

test('an exported history round-trips through the API NDJSON, its parsed lines and stored events', async (t) => {
  const { provider, instanceId, exportUrl } = await runningOrder(t);
  const response = await fetch(exportUrl);
  assert.equal(response.headers.get('content-type'), 'application/x-ndjson');
  const ndjson = await response.text();
  const lines = ndjson
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as unknown);
  const stored = await provider.readHistory(instanceId, 1);
  const expected = [
    { instanceId, executionId: 1, orchestrationName: 'Order', orchestrationVersion: '1.0.0' },
  ];
  const forms = [
    ndjson,
    lines,
    JSON.stringify(lines),
    stored,
    { executions: [{ executionId: 1, events: lines }] },
  ];
  for (const form of forms) {
    const report = await replayHistory({ Order: orderV1Refactored }, form, { instanceId });
    assert.deepEqual(
      report.results.map((r) => ({
        instanceId: r.instanceId,
        executionId: r.executionId,
        orchestrationName: r.orchestrationName,
        orchestrationVersion: r.orchestrationVersion,
      })),
      expected,
    );
    assert.deepEqual(
      report.results.map((r) => r.outcome),
      ['ok'],
    );
  }
  // Stored events name their instance: no option needed.
  assert.equal((await replayHistory({ Order: orderV1 }, stored)).instanceId, instanceId);
});

const counter = async (ctx: OrchestrationContext, round: number): Promise<number> => {
  const count = ctx.getValue<number>('count') ?? 0;
  await ctx.scheduleActivity('Tick', count);
  ctx.setValue('count', count + 1);
  if (round < 3) return ctx.continueAsNew(round + 1);
  return count + 1;
};

test('every execution of a continue-as-new loop replays with the KV state it started with', async (t) => {
  const env = await createTestEnvironment({
    orchestrations: { Counter: counter },
    activities: { Tick: () => null },
  });
  t.after(() => env.close());
  const id = await env.start('Counter', 1);
  assert.equal((await env.waitFor(id)).output, 3);
  const report = await replayHistory({ Counter: counter }, await env.history(id));
  assert.deepEqual(
    report.results.map((r) => [r.executionId, r.outcome]),
    [
      [1, 'ok'],
      [2, 'ok'],
      [3, 'ok'],
    ],
  );
  const forgetful = async (ctx: OrchestrationContext, round: number): Promise<number> => {
    await ctx.scheduleActivity('Tick', 0);
    ctx.setValue('count', 1);
    return round < 3 ? ctx.continueAsNew(round + 1) : 1;
  };
  await assert.rejects(replayHistory({ Counter: forgetful }, await env.history(id)), (e) => {
    assert.ok(e instanceof ReplayHistoryError);
    assert.deepEqual(
      e.results.map((r) => [r.executionId, r.outcome]),
      [
        [1, 'ok'],
        [2, 'diverged'],
        [3, 'diverged'],
      ],
    );
    return true;
  });
});

test('a recorded version the orchestrations do not register is reported as unregistered', async (t) => {
  const exported = await completedOrderExport(t);
  await assert.rejects(replayHistory({ Order: { '2.0.0': orderV1 } }, exported), (e: unknown) => {
    assert.ok(e instanceof ReplayHistoryError);
    assert.equal(e.code, 'VERSION_NOT_REGISTERED');
    assert.equal(e.results[0]?.outcome, 'unregistered');
    assert.match(e.message, /no code registered here for Order@1\.0\.0/);
    return true;
  });
});

test('replayHistory refuses input that is not an exported history, naming the line', async () => {
  await assert.rejects(replayHistory({ Order: orderV1 }, 'not json\n'), {
    code: 'INVALID_INPUT',
    message: /line 1 is not JSON/,
  });
  await assert.rejects(replayHistory({ Order: orderV1 }, ''), {
    code: 'INVALID_INPUT',
    message: /has no events/,
  });
  await assert.rejects(replayHistory({ Order: orderV1 }, [{ eventId: 1 }]), {
    code: 'INVALID_INPUT',
    message: /entry 1 has neither kind nor type/,
  });
});

test('code that uses ctx.instanceId replays with the id found in sub-orchestration ids', async (t) => {
  const parent = async (ctx: OrchestrationContext): Promise<string> => {
    await ctx.scheduleActivity('Audit', ctx.instanceId);
    return ctx.scheduleSubOrchestration<string>('Child', null);
  };
  const env = await createTestEnvironment({
    orchestrations: { Parent: parent, Child: () => 'child done' },
    activities: { Audit: () => null },
  });
  t.after(() => env.close());
  const id = await env.start('Parent', null, { instanceId: `parent-${randomUUID()}` });
  assert.equal((await env.waitFor(id)).output, 'child done');
  const exported = await env.exportHistory(id);
  const report = await replayHistory({ Parent: parent }, exported);
  assert.equal(report.instanceId, id);
  assert.deepEqual(
    report.results.map((r) => r.outcome),
    ['ok'],
  );
  await assert.rejects(replayHistory({ Parent: parent }, exported, { instanceId: 'another-id' }), {
    code: 'NONDETERMINISM',
    message: /input/,
  });
});

test('an instanceId inside a payload is not taken for the instance id of an export', async (t) => {
  const echo = (_ctx: OrchestrationContext, input: { instanceId: string }): string =>
    input.instanceId;
  const env = await createTestEnvironment({ orchestrations: { Echo: echo } });
  t.after(() => env.close());
  const id = await env.start('Echo', { instanceId: 'not-this-one' });
  await env.waitFor(id);
  const report = await replayHistory({ Echo: echo }, await env.exportHistory(id));
  assert.equal(report.instanceId, 'replayed-instance');
});
