/**
 * The DBOS peer, seen from the bench (bench/run.ts): which of our workloads it runs too (same
 * shapes, same sizes), its process (bench/dbos-peer.ts, started once and fed one job at a time,
 * each right after ours), and the comparison of ours and DBOS's figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as w from './workloads.js';

/** One workload for the peer: its workflow's shape and our sizes. */
export interface PeerJob extends w.Shape {
  readonly workload: string;
  readonly shape: 'hello' | 'chain' | 'fanout';
  /** Steps per workflow: sequential (hello, chain) or run concurrently (fanout). */
  readonly steps: number;
}

/** What the peer process reports for one job. */
export interface PeerFigures {
  readonly workload: string;
  readonly orchestrations: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  /** The PostgreSQL server's CPU during the job (a local server only). */
  readonly serverCpuSeconds?: number;
}

/** Ours and DBOS's figures for one workload. */
export interface PeerPair {
  readonly job: PeerJob;
  readonly ours: w.WorkloadResult;
  readonly dbos: w.WorkloadResult;
}

/** The workloads the peer runs too, by our name, with our shapes and sizes (bench/workloads.ts). */
export function peerJobs(z: w.Sizes): ReadonlyMap<string, PeerJob> {
  const jobs: PeerJob[] = [
    { workload: 'hello', shape: 'hello', steps: 1, n: z.instances, inFlight: z.inFlight },
    { workload: 'chain3', shape: 'chain', steps: 3, ...w.chainShape(z, 3) },
    { workload: 'chain10', shape: 'chain', steps: 10, ...w.chainShape(z, 10) },
    { workload: 'fanout10', shape: 'fanout', steps: 10, ...w.fanoutShape(z, 10) },
    { workload: 'sequential-chain3', shape: 'chain', steps: 3, n: z.sequential, inFlight: 1 },
  ];
  return new Map(jobs.map((j) => [j.workload, j]));
}

