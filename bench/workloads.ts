/**
 * Benchmark workloads. Each runs against a fresh provider with its own runtime and client and
 * returns raw figures; bench/run.ts formats them.
 */
import {
  Client,
  Runtime,
  type OrchestrationContext,
  type Provider,
  type RuntimeOptions,
} from '../src/index.js';

export interface Sizes {
  readonly instances: number;
  readonly chainInstances: number;
  readonly fanout10Instances: number;
  readonly fanout100Instances: number;
  readonly timerInstances: number;
  readonly eventInstances: number;
  readonly sequential: number;
  readonly longHistory: number;
  readonly idleInstances: number;
  readonly inFlight: number;
  /** Instances behind the management API in the `api-query` workload (bench/management-api.ts). */
  readonly apiInstances: number;
}

export const QUICK: Sizes = {
  instances: 1000,
  chainInstances: 300,
  fanout10Instances: 200,
  fanout100Instances: 20,
  timerInstances: 100,
  eventInstances: 200,
  sequential: 300,
  longHistory: 2000,
  idleInstances: 2000,
  inFlight: 100,
  apiInstances: 10_000,
};

export const FULL: Sizes = {
  instances: 5000,
  chainInstances: 2000,
  fanout10Instances: 1000,
  fanout100Instances: 100,
  timerInstances: 500,
  eventInstances: 1000,
  sequential: 1000,
  longHistory: 5000,
  idleInstances: 10_000,
  inFlight: 100,
  apiInstances: 100_000,
};

export const SMOKE: Sizes = {
  instances: 20,
  chainInstances: 10,
  fanout10Instances: 5,
  fanout100Instances: 2,
  timerInstances: 5,
  eventInstances: 5,
  sequential: 10,
  longHistory: 50,
  idleInstances: 50,
  inFlight: 10,
  apiInstances: 200,
};

export interface WorkloadResult {
  readonly workload: string;
  readonly orchestrations: number;
  readonly activities: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  /** Workload-specific figures (timer overshoot, first/last per-turn cost, …). */
  readonly extra: Record<string, number | string>;
}

export interface BenchEnv {
  /** A fresh, empty provider for one workload. */
  readonly createProvider: () => Promise<Provider>;
  readonly runtimeOptions: RuntimeOptions;
  /** Called right before and after the measured part of a throughput workload (floor capture). */
  readonly onMeasure?: (phase: 'start' | 'end') => void;
  /** CPU seconds the database server has used so far (a local PostgreSQL), if known. */
  readonly serverCpuSeconds?: () => number;
}

function register(rt: Runtime): void {
  rt.registerActivity('Step', async (_ctx, x: number) => x + 1);
  rt.registerOrchestration('Hello', async (ctx: OrchestrationContext, x: number) =>
    ctx.scheduleActivity('Step', x),
  );
  rt.registerOrchestration(
    'Chain',
    async (ctx: OrchestrationContext, input: { n: number; steps: number }) => {
      let v = input.n;
      for (let i = 0; i < input.steps; i++) v = await ctx.scheduleActivity<number>('Step', v);
      return v;
    },
  );
  rt.registerOrchestration('FanOut', async (ctx: OrchestrationContext, width: number) => {
    const results = await Promise.all(
      Array.from({ length: width }, (_, i) => ctx.scheduleActivity<number>('Step', i)),
    );
    return results.length;
  });
  rt.registerOrchestration('Sleep', async (ctx: OrchestrationContext, ms: number) => {
    await ctx.scheduleTimer(ms);
    return ms;
  });
  rt.registerOrchestration('Wait', async (ctx: OrchestrationContext) => ctx.waitForEvent('go'));
}

interface Sampler {
  stop(): { cpuSeconds: number; peakRssMb: number };
}

function sample(): Sampler {
  const cpu0 = process.cpuUsage();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      const cpu = process.cpuUsage(cpu0);
      return { cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMb: peak / 1024 / 1024 };
    },
  };
}

