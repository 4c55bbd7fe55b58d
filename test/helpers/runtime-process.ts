/**
 * Child-process entry for process-level reliability tests: one Runtime on a shared store (a
 * SQLite file or a PostgreSQL schema).
 *
 * Started by `test/helpers/process-harness.ts` with `child_process.fork` (IPC channel). It:
 * - opens the SQLite file named by `DUROXIDE_RP_DB`, or connects to `DUROXIDE_RP_PG_URL`, schema
 *   `DUROXIDE_RP_PG_SCHEMA`;
 * - registers the fixed test orchestrations/activities below;
 * - records every activity execution durably in the side-effect log `DUROXIDE_RP_LOG` with a
 *   synchronous `appendFileSync` (one JSON line per event), so a SIGKILL right after the append
 *   still leaves the line visible to the parent;
 * - sends `{ type: 'ready' }` once the runtime has started;
 * - on SIGTERM shuts the runtime down gracefully, sends `{ type: 'stopped', metrics }` and exits 0;
 * - exits at once when the parent disappears (IPC disconnect), so no orphan keeps the store busy.
 *
 * Environment:
 * - `DUROXIDE_RP_DB` — SQLite file path; or `DUROXIDE_RP_PG_URL` and `DUROXIDE_RP_PG_SCHEMA`;
 * - `DUROXIDE_RP_LOG` (required) — side-effect log path (this process only);
 * - `DUROXIDE_RP_ATTEMPTS` (required) — the file where `FlakyStep` counts runs, shared by every
 *   child;
 * - `DUROXIDE_RP_NAME` — label written in each log line (default: the pid);
 * - `DUROXIDE_RP_SLOW_MS` — how long the `Slow` activity sleeps (default 30,000; it stops early
 *   when its cancellation signal fires);
 * - `DUROXIDE_RP_STEP_MS` — how long each `Step` activity sleeps (default 0);
 * - `DUROXIDE_RP_SHUTDOWN_MS` — timeout passed to `runtime.shutdown` on SIGTERM (default 5,000);
 * - `DUROXIDE_RP_OPTIONS` — JSON `RuntimeOptions` merged over the defaults below;
 * - `DUROXIDE_RP_ALS=1` — turn async hooks on (an AsyncLocalStorage) before the runtime starts;
 * - `DUROXIDE_RP_CHAOS=1` — also register the chaos workload (`DUROXIDE_RP_V2=1`: with
 *   CxCounter 2.0.0).
 *
 * `node --test .build/test` treats every .js file under a `test` directory as a test file, so
 * this module is also run directly by the test runner: without an IPC channel and the required
 * variables it exits 0 without doing anything.
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { registerChaosWorkload } from '../chaos/chaos-workload.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import {
  Runtime,
  SqliteProvider,
  type ActivityContext,
  type OrchestrationContext,
  type RuntimeOptions,
} from '../../src/index.js';

/** One line of the side-effect log. */
export interface EffectLine {
  /** Process label (`DUROXIDE_RP_NAME`). */
  readonly proc: string;
  readonly pid: number;
  /** `run` when an activity body starts; `done` when `Slow` finishes its sleep. */
  readonly ev: 'run' | 'done';
  readonly instanceId: string;
  readonly activity: string;
  readonly input: unknown;
  readonly t: number;
}

/** Messages sent to the parent over IPC. */
export type ChildMessage =
  | { readonly type: 'ready'; readonly pid: number }
  | { readonly type: 'stopped'; readonly metrics: unknown }
  | { readonly type: 'error'; readonly message: string };

/** Input of a `Step`/`Slow` activity. */
export interface StepInput {
  readonly label: string;
}

const dbFile = process.env.DUROXIDE_RP_DB;
const pgUrl = process.env.DUROXIDE_RP_PG_URL;
const pgSchema = process.env.DUROXIDE_RP_PG_SCHEMA;
const logFile = process.env.DUROXIDE_RP_LOG;
const attemptsFile = process.env.DUROXIDE_RP_ATTEMPTS;

