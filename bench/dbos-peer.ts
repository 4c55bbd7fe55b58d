/**
 * The peer in the same run: DBOS Transact (`@dbos-inc/dbos-sdk`) on the same PostgreSQL server,
 * running the same chain3 workload (a workflow of three sequential steps), closed loop with the
 * same number in flight, plus the sequential (one at a time) latency.
 *
 * Runs in its own process (DBOS is a process-wide singleton), started by bench/run.ts:
 *   node .build/bench/dbos-peer.js <postgres-url> <instances> <inFlight> <sequential>
 * and prints one JSON line with its figures.
 */
import { DBOS } from '@dbos-inc/dbos-sdk';

interface PeerResult {
  readonly workload: string;
  readonly orchestrations: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
}

const [url, instancesArg, inFlightArg, sequentialArg] = process.argv.slice(2);
if (url === undefined)
  throw new Error('usage: dbos-peer.js <postgres-url> <instances> <inFlight> <sequential>');
const instances = Number(instancesArg ?? 300);
const inFlight = Number(inFlightArg ?? 100);
const sequentialN = Number(sequentialArg ?? 300);

const step = DBOS.registerStep(async (x: number) => x + 1, { name: 'step' });
const chain3 = DBOS.registerWorkflow(
  async (x: number) => {
    let v = x;
    for (let i = 0; i < 3; i++) v = await step(v);
    return v;
  },
  { name: 'chain3' },
);

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

async function measure(workload: string, n: number, parallel: number): Promise<PeerResult> {
  const cpu0 = process.cpuUsage();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const latenciesMs: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(parallel, n) }, async () => {
      while (next < n) {
        const i = next++;
        const a = performance.now();
        const handle = await DBOS.startWorkflow(chain3)(i);
        const out = await handle.getResult();
        if (out !== i + 3) throw new Error(`DBOS chain3(${i}) returned ${out}`);
        latenciesMs.push(performance.now() - a);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpu0);
  return {
    workload,
    orchestrations: n,
    seconds,
    latenciesMs,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMb: peak / 1024 / 1024,
  };
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
    const throughput = await measure('chain3', instances, inFlight);
    const sequential = await measure('sequential-chain3', sequentialN, 1);
    process.stdout.write(`${JSON.stringify({ throughput, sequential })}\n`);
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
