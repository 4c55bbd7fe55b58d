/**
 * The chaos run (docs/reliability.md): runtime child processes on one store, a mixed workload
 * started in waves, faults injected while it runs — SIGKILLs with restarts (restarted nodes
 * carry a new orchestration version), a PostgreSQL restart, a SQLite disk-full (a small tmpfs)
 * and a held SQLite write lock — then an oracle that checks every instance. Used by the short
 * run in `npm test` (`chaos.test.ts`) and the long run (`npm run chaos`, scripts/chaos.ts).
 * @module
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { Client, Provider } from '../../src/index.js';
import { ProcessFixture, type RuntimeChild } from '../helpers/process-harness.js';
import type { StoreKind } from '../helpers/test-store.js';
import { CHAOS_KINDS, COUNTER_ROUNDS, expectedOutput, type ChaosKind } from './chaos-workload.js';

export interface ChaosOptions {
  readonly kind: StoreKind;
  readonly processes: number;
  readonly instances: number;
  readonly kills: number;
  /** How long waves of starts and faults go on. */
  readonly faultWindowMs: number;
  readonly seed: number;
  readonly log?: (line: string) => void;
}

export interface ChaosReport {
  readonly kind: StoreKind;
  readonly instances: number;
  readonly kills: number;
  readonly restarts: number;
  readonly postgresRestarts: number;
  readonly heldLocks: number;
  /** `tmpfs` when the SQLite store sat on a small tmpfs that was filled once; else `skipped`. */
  readonly diskFull: 'tmpfs' | 'skipped' | 'n/a';
  readonly reruns: number;
  readonly failures: readonly string[];
  readonly elapsedMs: number;
}

const RUNTIME_OPTIONS = {
  orchestratorLockTimeoutMs: 2_000,
  workerLockTimeoutMs: 2_000,
  nodeHeartbeatIntervalMs: 300,
  orchestrationConcurrency: 4,
};
const TMPFS_BYTES = 64 * 1024 * 1024;

/** A small deterministic generator (mulberry32), so a failing seed can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mounts a tmpfs for the SQLite store when this process may (root); undefined otherwise. */
function mountTmpfs(): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'duroxide-chaos-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_BYTES}`, 'tmpfs', dir]);
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
}

/** Fills the file system of `dir` until ENOSPC; returns the filler's path. */
function fillDisk(dir: string): string {
  const filler = join(dir, 'filler.bin');
  const chunk = Buffer.alloc(1024 * 1024);
  writeFileSync(filler, '');
  try {
    for (;;) writeFileSync(filler, chunk, { flag: 'a' });
  } catch {
    // ENOSPC: full
  }
  try {
    for (;;) writeFileSync(filler, chunk.subarray(0, 4096), { flag: 'a' });
  } catch {
    // full to the last page
  }
  return filler;
}

/** Fault windows (start, end) during which lost locks may re-run activities. */
interface Window {
  readonly from: number;
  readonly to: number;
}

