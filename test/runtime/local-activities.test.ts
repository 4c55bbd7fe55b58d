/**
 * Local activities end to end: a turn's commit claims the activities this runtime can run and
 * runs them at once (no worker-queue fetch); quick ones keep the instance held so each result
 * becomes the next turn under the same lock. Covers the metrics that prove which path ran,
 * that histories and results match the queue path, that events, cancellation and timers still
 * reach a held instance, the worker concurrency cap, sessions, option validation and restarts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import {
  Client,
  InvalidInputError,
  Runtime,
  SqliteProvider,
  type ActivityContext,
  type OrchestrationContext,
} from '../../src/index.js';
import { startHarness, uid } from '../helpers/runtime-harness.js';
import { eventually } from '../helpers/eventually.js';

type Ctx = OrchestrationContext;

/** A promise the test opens by hand. */
function gate(): { readonly opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Waits for the activity's signal (or `ms`); reports whether it ended by cancellation. */
async function waitForCancel(ctx: ActivityContext, ms = 10_000): Promise<'cancelled' | 'finished'> {
  try {
    await sleep(ms, undefined, { signal: ctx.signal });
    return 'finished';
  } catch {
    return ctx.isCancelled() ? 'cancelled' : 'finished';
  }
}

/** Rows left in the worker queue, locked or not (a consumed local result must leave none). */
function workerRows(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM worker_queue').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const CHAIN_LENGTH = 10;

function registerChain(rt: Runtime): void {
  rt.registerActivity('Inc', async (_ctx: ActivityContext, n: number) => n + 1);
  rt.registerOrchestration('Chain', async (ctx: Ctx, start: number) => {
    let n = start;
    for (let i = 0; i < CHAIN_LENGTH; i++) n = await ctx.scheduleActivity<number>('Inc', n);
    return n;
  });
}

describe('local activity runs', () => {
  test('a chain of quick activities runs locally with one fetch and one commit per step, and the same history as through the queue', async (t) => {
    const local = await startHarness(t, registerChain);
    const queued = await startHarness(t, registerChain, { localActivities: false });
    const id = uid('chain');
    await local.client.startOrchestration(id, 'Chain', 5);
    await queued.client.startOrchestration(id, 'Chain', 5);
    assert.equal((await local.client.waitForOrchestration(id, 10_000)).output, 5 + CHAIN_LENGTH);
    assert.equal((await queued.client.waitForOrchestration(id, 10_000)).output, 5 + CHAIN_LENGTH);

    const m = local.runtime.metricsSnapshot();
    assert.equal(m.localActivityRuns, CHAIN_LENGTH);
    assert.equal(
      m.workerDispatcherItemsFetched,
      0,
      'no activity went through a worker-queue fetch',
    );
    assert.equal(
      m.localTurns,
      CHAIN_LENGTH,
      'every result became the next turn under the held lock',
    );
    assert.equal(m.orchDispatcherItemsFetched, 1, 'only the start message was fetched');
    assert.equal(m.activitySuccess, CHAIN_LENGTH);

    const q = queued.runtime.metricsSnapshot();
    assert.equal(q.localActivityRuns, 0);
    assert.equal(q.localTurns, 0);
    assert.equal(q.workerDispatcherItemsFetched, CHAIN_LENGTH);
    assert.equal(q.orchDispatcherItemsFetched, CHAIN_LENGTH + 1);

    const kinds = async (h: typeof local): Promise<string[]> =>
      (await h.client.readExecutionHistory(id, 1)).map((e) => e.kind);
    const localKinds = await kinds(local);
    assert.deepEqual(localKinds, await kinds(queued));
    assert.equal(localKinds.filter((k) => k === 'ActivityCompleted').length, CHAIN_LENGTH);
    assert.equal(
      workerRows(local.file),
      0,
      'the rows of consumed results were deleted with the turns',
    );
    assert.equal(workerRows(queued.file), 0);
  });

  test('with localActivities false every activity goes through the worker queue and the results are identical', async (t) => {
    const register = (rt: Runtime): void => {
      rt.registerActivity('Double', async (_ctx: ActivityContext, n: number) => n * 2);
      rt.registerActivity('Boom', async (_ctx: ActivityContext, why: string) => {
        throw new Error(`boom: ${why}`);
      });
      rt.registerOrchestration('Mixed', async (ctx: Ctx) => {
        const doubled = await Promise.all(
          [1, 2, 3, 4].map((n) => ctx.scheduleActivity<number>('Double', n)),
        );
        let caught = '';
        try {
          await ctx.scheduleActivity('Boom', 'on purpose');
        } catch (e) {
          caught = (e as Error).message;
        }
        return { doubled, caught };
      });
    };
    const local = await startHarness(t, register);
    const queued = await startHarness(t, register, { localActivities: false });
    const id = uid('mixed');
    await local.client.startOrchestration(id, 'Mixed');
    await queued.client.startOrchestration(id, 'Mixed');
    const expected = { doubled: [2, 4, 6, 8], caught: 'boom: on purpose' };
    assert.deepEqual((await queued.client.waitForOrchestration(id, 10_000)).output, expected);
    assert.deepEqual((await local.client.waitForOrchestration(id, 10_000)).output, expected);

    const q = queued.runtime.metricsSnapshot();
    assert.equal(q.localActivityRuns, 0);
    assert.equal(q.localTurns, 0);
    assert.equal(q.workerDispatcherItemsFetched, 5);
    assert.equal(q.activitySuccess, 4);
    assert.equal(q.activityAppErrors, 1);

    const m = local.runtime.metricsSnapshot();
    assert.equal(m.localActivityRuns, 5);
    assert.equal(m.workerDispatcherItemsFetched, 0);
    assert.equal(m.activitySuccess, 4);
    assert.equal(m.activityAppErrors, 1);
    assert.equal(m.orchDispatcherItemsFetched, 1);
  });

  test('with localActivityHoldMs 0 activities still run locally but every result goes through the queue', async (t) => {
    const { client, runtime } = await startHarness(t, registerChain, { localActivityHoldMs: 0 });
    const id = uid('no-hold');
    await client.startOrchestration(id, 'Chain', 0);
    assert.equal((await client.waitForOrchestration(id, 10_000)).output, CHAIN_LENGTH);
    const m = runtime.metricsSnapshot();
    assert.equal(m.localActivityRuns, CHAIN_LENGTH);
    assert.equal(m.workerDispatcherItemsFetched, 0);
    assert.equal(m.localTurns, 0);
    assert.equal(m.orchDispatcherItemsFetched, CHAIN_LENGTH + 1);
  });

  test('an activity slower than the hold still completes: its result goes through the worker queue once the hold ends', async (t) => {
    let runs = 0;
    const { client, runtime, file } = await startHarness(
      t,
      (rt) => {
        rt.registerActivity('Slow', async (_ctx: ActivityContext, n: number) => {
          runs++;
          await sleep(150);
          return `slow ${n}`;
        });
        rt.registerOrchestration('TwoSlow', async (ctx: Ctx) => [
          await ctx.scheduleActivity('Slow', 1),
          await ctx.scheduleActivity('Slow', 2),
        ]);
      },
      { localActivityHoldMs: 20 },
    );
    const id = uid('slow');
    await client.startOrchestration(id, 'TwoSlow');
    assert.deepEqual((await client.waitForOrchestration(id, 10_000)).output, ['slow 1', 'slow 2']);
    assert.equal(runs, 2);
    const m = runtime.metricsSnapshot();
    assert.equal(m.localActivityRuns, 2, 'both still ran without a worker-queue fetch');
    assert.equal(m.workerDispatcherItemsFetched, 0);
    assert.equal(m.localTurns, 0, 'no result arrived within the hold');
    // Start, then each result read back from the orchestrator queue.
    assert.equal(m.orchDispatcherItemsFetched, 3);
    assert.equal(workerRows(file), 0);
  });
});

describe('messages reaching a held instance', () => {
  test('events raised while a held instance runs an activity are delivered, and end the hold', async (t) => {
    const released = gate();
    let gateStarted = false;
    const { client, runtime } = await startHarness(
      t,
      (rt) => {
        rt.registerActivity('Gate', async () => {
          gateStarted = true;
          await released.opened;
          return 'gate';
        });
        rt.registerActivity('Quick', async () => 'quick');
        rt.registerOrchestration('Waits', async (ctx: Ctx) => {
          // Positional events are only delivered to a wait recorded before they arrive.
          const go = ctx.waitForEvent<string>('Go');
          const a = await ctx.scheduleActivity<string>('Gate');
          const b = await ctx.scheduleActivity<string>('Quick');
          const queued = await ctx.dequeueEvent<string>('Inbox');
          return [a, b, queued, await go];
        });
      },
      // A hold far longer than the test: only the waiting messages can end it early.
      { localActivityHoldMs: 10_000 },
    );
    const id = uid('held-event');
    await client.startOrchestration(id, 'Waits');
    await eventually('the gate activity to start', () => gateStarted);
    await client.raiseEvent(id, 'Go', 'go!');
    await client.enqueueEvent(id, 'Inbox', 'mail');
    released.open();
    assert.deepEqual((await client.waitForOrchestration(id, 10_000)).output, [
      'gate',
      'quick',
      'mail',
      'go!',
    ]);
    const m = runtime.metricsSnapshot();
    assert.equal(m.localActivityRuns, 2);
    assert.equal(m.workerDispatcherItemsFetched, 0);
    // Gate's result was consumed while held; the commit of that turn saw the waiting events and
    // released the lock, so Quick's result came back through the queue.
    assert.equal(m.localTurns, 1);
    assert.ok(
      m.orchDispatcherItemsFetched >= 2,
      `orchDispatcherItemsFetched = ${m.orchDispatcherItemsFetched}`,
    );
  });

  test('cancelling an instance while its local activity runs fails it as canceled and aborts the activity signal', async (t) => {
    let started = false;
    let observed = '';
    const { client, runtime } = await startHarness(t, (rt) => {
      rt.registerActivity('Long', async (ctx: ActivityContext) => {
        started = true;
        observed = await waitForCancel(ctx);
        return 'done';
      });
      rt.registerOrchestration('RunsLong', async (ctx: Ctx) => ctx.scheduleActivity('Long'));
    });
    const id = uid('cancel-local');
    await client.startOrchestration(id, 'RunsLong');
    await eventually('the activity to start', () => started);
    await client.cancelInstance(id, 'stop it');
    const status = await client.waitForOrchestration(id, 10_000);
    assert.equal(status.status, 'Failed');
    assert.equal(status.error, 'canceled: stop it');
    await eventually('the activity to observe cancellation', () => observed !== '');
    assert.equal(observed, 'cancelled');
    const m = runtime.metricsSnapshot();
    assert.equal(m.localActivityRuns, 1);
    assert.equal(m.workerDispatcherItemsFetched, 0);
    assert.equal(m.activityCancelled, 1);
    assert.equal(m.activitySuccess, 0);
  });

  test('a timer that wins a race against a local activity cancels the activity', async (t) => {
    let observed = '';
    const { client, runtime } = await startHarness(t, (rt) => {
      rt.registerActivity('Long', async (ctx: ActivityContext) => {
        observed = await waitForCancel(ctx);
        return 'activity';
      });
      rt.registerOrchestration('Deadline', async (ctx: Ctx) => {
        const r = await ctx.race(ctx.scheduleActivity<string>('Long'), ctx.scheduleTimer(50));
        return r.index === 1 ? 'timer won' : `activity won: ${String(r.value)}`;
      });
    });
    const id = uid('race-timer');
    await client.startOrchestration(id, 'Deadline');
    assert.equal((await client.waitForOrchestration(id, 10_000)).output, 'timer won');
    await eventually('the activity to observe cancellation', () => observed !== '');
    assert.equal(observed, 'cancelled');
    const kinds = (await client.readExecutionHistory(id, 1)).map((e) => e.kind);
    assert.ok(kinds.includes('ActivityCancelRequested'), kinds.join(', '));
    const m = runtime.metricsSnapshot();
    assert.equal(m.localActivityRuns, 1);
    assert.equal(m.workerDispatcherItemsFetched, 0);
  });

  test('a quick activity winning a race against a slow one cancels the slow one within the hold', async (t) => {
    let observed = '';
    const { client, runtime } = await startHarness(t, (rt) => {
      rt.registerActivity('Fast', async () => 'fast');
      rt.registerActivity('Slow', async (ctx: ActivityContext) => {
        observed = await waitForCancel(ctx);
        return 'slow';
      });
      rt.registerOrchestration('TwoRunners', async (ctx: Ctx) => {
        const r = await ctx.race(
          ctx.scheduleActivity<string>('Slow'),
          ctx.scheduleActivity<string>('Fast'),
        );
        return `${r.index}:${r.value}`;
      });
    });
    const id = uid('race-activities');
    await client.startOrchestration(id, 'TwoRunners');
    assert.equal((await client.waitForOrchestration(id, 10_000)).output, '1:fast');
    await eventually('the slow activity to observe cancellation', () => observed !== '');
    assert.equal(observed, 'cancelled');
    const m = runtime.metricsSnapshot();
    assert.equal(m.localActivityRuns, 2);
    assert.equal(m.localTurns, 1, "the fast result was the held instance's next turn");
    assert.equal(m.orchDispatcherItemsFetched, 1);
    assert.equal(m.activityCancelled, 1);
  });
});

describe('limits and routing', () => {
  test('a turn claims at most workerConcurrency activities and the rest wait for a free slot', async (t) => {
    const released = gate();
    let started = 0;
    let running = 0;
    let maxRunning = 0;
    const workerConcurrency = 3;
    const { client, runtime } = await startHarness(
      t,
      (rt) => {
        rt.registerActivity('Count', async (_ctx: ActivityContext, i: number) => {
          started++;
          running++;
          maxRunning = Math.max(maxRunning, running);
          try {
            await released.opened;
            await sleep(20);
          } finally {
            running--;
          }
          return i;
        });
        rt.registerOrchestration('FanOut', async (ctx: Ctx) =>
          Promise.all(
            Array.from({ length: 20 }, (_, i) => ctx.scheduleActivity<number>('Count', i)),
          ),
        );
      },
      { workerConcurrency },
    );
    const id = uid('fan-out');
    await client.startOrchestration(id, 'FanOut');
    await eventually('the first activities to start', () => started >= workerConcurrency);
    // Give the worker dispatcher time to (wrongly) start more while every slot is taken.
    await sleep(300);
    assert.equal(started, workerConcurrency);
    let m = runtime.metricsSnapshot();
    assert.equal(
      m.localActivityRuns,
      workerConcurrency,
      'the turn claimed one activity per free slot',
    );
    assert.equal(m.workerDispatcherItemsFetched, 0, 'no fetch while local runs hold every slot');

    released.open();
    assert.deepEqual(
      (await client.waitForOrchestration(id, 10_000)).output,
      Array.from({ length: 20 }, (_, i) => i),
    );
    m = runtime.metricsSnapshot();
    assert.equal(m.activitySuccess, 20);
    assert.equal(
      m.localActivityRuns + m.workerDispatcherItemsFetched,
      20,
      'each activity ran exactly once',
    );
    // Fetched and local runs share the cap: an item fetched after local runs took the last slot
    // is given back (WorkerDispatcher.fetch), so it is never exceeded.
    assert.ok(maxRunning <= workerConcurrency, `maxRunning = ${maxRunning}`);
  });

  test('activities with a session id are not run locally but fetched from the worker queue', async (t) => {
    const sessions: (string | null)[] = [];
    const { client, runtime } = await startHarness(t, (rt) => {
      rt.registerActivity('Echo', async (ctx: ActivityContext, x: number) => {
        sessions.push(ctx.sessionId);
        return x;
      });
      rt.registerOrchestration('Sessions', async (ctx: Ctx) => {
        const out: number[] = [];
        for (let i = 0; i < 3; i++)
          out.push(await ctx.scheduleActivity<number>('Echo', i, { sessionId: 's1' }));
        out.push(await ctx.scheduleActivity<number>('Echo', 3));
        return out;
      });
    });
    const id = uid('sessions');
    await client.startOrchestration(id, 'Sessions');
    assert.deepEqual((await client.waitForOrchestration(id, 10_000)).output, [0, 1, 2, 3]);
    assert.deepEqual(sessions, ['s1', 's1', 's1', null]);
    const m = runtime.metricsSnapshot();
    assert.equal(m.workerDispatcherItemsFetched, 3, 'the three session activities were fetched');
    assert.equal(m.localActivityRuns, 1, 'only the session-less activity ran locally');
  });

  test('an activity whose tag this runtime does not accept is left to a runtime that accepts it', async (t) => {
    const cpu = await startHarness(t, (rt) => {
      rt.registerActivity('Where', async (ctx: ActivityContext) => `cpu:${ctx.tag() ?? 'default'}`);
      rt.registerOrchestration('Tagged', async (ctx: Ctx) => [
        await ctx.scheduleActivity<string>('Where').withTag('gpu'),
        await ctx.scheduleActivity<string>('Where'),
      ]);
    });
    // Only activities here: orchestration items it fetches are left to the first runtime.
    const provider = await SqliteProvider.open(`sqlite:${cpu.file}`);
    const gpu = new Runtime(provider, { logLevel: 'off', workerTagFilter: { tags: ['gpu'] } });
    gpu.registerActivity('Where', async (ctx: ActivityContext) => `gpu:${ctx.tag() ?? 'default'}`);
    await gpu.start();
    t.after(async () => {
      await gpu.shutdown(2000);
      await provider.close();
    });
    const id = uid('tagged');
    await cpu.client.startOrchestration(id, 'Tagged');
    assert.deepEqual((await cpu.client.waitForOrchestration(id, 10_000)).output, [
      'gpu:gpu',
      'cpu:default',
    ]);
    const c = cpu.runtime.metricsSnapshot();
    assert.equal(c.localActivityRuns, 1, 'only the untagged activity ran locally');
    assert.equal(c.workerDispatcherItemsFetched, 0);
    const g = gpu.metricsSnapshot();
    assert.equal(
      g.workerDispatcherItemsFetched,
      1,
      'the gpu activity was fetched by the gpu runtime',
    );
    assert.equal(g.localActivityRuns, 0);
  });

  test('worker slots are all given back after local runs, hand-offs and cancellations', async (t) => {
    const workerConcurrency = 3;
    let running = 0;
    let maxRunning = 0;
    const tracked = async <T>(work: () => Promise<T>): Promise<T> => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      try {
        return await work();
      } finally {
        running--;
      }
    };
    const released = gate();
    let gatedStarts = 0;
    let stuckStarts = 0;
    const { client, runtime } = await startHarness(
      t,
      (rt) => {
        rt.registerActivity('Quick', (_ctx: ActivityContext, n: number) => tracked(async () => n));
        rt.registerActivity('Tardy', (_ctx: ActivityContext, n: number) =>
          tracked(async () => (await sleep(60), n)),
        );
        rt.registerActivity('Stuck', (ctx: ActivityContext) =>
          tracked(() => {
            stuckStarts++;
            return waitForCancel(ctx);
          }),
        );
        rt.registerActivity('Fail', (_ctx: ActivityContext, n: number) =>
          tracked(async () => {
            throw new Error(`fail ${n}`);
          }),
        );
        rt.registerActivity('Gated', (_ctx: ActivityContext, n: number) =>
          tracked(async () => {
            gatedStarts++;
            await released.opened;
            return n;
          }),
        );
        rt.registerOrchestration('Busy', async (ctx: Ctx, n: number) => {
          const a = await ctx.scheduleActivity<number>('Quick', n);
          const r = await ctx.race(
            ctx.scheduleActivity('Stuck'),
            ctx.scheduleActivity<number>('Quick', n + 1),
          );
          const b = await ctx.scheduleActivity<number>('Tardy', n + 2);
          let c = '';
          try {
            await ctx.scheduleActivity('Fail', n);
          } catch (e) {
            c = (e as Error).message;
          }
          return [a, r.index, r.value, b, c];
        });
        rt.registerOrchestration('Gates', async (ctx: Ctx) =>
          Promise.all(
            Array.from({ length: 10 }, (_, i) => ctx.scheduleActivity<number>('Gated', i)),
          ),
        );
      },
      { workerConcurrency, localActivityHoldMs: 20 },
    );
    // Two instances at a time: at most two Stuck activities hold slots, so Quick always gets one.
    const ids = Array.from({ length: 20 }, () => uid('busy'));
    for (let k = 0; k < ids.length; k += 2) {
      const pair = ids.slice(k, k + 2);
      for (const [i, id] of pair.entries())
        await client.startOrchestration(id, 'Busy', (k + i) * 10);
      for (const [i, id] of pair.entries()) {
        const n = (k + i) * 10;
        assert.deepEqual((await client.waitForOrchestration(id, 10_000)).output, [
          n,
          1,
          n + 1,
          n + 2,
          `fail ${n}`,
        ]);
      }
    }
    await eventually('the cancelled activities to stop', () => running === 0);
    const before = runtime.metricsSnapshot();
    // A race loser still queued when its race ended is deleted unrun; every started one is cancelled.
    assert.equal(before.activityCancelled, stuckStarts);
    assert.ok(stuckStarts > 0);
    assert.ok(before.localActivityRuns > 0 && before.localTurns > 0, JSON.stringify(before));
    // Fetches racing local claims for the last slot give their item back: a hard cap.
    assert.ok(maxRunning <= workerConcurrency, `maxRunning = ${maxRunning}`);

    // A leaked or doubly released slot shows in the next turn's claims.
    const gates = uid('gates');
    await client.startOrchestration(gates, 'Gates');
    await eventually('the gated activities to start', () => gatedStarts >= workerConcurrency);
    await sleep(300);
    assert.equal(gatedStarts, workerConcurrency);
    const during = runtime.metricsSnapshot();
    assert.equal(during.localActivityRuns - before.localActivityRuns, workerConcurrency);
    assert.equal(during.workerDispatcherItemsFetched, before.workerDispatcherItemsFetched);
    released.open();
    assert.deepEqual(
      (await client.waitForOrchestration(gates, 10_000)).output,
      Array.from({ length: 10 }, (_, i) => i),
    );
  });
});

describe('options and restarts', () => {
  test('malformed localActivities and localActivityHoldMs are rejected with the option named', async (t) => {
    const provider = await SqliteProvider.inMemory();
    t.after(() => provider.close());
    const rejects = (options: object, pattern: RegExp): void => {
      assert.throws(
        () => new Runtime(provider, options),
        (e: unknown) => {
          assert.ok(e instanceof InvalidInputError, String(e));
          assert.match((e as Error).message, pattern);
          return true;
        },
      );
    };
    rejects(
      { localActivities: 'yes' },
      /runtime option localActivities must be a boolean, got "yes"/,
    );
    rejects({ localActivities: 1 }, /localActivities must be a boolean/);
    rejects(
      { localActivityHoldMs: -1 },
      /runtime option localActivityHoldMs must be an integer from 0 to 2147483647, got -1/,
    );
    rejects(
      { localActivityHoldMs: 1.5 },
      /localActivityHoldMs must be an integer from 0 to 2147483647/,
    );
    rejects(
      { localActivityHoldMs: '100' },
      /localActivityHoldMs must be an integer from 0 to 2147483647/,
    );
    assert.ok(
      new Runtime(provider, { localActivities: false, localActivityHoldMs: 0 }) instanceof Runtime,
    );
  });

  test('a runtime shut down in the middle of a local chain does not run finished steps again after restart', async (t) => {
    const runs = new Map<number, number>();
    const blocked = gate();
    let restarted = false;
    let stepThreeStarted = false;
    const register = (rt: Runtime): void => {
      rt.registerActivity('Step', async (ctx: ActivityContext, step: number) => {
        runs.set(step, (runs.get(step) ?? 0) + 1);
        if (step === 3 && !restarted) {
          stepThreeStarted = true;
          // Blocks until shutdown aborts it (the first runtime), or runs through (the second).
          await Promise.race([
            blocked.opened,
            new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true })),
          ]);
        }
        return step * 10;
      });
      rt.registerOrchestration('Steps', async (ctx: Ctx) => {
        const out: number[] = [];
        for (let step = 1; step <= 5; step++)
          out.push(await ctx.scheduleActivity<number>('Step', step));
        return out;
      });
    };
    const first = await startHarness(t, register, { workerLockTimeoutMs: 1000 });
    const id = uid('restart');
    await first.client.startOrchestration(id, 'Steps');
    await eventually('step 3 to start', () => stepThreeStarted);
    await first.runtime.shutdown(200);
    const history = (await first.client.readExecutionHistory(id, 1)).map((e) => e.kind);
    assert.equal(
      history.filter((k) => k === 'ActivityCompleted').length,
      2,
      'steps 1 and 2 were committed before shutdown',
    );

    restarted = true;
    blocked.open();
    const provider = await SqliteProvider.open(`sqlite:${first.file}`);
    const second = new Runtime(provider, { logLevel: 'off' });
    register(second);
    await second.start();
    t.after(async () => {
      await second.shutdown(2000);
      await provider.close();
    });
    const output = (await new Client(provider).waitForOrchestration(id, 10_000)).output;
    await second.shutdown(2000);
    assert.deepEqual(output, [10, 20, 30, 40, 50]);
    assert.equal(workerRows(first.file), 0);
    assert.equal(runs.get(1), 1);
    assert.equal(runs.get(2), 1);
    assert.ok((runs.get(3) ?? 0) >= 1);
    assert.equal(runs.get(4), 1);
    assert.equal(runs.get(5), 1);
  });
});
