/**
 * The test environment's virtual clock: long timers complete at once, in order, at their own
 * virtual time; retry backoff and continue-as-new loops follow it; races between an event and a
 * timer go either way as the test decides; and locks are never lost while time jumps (a slow
 * activity keeps its lock and runs once).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OrchestrationContext } from '../../src/index.js';
import { createTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function environment(
  t: { after: (fn: () => Promise<void>) => void },
  options: Parameters<typeof createTestEnvironment>[0],
): Promise<TestEnvironment> {
  const env = await createTestEnvironment(options);
  t.after(() => env.close());
  return env;
}

test('a 30-day timer completes and the orchestration sees 30 virtual days pass', async (t) => {
  const env = await environment(t, {
    orchestrations: {
      Reminder: async (ctx: OrchestrationContext, to: string) => {
        const before = await ctx.utcNow();
        await ctx.scheduleTimer(30 * DAY);
        const sent = await ctx.scheduleActivity<string>('Send', to);
        return { sent, elapsedMs: (await ctx.utcNow()) - before };
      },
    },
    activities: { Send: (_ctx, to: string) => `sent to ${to}` },
  });
  const startedAt = env.now();
  const output = (await env.run('Reminder', 'ada')) as { sent: string; elapsedMs: number };
  assert.equal(output.sent, 'sent to ada');
  assert.ok(output.elapsedMs >= 30 * DAY, `elapsed ${output.elapsedMs} ms`);
  assert.ok(env.now() - startedAt >= 30 * DAY);
});

test('the timer fired event records the virtual fire time', async (t) => {
  const env = await environment(t, {
    orchestrations: { Wait: async (ctx: OrchestrationContext) => ctx.scheduleTimer(7 * DAY) },
  });
  const id = await env.start('Wait');
  await env.waitFor(id);
  const history = await env.history(id);
  const created = history.find((e) => e.kind === 'TimerCreated');
  const fired = history.find((e) => e.kind === 'TimerFired');
  assert.ok(created !== undefined && fired !== undefined);
  assert.equal(fired.data?.['fireAt'], created.data?.['fireAt']);
  assert.ok(fired.timestampMs >= (created.data?.['fireAt'] as number));
  assert.ok(fired.timestampMs - created.timestampMs >= 7 * DAY);
});

const eventOrTimer = async (ctx: OrchestrationContext): Promise<string> => {
  const winner = await ctx.race(ctx.waitForEvent<string>('Approved'), ctx.scheduleTimer(HOUR));
  return winner.index === 0 ? `approved by ${String(winner.value)}` : 'timed out';
};

test('an event raised before the hour is up wins the race against the 1 h timer', async (t) => {
  const env = await environment(t, { orchestrations: { Approval: eventOrTimer } });
  const id = await env.start('Approval');
  await env.advanceTime(59 * 60_000);
  await env.raiseEvent(id, 'Approved', 'grace');
  const status = await env.waitFor(id);
  assert.deepEqual([status.status, status.output], ['Completed', 'approved by grace']);
});

test('the 1 h timer wins the race when no event comes, and a late event changes nothing', async (t) => {
  const env = await environment(t, { orchestrations: { Approval: eventOrTimer } });
  const id = await env.start('Approval');
  const startedAt = env.now();
  await env.advanceTime('1h');
  assert.equal((await env.client.getStatus(id)).output, 'timed out');
  assert.ok(env.now() - startedAt >= HOUR);
  await env.raiseEvent(id, 'Approved', 'too late');
  await env.waitUntilIdle();
  assert.equal((await env.waitFor(id)).output, 'timed out');
});

test('autoSkip lets the timer win while the test waits for the result', async (t) => {
  const env = await environment(t, { orchestrations: { Approval: eventOrTimer } });
  assert.equal(await env.run('Approval'), 'timed out');
});

test('advanceTime short of a timer leaves it pending, and time moves by exactly what was asked', async (t) => {
  const env = await environment(t, { orchestrations: { Approval: eventOrTimer }, autoSkip: false });
  const id = await env.start('Approval');
  const startedAt = env.now();
  await env.advanceTime('30m');
  assert.equal((await env.client.getStatus(id)).status, 'Running');
  assert.ok(env.now() - startedAt >= 30 * 60_000 && env.now() - startedAt < HOUR);
  await env.advanceTime('30m');
  assert.equal((await env.waitFor(id)).output, 'timed out');
});

test('without autoSkip, waitFor on an instance blocked on a timer fails and says how to advance time', async (t) => {
  const env = await environment(t, {
    orchestrations: { Approval: eventOrTimer },
    autoSkip: false,
    idleTimeoutMs: 50,
  });
  const id = await env.start('Approval');
  await assert.rejects(env.waitFor(id), (e: Error) => {
    assert.match(e.message, /still running/);
    assert.match(e.message, /env\.advanceTime/);
    return true;
  });
});

test('waitFor fails clearly when the instance waits for an event nobody raises', async (t) => {
  const env = await environment(t, {
    orchestrations: { Forever: (ctx: OrchestrationContext) => ctx.waitForEvent('Never') },
    idleTimeoutMs: 50,
  });
  const id = await env.start('Forever');
  await assert.rejects(env.waitFor(id), { code: 'TIMEOUT', message: /waits for an event/ });
});

test('timers due at different times fire in order, each at its own virtual time', async (t) => {
  const env = await environment(t, {
    orchestrations: {
      Steps: async (ctx: OrchestrationContext) => {
        const start = await ctx.utcNow();
        const seen: number[] = [];
        for (const days of [1, 2, 4]) {
          await ctx.scheduleTimer(days * DAY);
          seen.push(Math.round(((await ctx.utcNow()) - start) / DAY));
        }
        return seen;
      },
    },
  });
  const id = await env.start('Steps');
  await env.advanceTime('3d');
  assert.equal((await env.client.getStatus(id)).status, 'Running');
  await env.advanceTime('4d');
  assert.deepEqual((await env.waitFor(id)).output, [1, 3, 7]);
});

test('activity retries wait out their backoff in virtual time', async (t) => {
  let failuresLeft = 3;
  const env = await environment(t, {
    orchestrations: {
      Charge: async (ctx: OrchestrationContext) => {
        const before = await ctx.utcNow();
        const receipt = await ctx.scheduleActivityWithRetry<string>('Card', 'order-1', {
          maxAttempts: 5,
          backoff: { kind: 'fixed', baseMs: 10 * 60_000 },
        });
        return { receipt, waitedMs: (await ctx.utcNow()) - before };
      },
    },
    activities: {
      Card: () => {
        if (failuresLeft-- > 0) throw new Error('card declined');
        return 'receipt-1';
      },
    },
  });
  const output = (await env.run('Charge')) as { receipt: string; waitedMs: number };
  assert.equal(output.receipt, 'receipt-1');
  assert.ok(output.waitedMs >= 30 * 60_000, `waited ${output.waitedMs} ms`);
  const calls = env.activityCalls('Card');
  assert.deepEqual(
    calls.map((c) => c.outcome?.status),
    ['failed', 'failed', 'failed', 'completed'],
  );
});

test('a continue-as-new loop with a daily timer runs a month of executions', async (t) => {
  const env = await environment(t, {
    orchestrations: {
      Daily: async (ctx: OrchestrationContext, day: number) => {
        await ctx.scheduleActivity('Report', day);
        if (day === 30) return 'done';
        await ctx.scheduleTimer(DAY);
        return ctx.continueAsNew(day + 1);
      },
    },
    activities: { Report: () => null },
  });
  const startedAt = env.now();
  const id = await env.start('Daily', 1);
  assert.equal((await env.waitFor(id)).output, 'done');
  assert.deepEqual(
    env.activityCalls('Report').map((c) => c.input),
    Array.from({ length: 30 }, (_, i) => i + 1),
  );
  assert.deepEqual(
    await env.client.listExecutions(id),
    Array.from({ length: 30 }, (_, i) => i + 1),
  );
  assert.ok(env.now() - startedAt >= 29 * DAY);
});

test('a slow activity keeps its lock while time jumps: it runs once and its result counts', async (t) => {
  const env = await environment(t, {
    orchestrations: {
      Slow: async (ctx: OrchestrationContext) => {
        const timer = ctx.scheduleTimer(2 * DAY);
        const result = await ctx.scheduleActivity<string>('Crunch', null);
        await timer;
        return result;
      },
    },
    activities: {
      // Longer than the lock timeout below: only lock renewal keeps it.
      Crunch: async () => {
        await new Promise((resolve) => setTimeout(resolve, 1200));
        return 'crunched';
      },
    },
    runtimeOptions: { workerLockTimeoutMs: 500, orchestratorLockTimeoutMs: 500 },
  });
  assert.equal(await env.run('Slow'), 'crunched');
  assert.equal(env.activityCalls('Crunch').length, 1);
});