async function withRuntime<T>(
  env: BenchEnv,
  fn: (client: Client, rt: Runtime) => Promise<T>,
  options: RuntimeOptions = {},
): Promise<T> {
  const provider = await env.createProvider();
  const rt = new Runtime(provider, { logLevel: 'error', ...env.runtimeOptions, ...options });
  register(rt);
  await rt.start();
  try {
    return await fn(new Client(provider), rt);
  } finally {
    await rt.shutdown(5000);
    await provider.close();
  }
}

let runId = 0;

/** Instances each throughput workload runs (not measured) before it is measured. */
const WARM_UP_INSTANCES = 20;
/** Prefix of the warm-up instances' ids. */
const WARM_UP_LABEL = 'warm';

/** Starts `n` instances keeping `inFlight` running; returns start→complete latencies. */
async function closedLoop(
  client: Client,
  n: number,
  inFlight: number,
  start: (id: string, i: number) => Promise<void>,
  label = 'b',
): Promise<number[]> {
  const prefix = `${label}${process.pid}-${++runId}-`;
  const latencies: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) {
      const i = next++;
      const id = `${prefix}${i}`;
      const t0 = performance.now();
      await start(id, i);
      const s = await client.waitForOrchestration(id, 300_000);
      if (s.status !== 'Completed')
        throw new Error(`bench instance ${id} ended ${s.status}: ${s.error ?? ''}`);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, n) }, worker));
  return latencies;
}

async function throughput(
  env: BenchEnv,
  workload: string,
  n: number,
  inFlight: number,
  activitiesPerInstance: number,
  start: (client: Client, id: string, i: number) => Promise<void>,
  /** Figures read after the measured part, before the runtime stops (not timed). */
  profile?: (client: Client) => Promise<Record<string, number>>,
): Promise<WorkloadResult> {
  return withRuntime(env, async (client) => {
    // Warm-up, not measured: the pool's connections opened and their statements prepared, as
    // in a runtime that has been running (the DBOS peer's process is warm after its first run).
    const warm = Math.min(n, WARM_UP_INSTANCES);
    await closedLoop(client, warm, warm, (id, i) => start(client, id, i), WARM_UP_LABEL);
    env.onMeasure?.('start');
    const server0 = env.serverCpuSeconds?.();
    const s = sample();
    const t0 = performance.now();
    const latenciesMs = await closedLoop(client, n, inFlight, (id, i) => start(client, id, i));
    const seconds = (performance.now() - t0) / 1000;
    env.onMeasure?.('end');
    const measured = s.stop();
    const server = server0 === undefined ? undefined : env.serverCpuSeconds!() - server0;
    return {
      workload,
      orchestrations: n,
      activities: n * activitiesPerInstance,
      seconds,
      latenciesMs,
      ...measured,
      // CPU per orchestration: far steadier than throughput on a shared machine.
      extra: {
        cpuMsPerOrch: round((measured.cpuSeconds * 1000) / n),
        ...(server === undefined ? {} : { serverCpuMsPerOrch: round((server * 1000) / n) }),
        ...(await profile?.(client)),
      },
    };
  });
}

export async function hello(env: BenchEnv, z: Sizes): Promise<WorkloadResult> {
  return throughput(env, 'hello', z.instances, z.inFlight, 1, (c, id, i) =>
    c.startOrchestration(id, 'Hello', i),
  );
}

/** Instances and how many run at once: the sizes of a workload, ours and the DBOS peer's. */
export interface Shape {
  readonly n: number;
  readonly inFlight: number;
}

export function chainShape(z: Sizes, steps: number): Shape {
  return {
    n: steps <= 3 ? z.chainInstances : Math.max(1, Math.floor(z.chainInstances / 3)),
    inFlight: z.inFlight,
  };
}

export function fanoutShape(z: Sizes, width: number): Shape {
  return {
    n: width <= 10 ? z.fanout10Instances : z.fanout100Instances,
    inFlight: width <= 10 ? z.inFlight : Math.min(z.inFlight, 10),
  };
}

export async function chain(env: BenchEnv, z: Sizes, steps: number): Promise<WorkloadResult> {
  const { n, inFlight } = chainShape(z, steps);
  return throughput(env, `chain${steps}`, n, inFlight, steps, (c, id, i) =>
    c.startOrchestration(id, 'Chain', { n: i, steps }),
  );
}