/** The peer's process: DBOS launched once, one job at a time. */
export class PeerProcess {
  private readonly waiting: {
    resolve: (line: string) => void;
    reject: (e: Error) => void;
  }[] = [];
  private exited: Error | undefined;
  /** The DBOS SDK's version, as the peer reported it. */
  version = 'unknown';

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      // DBOS's own output, if any, goes to stderr; our lines carry the prefix.
      if (line.startsWith('peer:')) this.waiting.shift()?.resolve(line.slice(5));
      else process.stderr.write(`${line}\n`);
    });
    child.once('exit', (code) => {
      this.exited = new Error(`the DBOS peer process exited with ${code} (its stderr is above)`);
      for (const waiter of this.waiting.splice(0)) waiter.reject(this.exited);
    });
  }

  /** Starts the process and waits for DBOS to be launched. */
  static async start(url: string, postmaster: number | undefined): Promise<PeerProcess> {
    const script = fileURLToPath(new URL('./dbos-peer.js', import.meta.url));
    const child = spawn(process.execPath, [script, url, String(postmaster ?? '')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const peer = new PeerProcess(child);
    peer.version = (JSON.parse(await peer.next()) as { version: string }).version;
    return peer;
  }

  private next(): Promise<string> {
    if (this.exited !== undefined) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  async run(job: PeerJob): Promise<w.WorkloadResult> {
    const reply = this.next();
    this.child.stdin!.write(`${JSON.stringify(job)}\n`);
    const f = JSON.parse(await reply) as PeerFigures;
    return {
      workload: `dbos ${job.workload}`,
      orchestrations: f.orchestrations,
      activities: f.orchestrations * job.steps,
      seconds: f.seconds,
      latenciesMs: f.latenciesMs,
      cpuSeconds: f.cpuSeconds,
      peakRssMb: f.peakRssMb,
      extra: {
        cpuMsPerOrch: w.round((f.cpuSeconds * 1000) / f.orchestrations),
        ...(f.serverCpuSeconds === undefined
          ? {}
          : { serverCpuMsPerOrch: w.round((f.serverCpuSeconds * 1000) / f.orchestrations) }),
      },
    };
  }

  /** Ends its stdin: DBOS shuts down and the process exits. */
  async close(): Promise<void> {
    if (this.exited !== undefined) return;
    const exit = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin!.end();
    await exit;
  }
}

interface Figures {
  readonly orchestrationsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpuMsPerOrch: number;
  /** NaN when the server is not local. */
  readonly serverCpuMsPerOrch: number;
}

function figures(r: w.WorkloadResult): Figures {
  const lat = [...r.latenciesMs].sort((a, b) => a - b);
  const server = r.extra['serverCpuMsPerOrch'];
  return {
    orchestrationsPerSecond: r.orchestrations / r.seconds,
    p50Ms: w.pct(lat, 50),
    p99Ms: w.pct(lat, 99),
    cpuMsPerOrch: (r.cpuSeconds * 1000) / r.orchestrations,
    serverCpuMsPerOrch: typeof server === 'number' ? server : Number.NaN,
  };
}

/** `sequential-chain3` → `sequentialChain3`. */
function camel(name: string): string {
  return name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

/**
 * Ours ÷ DBOS per workload: throughput (under load only), p50 and p99 latency, CPU per
 * orchestration of the process, of the server, and of both together.
 */
function peerRatios(pairs: readonly PeerPair[]): Record<string, number> {
  const ratios: Record<string, number> = {};
  for (const { job, ours, dbos } of pairs) {
    const [o, d] = [figures(ours), figures(dbos)];
    const c = camel(job.workload);
    const put = (key: string, value: number): void => {
      if (Number.isFinite(value)) ratios[`${c}${key}OursOverDbos`] = w.round(value);
    };
    if (job.inFlight > 1) {
      put('Throughput', o.orchestrationsPerSecond / d.orchestrationsPerSecond);
      put('P50Latency', o.p50Ms / d.p50Ms);
      put('P99Latency', o.p99Ms / d.p99Ms);
    } else {
      put('P50', o.p50Ms / d.p50Ms);
      put('P99', o.p99Ms / d.p99Ms);
    }
    put('Cpu', o.cpuMsPerOrch / d.cpuMsPerOrch);
    put('ServerCpu', o.serverCpuMsPerOrch / d.serverCpuMsPerOrch);
    put(
      'TotalCpu',
      (o.cpuMsPerOrch + o.serverCpuMsPerOrch) / (d.cpuMsPerOrch + d.serverCpuMsPerOrch),
    );
  }
  return ratios;
}

/** One row per workload: ours beside DBOS. */
export function peerTable(pairs: readonly PeerPair[]): string {
  const head = [
    'workload',
    'in flight',
    'orch/s ours',
    'dbos',
    'ours/dbos',
    'p50 ms ours',
    'dbos',
    'p99 ms ours',
    'dbos',
    'cpu ms/orch ours',
    'dbos',
    'server ms/orch ours',
    'dbos',
  ];
  const fixed = (x: number, digits: number): string => (Number.isNaN(x) ? '-' : x.toFixed(digits));
  const rows = pairs.map(({ job, ours, dbos }) => {
    const [o, d] = [figures(ours), figures(dbos)];
    return [
      job.workload,
      String(job.inFlight),
      fixed(o.orchestrationsPerSecond, 0),
      fixed(d.orchestrationsPerSecond, 0),
      fixed(o.orchestrationsPerSecond / d.orchestrationsPerSecond, 2),
      fixed(o.p50Ms, 1),
      fixed(d.p50Ms, 1),
      fixed(o.p99Ms, 1),
      fixed(d.p99Ms, 1),
      fixed(o.cpuMsPerOrch, 2),
      fixed(d.cpuMsPerOrch, 2),
      fixed(o.serverCpuMsPerOrch, 2),
      fixed(d.serverCpuMsPerOrch, 2),
    ];
  });
  return w.formatTable(head, rows);
}

/** The `peer` section of bench/results/latest.json: DBOS's figures per workload, the ratios. */
export function peerReport(pairs: readonly PeerPair[], version: string): Record<string, unknown> {
  const report: Record<string, unknown> = { name: 'dbos', version };
  for (const { job, dbos } of pairs) {
    const f = figures(dbos);
    const lat = [...dbos.latenciesMs].sort((a, b) => a - b);
    report[camel(job.workload)] = {
      orchestrations: dbos.orchestrations,
      inFlight: job.inFlight,
      orchestrationsPerSecond: w.round(f.orchestrationsPerSecond),
      p50Ms: w.round(f.p50Ms),
      p95Ms: w.round(w.pct(lat, 95)),
      p99Ms: w.round(f.p99Ms),
      cpuSeconds: w.round(dbos.cpuSeconds),
      peakRssMb: w.round(dbos.peakRssMb),
      ...dbos.extra,
    };
  }
  report['ratios'] = peerRatios(pairs);
  return report;
}
