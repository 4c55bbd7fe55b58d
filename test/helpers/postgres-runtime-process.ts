/**
 * Child-process entry for the multi-node PostgreSQL tests: one Runtime on a shared PostgreSQL
 * schema — the PostgreSQL twin of `runtime-process.ts` (same IPC protocol and side-effect log,
 * so `RuntimeChild` from `process-harness.ts` drives it).
 *
 * Started by `postgres-process-harness.ts` with `child_process.fork`. It:
 * - connects to `DUROXIDE_PGRP_URL`, schema `DUROXIDE_PGRP_SCHEMA`;
 * - registers the fixed test orchestrations/activities below;
 * - records every activity execution in the side-effect log `DUROXIDE_PGRP_LOG` with a
 *   synchronous `appendFileSync` (one JSON line each), so a SIGKILL right after the append
 *   still leaves the line visible to the parent;
 * - sends `{ type: 'ready' }` once the runtime has started;
 * - on SIGTERM shuts the runtime down gracefully, sends `{ type: 'stopped', metrics }`, exits 0;
 * - exits at once when the parent disappears (IPC disconnect).
 *
 * Environment: `DUROXIDE_PGRP_URL`, `DUROXIDE_PGRP_SCHEMA`, `DUROXIDE_PGRP_LOG` (required);
 * `DUROXIDE_PGRP_NAME` (log label, default the pid); `DUROXIDE_PGRP_STEP_MS` (how long each
 * `Step` sleeps, default 0); `DUROXIDE_PGRP_SLOW_MS` (how long `Slow` sleeps, default 30,000,
 * stopping early on cancellation); `DUROXIDE_PGRP_SHUTDOWN_MS` (default 5,000);
 * `DUROXIDE_PGRP_OPTIONS` (JSON `RuntimeOptions` merged over the defaults).
 * @module
 */
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import { Runtime, type ActivityContext, type OrchestrationContext, type RuntimeOptions } from '../../src/index.js';
import type { ChildMessage, EffectLine, StepInput } from './runtime-process.js';

const url = process.env.DUROXIDE_PGRP_URL;
const schema = process.env.DUROXIDE_PGRP_SCHEMA;
const logFile = process.env.DUROXIDE_PGRP_LOG;

function send(message: ChildMessage): void {
  if (process.connected) process.send?.(message);
}

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got '${raw}'`);
  return n;
}

function register(rt: Runtime, log: string, proc: string): void {
  const stepMs = envInt('DUROXIDE_PGRP_STEP_MS', 0);
  const slowMs = envInt('DUROXIDE_PGRP_SLOW_MS', 30_000);
  const record = (ctx: ActivityContext, ev: EffectLine['ev'], input: unknown): void => {
    const line: EffectLine = { proc, pid: process.pid, ev, instanceId: ctx.instanceId, activity: ctx.activityName, input, t: Date.now() };
    appendFileSync(log, `${JSON.stringify(line)}\n`);
  };

  rt.registerActivity('Step', async (ctx, input: StepInput) => {
    record(ctx, 'run', input);
    if (stepMs > 0) await sleep(stepMs);
    return `${input.label}:ok`;
  });
  rt.registerActivity('Slow', async (ctx, input: StepInput) => {
    record(ctx, 'run', input);
    await sleep(slowMs, undefined, { signal: ctx.signal });
    record(ctx, 'done', input);
    return `${input.label}:slow-ok`;
  });

  /** `count` parallel steps `${n}-1..count` joined with `all`; output `[n-1:ok, …]`. */
  rt.registerOrchestration('FanOut', async (ctx: OrchestrationContext, input: { n: number; count: number }) => {
    const tasks = Array.from({ length: input.count }, (_, i) => ctx.scheduleActivity<string>('Step', { label: `${input.n}-${i + 1}` }));
    const results = await ctx.all(tasks);
    return results.map((r) => {
      if (r.err !== undefined) throw new Error(r.err);
      return r.ok;
    });
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
  rt.registerOrchestration('TimerFlow', async (ctx: OrchestrationContext, input: { timerMs: number }) => {
    const before = await ctx.scheduleActivity<string>('Step', { label: 'before' });
    await ctx.scheduleTimer(input.timerMs);
    const after = await ctx.scheduleActivity<string>('Step', { label: 'after' });
    return `${before}|${after}`;
  });
}

async function main(pgUrl: string, pgSchema: string, log: string): Promise<void> {
  const proc = process.env.DUROXIDE_PGRP_NAME ?? String(process.pid);
  const overrides = JSON.parse(process.env.DUROXIDE_PGRP_OPTIONS ?? '{}') as RuntimeOptions;
  const provider = await PostgresProvider.connectWithSchema(pgUrl, pgSchema);
  const rt = new Runtime(provider, { logLevel: 'error', workerNodeId: proc, ...overrides });
  register(rt, log, proc);

  let stopping = false;
  process.on('SIGTERM', () => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      await rt.shutdown(envInt('DUROXIDE_PGRP_SHUTDOWN_MS', 5_000));
      const metrics = rt.metricsSnapshot();
      await provider.close();
      send({ type: 'stopped', metrics });
      process.exitCode = 0;
      process.disconnect?.();
      setTimeout(() => process.exit(0), 200).unref();
    })();
  });
  process.on('disconnect', () => {
    if (!stopping) process.exit(1);
  });

  await rt.start();
  send({ type: 'ready', pid: process.pid });
}

if (process.send !== undefined && url !== undefined && schema !== undefined && logFile !== undefined) {
  main(url, schema, logFile).catch((error: unknown) => {
    send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  });
}