export async function fanout(env: BenchEnv, z: Sizes, width: number): Promise<WorkloadResult> {
  const { n, inFlight } = fanoutShape(z, width);
  return throughput(env, `fanout${width}`, n, inFlight, width, (c, id) =>
    c.startOrchestration(id, 'FanOut', width),
  );
}

/**
 * `n` 100 ms timers started at once. Overshoot = start → complete − 100 ms. The profile splits
 * it with the events' own timestamps: `firstTurn` (start call → `TimerCreated` committed: the
 * start burst queueing for turns) and `fireLate` (the timer's `fireAt` → `OrchestrationCompleted`
 * committed: how late the due timer's turn ran); the rest is the client's wake-up.
 */
export async function timer(env: BenchEnv, z: Sizes): Promise<WorkloadResult> {
  const started = new Map<string, number>();
  const r = await throughput(
    env,
    'timer',
    z.timerInstances,
    z.inFlight,
    0,
    (c, id) => {
      if (!id.startsWith(WARM_UP_LABEL)) started.set(id, Date.now());
      return c.startOrchestration(id, 'Sleep', 100);
    },
    async (client) => {
      const firstTurn: number[] = [];
      const fireLate: number[] = [];
      for (const [id, at] of started) {
        const history = await client.readExecutionHistory(id, 1);
        const created = history.find((e) => e.kind === 'TimerCreated');
        const done = history.find((e) => e.kind === 'OrchestrationCompleted');
        if (created?.data === undefined || done === undefined) continue;
        const { fireAt } = JSON.parse(created.data) as { fireAt: number };
        firstTurn.push(created.timestampMs - at);
        fireLate.push(done.timestampMs - fireAt);
      }
      firstTurn.sort((a, b) => a - b);
      fireLate.sort((a, b) => a - b);
      return {
        firstTurnMinMs: round(firstTurn[0] ?? 0),
        firstTurnP50Ms: round(pct(firstTurn, 50)),
        firstTurnP99Ms: round(pct(firstTurn, 99)),
        fireLateP50Ms: round(pct(fireLate, 50)),
        fireLateP99Ms: round(pct(fireLate, 99)),
      };
    },
  );
  const over = r.latenciesMs.map((l) => l - 100).sort((a, b) => a - b);
  return {
    ...r,
    extra: {
      ...r.extra,
      overshootP50Ms: round(pct(over, 50)),
      overshootP99Ms: round(pct(over, 99)),
      minMs: round(Math.min(...r.latenciesMs)),
    },
  };
}

/** Raise → resume latency: instances wait on an event; each raise is timed to completion. */
export async function event(env: BenchEnv, z: Sizes): Promise<WorkloadResult> {
  return withRuntime(env, async (client) => {
    const prefix = `e${process.pid}-${++runId}-`;
    const ids = Array.from({ length: z.eventInstances }, (_, i) => `${prefix}${i}`);
    for (const id of ids) await client.startOrchestration(id, 'Wait');
    for (const id of ids) {
      while (
        !(await client.readExecutionHistory(id, 1)).some((e) => e.kind === 'ExternalSubscribed')
      )
        await new Promise((r) => setTimeout(r, 5));
    }
    const s = sample();
    const t0 = performance.now();
    const latenciesMs: number[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const id = ids[next++]!;
        const a = performance.now();
        await client.raiseEvent(id, 'go', 1);
        await client.waitForOrchestration(id, 60_000);
        latenciesMs.push(performance.now() - a);
      }
    };
    await Promise.all(Array.from({ length: Math.min(z.inFlight, ids.length) }, worker));
    return {
      workload: 'event',
      orchestrations: ids.length,
      activities: 0,
      seconds: (performance.now() - t0) / 1000,
      latenciesMs,
      ...s.stop(),
      extra: {},
    };
  });
}

/** One instance at a time: the latency of a single hello orchestration. */
export async function sequential(env: BenchEnv, z: Sizes): Promise<WorkloadResult> {
  return throughput(env, 'sequential', z.sequential, 1, 1, (c, id, i) =>
    c.startOrchestration(id, 'Hello', i),
  );
}