export async function runChaos(t: TestContext, options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const rand = random(options.seed);
  const tmpfs = options.kind === 'sqlite' ? mountTmpfs() : undefined;
  if (tmpfs !== undefined) {
    t.after(() => {
      try {
        execFileSync('umount', ['-l', tmpfs]);
      } finally {
        rmSync(tmpfs, { recursive: true, force: true });
      }
    });
  }
  const fx =
    options.kind === 'sqlite'
      ? ProcessFixture.create(t, tmpfs)
      : await ProcessFixture.on(t, 'postgres', 'chaos');
  const client = await fx.client();
  const provider = await fx.provider();
  const env = { DUROXIDE_RP_CHAOS: '1' };
  let spawned = 0;
  const spawn = (v2: boolean): Promise<RuntimeChild> =>
    fx.spawn(`p${++spawned}`, {
      stepMs: 20,
      runtimeOptions: RUNTIME_OPTIONS,
      env: v2 ? { ...env, DUROXIDE_RP_V2: '1' } : env,
      readyTimeoutMs: 60_000,
    });
  const live: RuntimeChild[] = [];
  for (let i = 0; i < options.processes; i++) live.push(await spawn(false));

  const ids: { id: string; kind: ChaosKind }[] = [];
  const killedProcs = new Set<string>();
  const windows: Window[] = [];
  let kills = 0;
  let postgresRestarts = 0;
  let heldLocks = 0;
  let diskFull: ChaosReport['diskFull'] = options.kind === 'sqlite' ? 'skipped' : 'n/a';

  // Faults at fixed fractions of the window; kills spread over it.
  const faults: { at: number; run: () => Promise<void> }[] = [];
  for (let k = 1; k <= options.kills; k++) {
    faults.push({
      at: (k / (options.kills + 1)) * options.faultWindowMs * (0.8 + 0.4 * rand()),
      run: async () => {
        const victim = live.splice(Math.floor(rand() * live.length), 1)[0];
        if (victim === undefined) return;
        killedProcs.add(victim.name);
        await victim.kill();
        kills++;
        windows.push({
          from: Date.now() - 100,
          to: Date.now() + RUNTIME_OPTIONS.workerLockTimeoutMs,
        });
        log(`kill ${victim.name}`);
        live.push(await spawn(true));
      },
    });
  }
  if (options.kind === 'postgres' && fx.server.isOwned) {
    faults.push({
      at: options.faultWindowMs / 2,
      run: async () => {
        const from = Date.now();
        await fx.server.restart();
        postgresRestarts++;
        windows.push({ from, to: Date.now() + RUNTIME_OPTIONS.workerLockTimeoutMs });
        log('postgres restarted');
      },
    });
  }
  if (options.kind === 'sqlite') {
    faults.push({
      at: options.faultWindowMs / 3,
      run: async () => {
        const db = new Database(fx.dbFile);
        const from = Date.now();
        try {
          db.pragma('busy_timeout = 10000');
          db.prepare('BEGIN IMMEDIATE').run();
          await sleep(1_500);
          db.prepare('COMMIT').run();
        } finally {
          db.close();
        }
        heldLocks++;
        windows.push({ from, to: Date.now() + RUNTIME_OPTIONS.workerLockTimeoutMs });
        log('held the write lock 1.5 s');
      },
    });
    if (tmpfs !== undefined) {
      faults.push({
        at: (2 * options.faultWindowMs) / 3,
        run: async () => {
          const from = Date.now();
          const filler = fillDisk(tmpfs);
          await sleep(1_500);
          unlinkSync(filler);
          diskFull = 'tmpfs';
          windows.push({ from, to: Date.now() + RUNTIME_OPTIONS.workerLockTimeoutMs });
          log('disk full for 1.5 s');
        },
      });
    }
  }
  faults.sort((a, b) => a.at - b.at);

  const pending: Promise<void>[] = [];
  // Waves of starts while the faults happen.
  const waves = Math.max(1, Math.ceil(options.instances / 9));
  const perWave = Math.ceil(options.instances / waves);
  const driver = (async () => {
    for (let w = 0; w < waves && ids.length < options.instances; w++) {
      for (let i = 0; i < perWave && ids.length < options.instances; i++) {
        const kind = CHAOS_KINDS[ids.length % CHAOS_KINDS.length]!;
        const id = `cx-${options.seed}-${ids.length}-${kind}`;
        ids.push({ id, kind });
        await startOne(client, kind, id, pending);
      }
      await sleep(options.faultWindowMs / waves);
    }
  })();
  const injector = (async () => {
    for (const fault of faults) {
      const wait = started + fault.at - Date.now();
      if (wait > 0) await sleep(wait);
      await fault.run();
    }
  })();
  await Promise.all([driver, injector]);
  await Promise.all(pending);

  const failures = await checkInstances(client, ids);
  failures.push(...(await checkQueuesDrain(provider)));
  // Faults must never make a valid row unreadable: any quarantined row is a failure.
  const poisoned = (await provider.listPoisonedItems?.({}))?.items ?? [];
  for (const item of poisoned)
    failures.push(`quarantined ${item.queue} row of '${item.instanceId ?? '?'}': ${item.reason}`);
  const { reruns, unexplained } = countReruns(fx, killedProcs, windows);
  failures.push(...unexplained);
  return {
    kind: options.kind,
    instances: ids.length,
    kills,
    restarts: kills,
    postgresRestarts,
    heldLocks,
    diskFull,
    reruns,
    failures,
    elapsedMs: Date.now() - started,
  };
}

async function startOne(
  client: Client,
  kind: ChaosKind,
  id: string,
  pending: Promise<void>[],
): Promise<void> {
  const input = kind === 'CxCounter' ? { id, left: COUNTER_ROUNDS } : id;
  await withRetries(() => client.startOrchestration(id, kind, input));
  // An event raised before the code subscribes is dropped by design: raise it after.
  if (kind === 'CxEvent') pending.push(raiseWhenSubscribed(client, id));
  if (kind === 'CxQueue') {
    await withRetries(() => client.enqueueEvent(id, 'q', 'a'));
    await withRetries(() => client.enqueueEvent(id, 'q', 'b'));
  }
  if (kind === 'CxCancel') await withRetries(() => client.cancelInstance(id, 'chaos'));
}

