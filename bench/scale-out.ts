/**
 * `npm run bench -- --scale-out`: chain3 throughput with 1, 2 and 3 runtime processes
 * (bench/scale-out-node.ts) on one PostgreSQL server, started and awaited by a client in this
 * process (100 in flight). Reports orchestrations/s per process count and the CPU spent per
 * orchestration by the server (every process of the postmaster, read from /proc: a local
 * server only), by the runtimes together and by the client.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { Client, type Provider } from '../src/index.js';
import * as w from './workloads.js';
import { processTreeCpu } from './proc-cpu.js';

export interface ScaleOutRow {
  readonly processes: number;
  readonly orchestrations: number;
  readonly orchestrationsPerSecond: number;
  readonly p50Ms: number;
  /** Server CPU ms per orchestration; NaN when the server is not local. */
  readonly serverCpuMsPerOrchestration: number;
  readonly runtimeCpuMsPerOrchestration: number;
  readonly clientCpuMsPerOrchestration: number;
}

/** The postmaster's pid, when the server runs on this machine (the parent of our backend). */
export async function postmasterPid(url: string): Promise<number | undefined> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const stat = readFileSync(`/proc/${rows[0]!.pid}/stat`, 'utf8');
    return Number(stat.replace(/^.*\) /, '').split(' ')[1]);
  } catch {
    return undefined;
  } finally {
    await c.end();
  }
}

function startNode(url: string, schema: string): Promise<ChildProcess> {
  const script = fileURLToPath(new URL('./scale-out-node.js', import.meta.url));
  const child = spawn(process.execPath, [script, url, schema], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) =>
      line === 'ready' ? resolve(child) : reject(new Error(`node said ${line}`)),
    );
    child.once('exit', (code) => reject(new Error(`runtime process exited with ${code}`)));
  });
}

/** Closes the node's stdin and reads its CPU seconds. */
function stopNode(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: child.stdout! });
    let last = 0;
    lines.on('line', (line) => (last = Number(line)));
    child.once('exit', () => resolve(last));
    child.stdin!.end();
  });
}

export async function scaleOut(url: string, z: w.Sizes): Promise<ScaleOutRow[]> {
  const index = (await import('../src/index.js')) as Record<string, unknown>;
  const Postgres = index['PostgresProvider'] as {
    connectWithSchema(url: string, schema: string): Promise<Provider>;
  };
  const postmaster = await postmasterPid(url);
  const rows: ScaleOutRow[] = [];
  const n = z.chainInstances * 2;
  for (const count of [1, 2, 3]) {
    const schema = `scale_${process.pid}_${count}`;
    const provider = await Postgres.connectWithSchema(url, schema);
    const nodes = await Promise.all(Array.from({ length: count }, () => startNode(url, schema)));
    const client = new Client(provider);
    const server0 = postmaster === undefined ? Number.NaN : processTreeCpu(postmaster);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const latencies: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: z.inFlight }, async () => {
        while (next < n) {
          const i = next++;
          const id = `s${process.pid}-${count}-${i}`;
          const a = performance.now();
          await client.startOrchestration(id, 'Chain', { n: i, steps: 3 });
          const s = await client.waitForOrchestration(id, 300_000);
          if (s.status !== 'Completed') throw new Error(`${id} ended ${s.status}`);
          latencies.push(performance.now() - a);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const server = postmaster === undefined ? Number.NaN : processTreeCpu(postmaster) - server0;
    const runtimeCpu = (await Promise.all(nodes.map(stopNode))).reduce((a, b) => a + b, 0);
    await provider.close();
    latencies.sort((a, b) => a - b);
    rows.push({
      processes: count,
      orchestrations: n,
      orchestrationsPerSecond: w.round(n / seconds),
      p50Ms: w.round(w.pct(latencies, 50)),
      serverCpuMsPerOrchestration: w.round((server * 1000) / n),
      runtimeCpuMsPerOrchestration: w.round((runtimeCpu * 1000) / n),
      clientCpuMsPerOrchestration: w.round((cpu.user + cpu.system) / 1000 / n),
    });
  }
  return rows;
}

export function scaleOutTable(rows: readonly ScaleOutRow[]): string {
  const head = [
    'processes',
    'n',
    'orch/s',
    'p50 ms',
    'server cpu ms/orch',
    'runtimes cpu ms/orch',
    'client cpu ms/orch',
  ];
  const body = rows.map((r) => [
    String(r.processes),
    String(r.orchestrations),
    r.orchestrationsPerSecond.toFixed(0),
    r.p50Ms.toFixed(1),
    r.serverCpuMsPerOrchestration.toFixed(2),
    r.runtimeCpuMsPerOrchestration.toFixed(2),
    r.clientCpuMsPerOrchestration.toFixed(2),
  ]);
  const all = [head, ...body];
  const widths = head.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  return all.map((r) => r.map((cell, c) => cell.padStart(widths[c]!)).join('  ')).join('\n');
}
