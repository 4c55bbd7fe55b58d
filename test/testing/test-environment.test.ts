/**
 * The test environment's API: typed runs of async and generator orchestrations, events and
 * queue messages, activity mocks per test, recorded activity calls, history helpers, versions,
 * and closing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OrchestrationContext } from '../../src/index.js';
import { eventually } from '../helpers/eventually.js';
import { createTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';

const greet = async (ctx: OrchestrationContext, name: string): Promise<string> =>
  ctx.scheduleActivity<string>('Greet', name);

function* greetTwice(ctx: OrchestrationContext, name: string): Generator<unknown, string, string> {
  const first = yield ctx.scheduleActivity('Greet', name);
  const second = yield ctx.scheduleActivity('Greet', `${name} again`);
  return `${first} / ${second}`;
}

const ORCHESTRATIONS = { Greet: greet, GreetTwice: greetTwice };
const ACTIVITIES = { Greet: (_ctx: unknown, name: string) => `Hello, ${name}` };

async function environment(t: {
  after: (fn: () => Promise<void>) => void;
}): Promise<TestEnvironment<typeof ORCHESTRATIONS>> {
  const env = await createTestEnvironment({
    orchestrations: ORCHESTRATIONS,
    activities: ACTIVITIES,
  });
  t.after(() => env.close());
  return env;
}

test('run returns the output of an async orchestration', async (t) => {
  const env = await environment(t);
  const output: string = await env.run('Greet', 'ada');
  assert.equal(output, 'Hello, ada');
});

test('run returns the output of a generator orchestration', async (t) => {
  const env = await environment(t);
  assert.equal(await env.run('GreetTwice', 'ada'), 'Hello, ada / Hello, ada again');
});

test('run rejects with the stored error when the orchestration fails', async (t) => {
  const env = await environment(t);
  env.mockActivity('Greet', () => {
    throw new Error('greeter down');
  });
  await assert.rejects(env.run('Greet', 'ada'), {
    code: 'ORCHESTRATION_FAILED',
    message: /greeter down/,
  });
});

test('a mocked activity replaces the registered one until it is restored', async (t) => {
  const env = await environment(t);
  const restore = env.mockActivity('Greet', (_ctx, name: string) => `Mocked, ${name}`);
  assert.equal(await env.run('Greet', 'ada'), 'Mocked, ada');
  restore();
  assert.equal(await env.run('Greet', 'bob'), 'Hello, bob');
});

test('an activity can be mocked without a registered implementation', async (t) => {
  const env = await createTestEnvironment({
    orchestrations: { Pay: (ctx: OrchestrationContext) => ctx.scheduleActivity('Charge', 42) },
  });
  t.after(() => env.close());
  env.mockActivity('Charge', (_ctx, amount: number) => ({ charged: amount }));
  assert.deepEqual(await env.run('Pay'), { charged: 42 });
});

test('activityCalls records each call with its instance, input and outcome', async (t) => {
  const env = await environment(t);
  const id = await env.start('GreetTwice', 'ada');
  await env.waitFor(id);
  assert.deepEqual(
    env.activityCalls('Greet').map((c) => [c.instanceId, c.executionId, c.input, c.outcome]),
    [
      [id, 1, 'ada', { status: 'completed', output: 'Hello, ada' }],
      [id, 1, 'ada again', { status: 'completed', output: 'Hello, ada again' }],
    ],
  );
  assert.deepEqual(env.activityCalls('Other'), []);
});

test('raiseEvent and enqueue reach the instance', async (t) => {
  const env = await createTestEnvironment({
    orchestrations: {
      Inbox: async (ctx: OrchestrationContext) => {
        const event = await ctx.waitForEvent<string>('Go');
        const message = await ctx.dequeueEvent<string>('inbox');
        return `${event}+${message}`;
      },
    },
  });
  t.after(() => env.close());
  const id = await env.start('Inbox', undefined, { instanceId: 'inbox-1' });
  assert.equal(id, 'inbox-1');
  await env.raiseEvent(id, 'Go', 'go');
  await env.enqueue(id, 'inbox', 'hello');
  assert.deepEqual(await env.waitFor(id), {
    status: 'Completed',
    output: 'go+hello',
    customStatusVersion: 0,
  });
});

test('history lists every event of every execution with decoded payloads', async (t) => {
  const env = await createTestEnvironment({
    orchestrations: {
      Twice: async (ctx: OrchestrationContext, n: number) =>
        n === 1 ? ctx.continueAsNew(2) : { n },
    },
  });
  t.after(() => env.close());
  const id = await env.start('Twice', 1);
  await env.waitFor(id);
  const history = await env.history(id);
  assert.deepEqual(
    history.map((e) => [e.executionId, e.kind]),
    [
      [1, 'OrchestrationStarted'],
      [1, 'OrchestrationContinuedAsNew'],
      [2, 'OrchestrationStarted'],
      [2, 'OrchestrationCompleted'],
    ],
  );
  assert.deepEqual(history[0]?.data, { name: 'Twice', version: '1.0.0', input: 1 });
  assert.deepEqual(history[3]?.data, { output: { n: 2 } });
  const lines = (await env.exportHistory(id)).trimEnd().split('\n');
  assert.deepEqual(
    lines.map((l) => JSON.parse(l) as unknown),
    history,
  );
});

test('start runs the version asked for, and versioned orchestrations register side by side', async (t) => {
  const env = await createTestEnvironment({
    orchestrations: {
      Which: { '1.0.0': () => 'one', '2.0.0': () => 'two' },
    },
  });
  t.after(() => env.close());
  assert.equal(await env.run('Which'), 'two');
  assert.equal(await env.run('Which', undefined, { version: '1.0.0' }), 'one');
});

test('register adds registrations of the app itself', async (t) => {
  const env = await createTestEnvironment({
    register: (runtime) =>
      runtime.registerOrchestration('Own', async (ctx) => ctx.scheduleActivity('OwnStep', 1)),
    activities: { OwnStep: (_ctx, n: number) => n + 1 },
  });
  t.after(() => env.close());
  assert.equal(await env.run('Own'), 2);
});

test('startAt sets the virtual time orchestrations see', async (t) => {
  const startAt = Date.UTC(2030, 0, 1);
  const env = await createTestEnvironment({
    orchestrations: { Now: (ctx: OrchestrationContext) => ctx.utcNow() },
    startAt: new Date(startAt),
  });
  t.after(() => env.close());
  const now: number = await env.run('Now');
  assert.ok(now >= startAt && now < startAt + 60_000, `now ${new Date(now).toISOString()}`);
});

test('close is idempotent and is also the async dispose', async () => {
  const env = await createTestEnvironment({ orchestrations: { Greet: greet } });
  await env[Symbol.asyncDispose]();
  await env.close();
  await assert.rejects(env.client.getStatus('any'), { code: 'PROVIDER_ERROR' });
});

test('advanceTime refuses a malformed duration', async (t) => {
  const env = await environment(t);
  await assert.rejects(env.advanceTime('1 day'), {
    code: 'INVALID_INPUT',
    message: /'1d', '2h30m' or '500ms'/,
  });
  await assert.rejects(env.advanceTime(-1), { code: 'INVALID_INPUT' });
});

test('advanceTime accepts combined units and milliseconds', async (t) => {
  const env = await environment(t);
  const before = env.now();
  await env.advanceTime('1d2h30m');
  await env.advanceTime(500);
  assert.ok(env.now() - before >= 86_400_000 + 2.5 * 3_600_000 + 500);
});

test('createTestEnvironment refuses malformed options before starting anything', async () => {
  await assert.rejects(createTestEnvironment({ autoSkip: 'yes' as unknown as boolean }), {
    code: 'INVALID_INPUT',
    message: /autoSkip must be a boolean/,
  });
  await assert.rejects(createTestEnvironment({ idleTimeoutMs: -1 }), {
    code: 'INVALID_INPUT',
    message: /idleTimeoutMs/,
  });
  await assert.rejects(createTestEnvironment({ startAt: Number.NaN }), {
    code: 'INVALID_INPUT',
    message: /startAt/,
  });
  await assert.rejects(
    createTestEnvironment({ orchestrations: { Bad: { 'not-semver': greet } } }),
    { code: 'INVALID_REGISTRATION', message: /semver/ },
  );
});

/** Compiled, never run: inputs and outputs are typed from the orchestrations. */
export async function typedUsage(env: TestEnvironment<typeof ORCHESTRATIONS>): Promise<void> {
  const output: string = await env.run('GreetTwice', 'ada');
  // @ts-expect-error Greet takes a string
  await env.start('Greet', 42);
  // @ts-expect-error Greet returns a string
  const wrong: number = await env.run('Greet', 'ada');
  const anyName: unknown = await env.run('NotInTheSet', { anything: true });
  void [output, wrong, anyName];
}

test('a start of a version the environment lacks reads Pending, then waitFor returns it Failed as poison', async (t) => {
  const env = await createTestEnvironment({ orchestrations: { Which: { '1.0.0': () => 'one' } } });
  t.after(() => env.close());
  const id = await env.start('Which', undefined, { version: '9.0.0' });
  await eventually(
    'the runtime to take the start and leave it',
    async () => (await env.client.getStatus(id)).status === 'Pending',
  );
  const status = await env.waitFor(id);
  assert.equal(status.status, 'Failed');
  assert.match(status.error ?? '', /poison: .*'Which'@9\.0\.0 is not registered/);
});