async function raiseWhenSubscribed(client: Client, id: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const events = await withRetries(() => client.readExecutionHistory(id, 1)).catch(() => []);
    if (events.some((e) => e.kind === 'ExternalSubscribed')) {
      await withRetries(() => client.raiseEvent(id, 'go', 'ev'));
      return;
    }
    await sleep(100);
  }
}

/** Client calls during a database restart or a full disk fail transiently: try again. */
async function withRetries<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= 40) throw error;
      await sleep(250);
    }
  }
}

/** Every instance terminal with its expected output; history without gaps, one terminal event. */
async function checkInstances(
  client: Client,
  ids: readonly { id: string; kind: ChaosKind }[],
): Promise<string[]> {
  const failures: string[] = [];
  for (const { id, kind } of ids) {
    const status = await withRetries(() => client.waitForOrchestration(id, 30_000)).catch(
      (e: unknown) => ({ status: 'Timeout', error: String(e) }) as const,
    );
    if (kind === 'CxCancel') {
      if (status.status !== 'Failed' || !/^canceled/.test(status.error ?? '')) {
        failures.push(`${id}: expected canceled, got ${JSON.stringify(status)}`);
      }
      continue;
    }
    const info = await withRetries(() => client.getInstanceInfo(id));
    const expected = expectedOutput(kind, id, info.orchestrationVersion);
    if (
      status.status !== 'Completed' ||
      JSON.stringify(status.output) !== JSON.stringify(expected)
    ) {
      failures.push(`${id}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(status)}`);
      continue;
    }
    failures.push(...(await checkHistory(client, id)));
  }
  return failures;
}

async function checkHistory(client: Client, id: string): Promise<string[]> {
  const executions = await withRetries(() => client.listExecutions(id));
  const out: string[] = [];
  for (const executionId of executions) {
    const events = await withRetries(() => client.readExecutionHistory(id, executionId));
    events.forEach((e, i) => {
      if (e.eventId !== i + 1)
        out.push(`${id} execution ${executionId}: event ${i + 1} has id ${e.eventId}`);
    });
    const terminal = events.filter((e) =>
      ['OrchestrationCompleted', 'OrchestrationFailed', 'OrchestrationContinuedAsNew'].includes(
        e.kind,
      ),
    );
    if (terminal.length !== 1)
      out.push(`${id} execution ${executionId}: ${terminal.length} terminal events`);
  }
  return out;
}

async function checkQueuesDrain(provider: Provider): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const depths = await provider.getQueueDepths?.();
    if (depths === undefined) return [];
    if (depths.orchestratorQueue + depths.workerQueue + depths.timerQueue === 0) return [];
    if (i === 99) return [`queue rows left behind: ${JSON.stringify(depths)}`];
    await sleep(200);
  }
  return [];
}

/**
 * Activity runs beyond the expected (a FlakyStep runs three times by design): each must follow
 * a run in a process that was killed, or fall in a fault window where locks could be lost.
 */
function countReruns(
  fx: ProcessFixture,
  killed: ReadonlySet<string>,
  windows: readonly Window[],
): { reruns: number; unexplained: string[] } {
  const byKey = new Map<string, { proc: string; t: number }[]>();
  for (const e of fx.allEffects()) {
    if (e.ev !== 'run') continue;
    const key = `${e.activity}|${e.instanceId}|${JSON.stringify(e.input)}`;
    const runs = byKey.get(key) ?? [];
    runs.push({ proc: e.proc, t: e.t });
    byKey.set(key, runs);
  }
  let reruns = 0;
  const unexplained: string[] = [];
  for (const [key, runs] of byKey) {
    const expected = key.startsWith('FlakyStep|') ? 3 : 1;
    if (runs.length <= expected) continue;
    reruns += runs.length - expected;
    runs.sort((a, b) => a.t - b.t);
    for (const run of runs.slice(expected)) {
      const explained =
        runs.some((r) => r.t <= run.t && killed.has(r.proc)) ||
        windows.some((w) => run.t >= w.from && run.t <= w.to + 5_000);
      if (!explained) unexplained.push(`activity re-run without a fault: ${key} at ${run.t}`);
    }
  }
  return { reruns, unexplained };
}