/** One chain3 at a time: the latency figure compared with the peer. */
export async function sequentialChain3(env: BenchEnv, z: Sizes): Promise<WorkloadResult> {
  return throughput(env, 'sequential-chain3', z.sequential, 1, 3, (c, id, i) =>
    c.startOrchestration(id, 'Chain', { n: i, steps: 3 }),
  );
}

/** One orchestration of N sequential activities: per-turn cost at the start vs the end. */
export async function longHistory(env: BenchEnv, z: Sizes): Promise<WorkloadResult> {
  const stamps: number[] = [];
  return withRuntime(env, async (client, rt) => {
    rt.registerActivity('Stamp', async () => {
      stamps.push(performance.now());
      return null;
    });
    rt.registerOrchestration('Long', async (ctx: OrchestrationContext, n: number) => {
      for (let i = 0; i < n; i++) await ctx.scheduleActivity('Stamp');
      return n;
    });
    const s = sample();
    const t0 = performance.now();
    const id = `long-${process.pid}-${++runId}`;
    await client.startOrchestration(id, 'Long', z.longHistory);
    const st = await client.waitForOrchestration(id, 600_000);
    if (st.status !== 'Completed')
      throw new Error(`long history ended ${st.status}: ${st.error ?? ''}`);
    const seconds = (performance.now() - t0) / 1000;
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]!);
    const window = Math.min(500, Math.floor(gaps.length / 2));
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
    const first = mean(gaps.slice(0, window));
    const last = mean(gaps.slice(-window));
    return {
      workload: 'long-history',
      orchestrations: 1,
      activities: z.longHistory,
      seconds,
      latenciesMs: gaps,
      ...s.stop(),
      extra: {
        events: z.longHistory * 2 + 2,
        firstTurnMs: round(first),
        lastTurnMs: round(last),
        lastOverFirst: round(last / first),
      },
    };
  });
}

/** Many instances parked on an event: memory, then wake a sample and check they replay correctly. */
export async function idle(env: BenchEnv, z: Sizes): Promise<WorkloadResult> {
  return withRuntime(env, async (client, rt) => {
    const prefix = `i${process.pid}-${++runId}-`;
    const s = sample();
    const t0 = performance.now();
    const ids = Array.from({ length: z.idleInstances }, (_, i) => `${prefix}${i}`);
    let next = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < ids.length) await client.startOrchestration(ids[next++]!, 'Wait');
      }),
    );
    // Wait until every instance is parked on its event.
    while (
      (await client.countInstances({ status: 'Running', idPrefix: prefix }, 'status'))[0]?.count !==
        ids.length ||
      (await client.getQueueDepths()).orchestratorQueue > 0
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    global.gc?.();
    const rssMb = process.memoryUsage().rss / 1024 / 1024;
    const cached = rt.metricsSnapshot().cachedInstances;
    // Wake a spread of instances, most of them evicted from the cache: they must replay.
    const sampleIds = ids
      .filter((_, i) => i % Math.max(1, Math.floor(ids.length / 100)) === 0)
      .slice(0, 100);
    const latenciesMs: number[] = [];
    for (const id of sampleIds) {
      const a = performance.now();
      await client.raiseEvent(id, 'go', id);
      const st = await client.waitForOrchestration(id, 60_000);
      if (st.output !== id)
        throw new Error(`idle instance ${id} replayed wrongly: ${JSON.stringify(st)}`);
      latenciesMs.push(performance.now() - a);
    }
    return {
      workload: 'idle',
      orchestrations: ids.length,
      activities: 0,
      seconds: (performance.now() - t0) / 1000,
      latenciesMs,
      ...s.stop(),
      extra: { idleRssMb: round(rssMb), cachedInstances: cached, wokenCorrectly: sampleIds.length },
    };
  });
}

export function pct(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Columns padded to their widest cell; the columns in `left` left-aligned, the others right. */
export function formatTable(
  head: readonly string[],
  rows: readonly string[][],
  left: readonly number[] = [0],
): string {
  const all = [head, ...rows];
  const widths = head.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  return all
    .map((r) =>
      r
        .map((cell, c) => (left.includes(c) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  '),
    )
    .join('\n');
}
