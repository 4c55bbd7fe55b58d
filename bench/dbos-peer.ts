/**
 * The peer in the same run: DBOS Transact (`@dbos-inc/dbos-sdk`) on the same PostgreSQL server,
 * running the same workloads as ours (bench/peer.ts says which, with our shapes and sizes): a
 * workflow of one step (hello), of N sequential steps (chain3, chain10), of N steps run
 * concurrently (fanout10), closed loop with the same number in flight, and one chain3 at a time.
 *
 * Runs in its own process (DBOS is a process-wide singleton), started once by bench/run.ts:
 *   node .build/bench/dbos-peer.js <postgres-url> [<postmaster-pid>]
 * It prints `peer:{"ready":true,"version":…}` once launched, then reads one job (a `PeerJob`, JSON) per
 * stdin line, runs it and prints `peer:` and its figures (a `PeerFigures`, JSON) on one line;
 * it shuts DBOS down when stdin ends. With the postmaster's pid it also reports the server's CPU
 * during each job (every process of the postmaster, from /proc, as for ours).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { DBOS } from '@dbos-inc/dbos-sdk';
import { processTreeCpu } from './proc-cpu.js';
import type { PeerFigures, PeerJob } from './peer.js';

const [url, postmasterArg] = process.argv.slice(2);
if (url === undefined) throw new Error('usage: dbos-peer.js <postgres-url> [<postmaster-pid>]');
const postmaster =
  postmasterArg === undefined || postmasterArg === '' ? undefined : Number(postmasterArg);

const step = DBOS.registerStep(async (x: number) => x + 1, { name: 'step' });
const hello = DBOS.registerWorkflow(async (x: number) => step(x), { name: 'hello' });
const chain = DBOS.registerWorkflow(
  async (input: { n: number; steps: number }) => {
    let v = input.n;
    for (let i = 0; i < input.steps; i++) v = await step(v);
    return v;
  },
  { name: 'chain' },
);
/**
 * Steps run concurrently as DBOS documents it ("Workflows" tutorial): started in a deterministic
 * order, awaited with `Promise.allSettled` (DBOS advises against `Promise.all` in workflows).
 */
const fanout = DBOS.registerWorkflow(
  async (width: number) => {
    const settled = await Promise.allSettled(Array.from({ length: width }, (_, i) => step(i)));
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    return settled.length;
  },
  { name: 'fanout' },
);

/** Starts instance `i` of the job's workflow and checks its result. */
async function once(job: PeerJob, i: number): Promise<void> {
  const [handle, expected] =
    job.shape === 'hello'
      ? [await DBOS.startWorkflow(hello)(i), i + 1]
      : job.shape === 'chain'
        ? [await DBOS.startWorkflow(chain)({ n: i, steps: job.steps }), i + job.steps]
        : [await DBOS.startWorkflow(fanout)(job.steps), job.steps];
  const out = await handle.getResult();
  if (out !== expected) throw new Error(`DBOS ${job.workload}(${i}) returned ${out}`);
}

/**
 * The peer's database url. DBOS's default idle-in-transaction timeout (60 s) goes in the
 * startup `options`: given that way, DBOS does not add its own pool 'connect' hook, whose
 * `SET` overlaps the first query of each new connection (pg's "client.query() when the client
 * is already executing a query" deprecation warning in the bench output). Same setting, no
 * extra round trip, no warning.
 */
function dbUrl(base: string, database: string): string {
  const u = new URL(base);
  u.pathname = `/${database}`;
  u.searchParams.set('options', '-c idle_in_transaction_session_timeout=60000');
  return u.toString();
}

/** Closed loop with `job.inFlight` running, measured like ours (bench/workloads.ts). */
async function measure(job: PeerJob): Promise<PeerFigures> {
  const server0 = postmaster === undefined ? undefined : processTreeCpu(postmaster);
  const cpu0 = process.cpuUsage();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const latenciesMs: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(job.inFlight, job.n) }, async () => {
      while (next < job.n) {
        const i = next++;
        const a = performance.now();
        await once(job, i);
        latenciesMs.push(performance.now() - a);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const cpu = process.cpuUsage(cpu0);
  return {
    workload: job.workload,
    orchestrations: job.n,
    seconds,
    latenciesMs,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMb: peak / 1024 / 1024,
    ...(server0 === undefined ? {} : { serverCpuSeconds: processTreeCpu(postmaster!) - server0 }),
  };
}

/** The SDK's version, from its package.json (two folders above its entry point, dist/src/). */
function dbosVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@dbos-inc/dbos-sdk');
  const pkg = JSON.parse(
    readFileSync(join(dirname(entry), '..', '..', 'package.json'), 'utf8'),
  ) as {
    version?: string;
  };
  return pkg.version ?? 'unknown';
}

function say(value: unknown): void {
  process.stdout.write(`peer:${JSON.stringify(value)}\n`);
}

async function main(): Promise<void> {
  DBOS.setConfig({
    name: 'duroxide-bench-peer',
    systemDatabaseUrl: dbUrl(url!, `dbos_bench_${process.pid}`),
    applicationVersion: 'bench-fixed',
    logLevel: 'error',
  });
  await DBOS.launch();
  try {
    say({ ready: true, version: dbosVersion() });
    for await (const line of createInterface({ input: process.stdin })) {
      if (line.trim() !== '') say(await measure(JSON.parse(line) as PeerJob));
    }
  } finally {
    await DBOS.shutdown();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(
      `dbos peer failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(1);
  },
);