function send(message: ChildMessage): void {
  if (process.connected) process.send?.(message);
}

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got '${raw}'`);
  return n;
}

function register(rt: Runtime, log: string, proc: string): void {
  const slowMs = envInt('DUROXIDE_RP_SLOW_MS', 30_000);
  const stepMs = envInt('DUROXIDE_RP_STEP_MS', 0);
  const record = (ctx: ActivityContext, ev: EffectLine['ev'], input: unknown): void => {
    const line: EffectLine = {
      proc,
      pid: process.pid,
      ev,
      instanceId: ctx.instanceId,
      activity: ctx.activityName,
      input,
      t: Date.now(),
    };
    appendFileSync(log, `${JSON.stringify(line)}\n`);
  };

  rt.registerActivity('Step', async (ctx, input: StepInput) => {
    record(ctx, 'run', input);
    if (stepMs > 0) await sleep(stepMs);
    return `${input.label}:ok`;
  });
  rt.registerActivity('Slow', async (ctx, input: StepInput) => {
    record(ctx, 'run', input);
    // Well-behaved: stops early when the runtime cancels it (lost lock, forced shutdown).
    await sleep(slowMs, undefined, { signal: ctx.signal });
    record(ctx, 'done', input);
    return `${input.label}:slow-ok`;
  });

  /**
   * Fails its first two runs per label across all processes (counted in `DUROXIDE_RP_ATTEMPTS`,
   * shared by every child), then succeeds.
   */
  rt.registerActivity('FlakyStep', async (ctx, input: StepInput) => {
    record(ctx, 'run', input);
    const attempts = attemptsFile ?? `${log}.attempts`;
    const before = existsSync(attempts)
      ? readFileSync(attempts, 'utf8')
          .split('\n')
          .filter((l) => l === input.label).length
      : 0;
    appendFileSync(attempts, `${input.label}\n`);
    if (before < 2) throw new Error(`flaky failure ${before + 1} of ${input.label}`);
    return `${input.label}:ok`;
  });

  /** FlakyStep with retries 1.5 s apart (durable timers), then Step 'after'. */
  rt.registerOrchestration('RetryFlow', async (ctx: OrchestrationContext) => {
    const flaky = await ctx.scheduleActivityWithRetry<string>(
      'FlakyStep',
      { label: 'flaky' },
      {
        maxAttempts: 5,
        backoff: { kind: 'fixed', baseMs: 1500 },
      },
    );
    const after = await ctx.scheduleActivity<string>('Step', { label: 'after' });
    return `${flaky}|${after}`;
  });

  /** One Step, then a CPU loop that never yields (runaway orchestration code). */
  rt.registerOrchestration('Spin', async (ctx: OrchestrationContext) => {
    await ctx.scheduleActivity<string>('Step', { label: 'before-spin' });
    for (;;) {
      // never yields
    }
  });

  /** Crashes the whole process in the middle of its turn (a crash-looping instance). */
  rt.registerOrchestration('CrashTurn', async () => {
    process.exit(86);
  });

  /** a → b → Slow(c) → d; output `a:ok,b:ok,c:slow-ok,d:ok`. */
  rt.registerOrchestration('Chain', async (ctx: OrchestrationContext) => {
    const a = await ctx.scheduleActivity<string>('Step', { label: 'a' });
    const b = await ctx.scheduleActivity<string>('Step', { label: 'b' });
    const c = await ctx.scheduleActivity<string>('Slow', { label: 'c' });
    const d = await ctx.scheduleActivity<string>('Step', { label: 'd' });
    return [a, b, c, d].join(',');
  });

  /** before → durable timer of `timerMs` → after. */
  rt.registerOrchestration(
    'TimerFlow',
    async (ctx: OrchestrationContext, input: { timerMs: number }) => {
      const before = await ctx.scheduleActivity<string>('Step', { label: 'before' });
      await ctx.scheduleTimer(input.timerMs);
      const after = await ctx.scheduleActivity<string>('Step', { label: 'after' });
      return `${before}|${after}`;
    },
  );

  /** `count` parallel steps `${n}-1..count` joined with `all`; output `[n-1:ok, …]`. */
  rt.registerOrchestration(
    'FanOut',
    async (ctx: OrchestrationContext, input: { n: number; count: number }) => {
      const tasks = Array.from({ length: input.count }, (_, i) =>
        ctx.scheduleActivity<string>('Step', { label: `${input.n}-${i + 1}` }),
      );
      const results = await ctx.all(tasks);
      return results.map((r) => {
        if (r.err !== undefined) throw new Error(r.err);
        return r.ok;
      });
    },
  );

  /** Three sequential steps `${n}-1..3`; output `[n-1:ok, n-2:ok, n-3:ok]`. */
  rt.registerOrchestration('Seq3', async (ctx: OrchestrationContext, n: number) => {
    const out: string[] = [];
    for (let i = 1; i <= 3; i++)
      out.push(await ctx.scheduleActivity<string>('Step', { label: `${n}-${i}` }));
    return out;
  });

  /** Three parallel steps `${n}-1..3` joined with `all`; same output shape as `Seq3`. */
  rt.registerOrchestration('FanOut3', async (ctx: OrchestrationContext, n: number) => {
    const tasks = [1, 2, 3].map((i) =>
      ctx.scheduleActivity<string>('Step', { label: `${n}-${i}` }),
    );
    const results = await ctx.all(tasks);
    return results.map((r) => {
      if (r.err !== undefined) throw new Error(r.err);
      return r.ok;
    });
  });
}

async function main(log: string): Promise<void> {
  // Async hooks on, as AsyncLocalStorage-based tracing would turn them on.
  if (process.env.DUROXIDE_RP_ALS === '1') new AsyncLocalStorage<number>().enterWith(1);
  const proc = process.env.DUROXIDE_RP_NAME ?? String(process.pid);
  const overrides = JSON.parse(process.env.DUROXIDE_RP_OPTIONS ?? '{}') as RuntimeOptions;
  const provider =
    dbFile !== undefined
      ? await SqliteProvider.open(`sqlite:${dbFile}`)
      : await PostgresProvider.connectWithSchema(pgUrl ?? '', pgSchema ?? 'public');
  const rt = new Runtime(provider, { logLevel: 'error', workerNodeId: proc, ...overrides });
  register(rt, log, proc);
  if (process.env.DUROXIDE_RP_CHAOS === '1') {
    registerChaosWorkload(rt, process.env.DUROXIDE_RP_V2 === '1');
  }

  let stopping = false;
  process.on('SIGTERM', () => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      await rt.shutdown(envInt('DUROXIDE_RP_SHUTDOWN_MS', 5_000));
      const metrics = rt.metricsSnapshot();
      await provider.close();
      send({ type: 'stopped', metrics });
      process.exitCode = 0;
      process.disconnect?.();
      // Let the IPC message flush, then leave even if a handle lingers.
      setTimeout(() => process.exit(0), 200).unref();
    })();
  });
  // Parent gone (crashed test runner): leave immediately rather than linger on the file.
  process.on('disconnect', () => {
    if (!stopping) process.exit(1);
  });

  await rt.start();
  send({ type: 'ready', pid: process.pid });
}

if (
  process.send !== undefined &&
  (dbFile !== undefined || pgUrl !== undefined) &&
  logFile !== undefined
) {
  main(logFile).catch((error: unknown) => {
    send({
      type: 'error',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    process.exit(1);
  });
}
