/**
 * `npm run bench` — measures duroxide-ts on this machine and prints one table per provider.
 *
 *   node .build/bench/run.js [--full | --smoke] [--provider sqlite|postgres|all]
 *                            [--only hello,chain3,…] [--json bench/results/latest.json]
 *                            [--floor] [--scale-out]
 *
 * --floor: ours ÷ the floor (the captured statements replayed with no engine, bench/floor.ts)
 * per workload; --scale-out: PostgreSQL throughput with 1, 2 and 3 runtime processes
 * (bench/scale-out.ts).
 *
 * Quick mode (default) takes a minute or two; --full uses larger N; --smoke is a seconds-long
 * run used by the test suite to prove the harness works (figures meaningless there).
 * PostgreSQL: DUROXIDE_PG_URL, or a throwaway cluster started by the harness. On PostgreSQL the
 * DBOS peer (bench/peer.ts) runs hello, chain3, chain10, fanout10 and sequential-chain3 too, each
 * right after ours; `peer` in --only switches it on with a subset (`--only chain3,peer`).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { SqliteProvider, type Provider, type RuntimeOptions } from '../src/index.js';
import * as w from './workloads.js';
import { apiQuery } from './management-api.js';
import { floorTable, floorWorkloads, postgresFloor, sqliteFloor } from './floor-mode.js';
import { postmasterPid, scaleOut, scaleOutTable } from './scale-out.js';
import { processTreeCpu } from './proc-cpu.js';
import {
  PeerProcess,
  peerJobs,
  peerReport,
  peerTable,
  type PeerJob,
  type PeerPair,
} from './peer.js';

interface Args {
  readonly sizes: w.Sizes;
  readonly mode: string;
  readonly providers: string[];
  readonly only: Set<string> | undefined;
  readonly json: string | undefined;
  readonly floor: boolean;
  readonly scaleOut: boolean;
}

function parseArgs(argv: string[]): Args {
  let sizes = w.QUICK;
  let mode = 'quick';
  let providers = ['sqlite', 'postgres'];
  let only: Set<string> | undefined;
  let json: string | undefined = 'bench/results/latest.json';
  let floor = false;
  let scaleOut = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--full') [sizes, mode] = [w.FULL, 'full'];
    else if (a === '--smoke') [sizes, mode] = [w.SMOKE, 'smoke'];
    else if (a === '--provider')
      providers = (argv[++i] ?? 'all') === 'all' ? ['sqlite', 'postgres'] : [argv[i]!];
    else if (a === '--only') only = new Set((argv[++i] ?? '').split(','));
    else if (a === '--json') json = argv[++i];
    else if (a === '--no-json') json = undefined;
    else if (a === '--floor') floor = true;
    else if (a === '--scale-out') scaleOut = true;
    else throw new Error(`unknown argument ${a}; see the header of bench/run.ts`);
  }
  return { sizes, mode, providers, only, json, floor, scaleOut };
}

type Factory = {
  readonly createProvider: () => Promise<Provider>;
  readonly serverCpuSeconds?: () => number;
  readonly cleanup: () => Promise<void>;
  /** PostgreSQL only: the server url the peer uses too. */
  readonly url?: string;
  /** A local PostgreSQL server's postmaster (its CPU is measured from /proc). */
  readonly postmaster?: number;
};

async function sqliteFactory(): Promise<Factory> {
  const dir = mkdtempSync(join(tmpdir(), 'duroxide-bench-'));
  let n = 0;
  return {
    createProvider: () => SqliteProvider.open(`sqlite:${join(dir, `bench-${++n}.db`)}`),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresFactory(): Promise<Factory> {
  const { postgresServer } = await import('../test/helpers/postgres-cluster.js');
  const index = (await import('../src/index.js')) as Record<string, unknown>;
  const PostgresProvider = index['PostgresProvider'] as
    { connectWithSchema(url: string, schema: string): Promise<Provider> } | undefined;
  if (PostgresProvider === undefined) throw new Error('this build has no PostgresProvider');
  const server = await postgresServer();
  const postmaster = await postmasterPid(server.url);
  let n = 0;
  return {
    ...(postmaster === undefined
      ? {}
      : { serverCpuSeconds: () => processTreeCpu(postmaster), postmaster }),
    createProvider: () =>
      PostgresProvider.connectWithSchema(server.url, `bench_${process.pid}_${++n}`),
    cleanup: async () => undefined,
    url: server.url,
  };
}

function row(r: w.WorkloadResult): string[] {
  const lat = [...r.latenciesMs].sort((a, b) => a - b);
  const extra = Object.entries(r.extra)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return [
    r.workload,
    String(r.orchestrations),
    (r.orchestrations / r.seconds).toFixed(0),
    r.activities === 0 ? '-' : (r.activities / r.seconds).toFixed(0),
    w.pct(lat, 50).toFixed(1),
    w.pct(lat, 95).toFixed(1),
    w.pct(lat, 99).toFixed(1),
    r.cpuSeconds.toFixed(2),
    r.peakRssMb.toFixed(0),
    extra,
  ];
}

const HEAD = [
  'workload',
  'n',
  'orch/s',
  'act/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'cpu s',
  'rss MB',
  'notes',
];

function table(rows: string[][]): string {
  return w.formatTable(HEAD, rows, [0, HEAD.length - 1]);
}

/** `DUROXIDE_BENCH_OPTIONS='{"orchestrationConcurrency":8}'` tries runtime options without code changes. */
function runtimeOptionsFromEnv(): RuntimeOptions {
  const raw = process.env['DUROXIDE_BENCH_OPTIONS'];
  return raw === undefined || raw === '' ? {} : (JSON.parse(raw) as RuntimeOptions);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const z = args.sizes;
  const workloads: [string, (env: w.BenchEnv) => Promise<w.WorkloadResult>][] = [
    ['hello', (e) => w.hello(e, z)],
    ['chain3', (e) => w.chain(e, z, 3)],
    ['chain10', (e) => w.chain(e, z, 10)],
    ['fanout10', (e) => w.fanout(e, z, 10)],
    ['fanout100', (e) => w.fanout(e, z, 100)],
    ['timer', (e) => w.timer(e, z)],
    ['event', (e) => w.event(e, z)],
    ['sequential', (e) => w.sequential(e, z)],
    ['sequential-chain3', (e) => w.sequentialChain3(e, z)],
    ['long-history', (e) => w.longHistory(e, z)],
    ['idle', (e) => w.idle(e, z)],
    ['api-query', (e) => apiQuery(e, z)],
  ];
  const report: Record<string, unknown> = {
    mode: args.mode,
    node: process.version,
    cpus: cpus().length,
    at: new Date().toISOString(),
    loadAverage: loadavg().map(w.round),
    providers: {},
  };
  process.stdout.write(
    `duroxide-ts bench (${args.mode}) on node ${process.version}, ${cpus().length} cpus, ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
  );
  if (args.floor || args.scaleOut) {
    await floorAndScaleOut(args, report);
    return finish(args, report);
  }
  for (const name of args.providers) {
    const factory = name === 'sqlite' ? await sqliteFactory() : await postgresFactory();
    const results: w.WorkloadResult[] = [];
    // The DBOS peer runs each workload it shares with ours right after ours (same sitting).
    const jobs =
      factory.url !== undefined && (args.only === undefined || args.only.has('peer'))
        ? peerJobs(z)
        : new Map<string, PeerJob>();
    const pairs: PeerPair[] = [];
    let peer: PeerProcess | undefined;
    try {
      for (const [wname, run] of workloads) {
        if (args.only !== undefined && !args.only.has(wname)) continue;
        const ours = await run({
          createProvider: factory.createProvider,
          runtimeOptions: runtimeOptionsFromEnv(),
          ...(factory.serverCpuSeconds === undefined
            ? {}
            : { serverCpuSeconds: factory.serverCpuSeconds }),
        });
        results.push(ours);
        const job = jobs.get(wname);
        if (job === undefined) continue;
        peer ??= await PeerProcess.start(factory.url!, factory.postmaster);
        pairs.push({ job, ours, dbos: await peer.run(job) });
      }
    } finally {
      await peer?.close();
      await factory.cleanup();
    }
    process.stdout.write(`\n${name}\n${table(results.map(row))}\n`);
    if (peer !== undefined) {
      const section = peerReport(pairs, peer.version);
      process.stdout.write(
        `\npeer: DBOS ${peer.version} on the same PostgreSQL, each workload right after ours\n` +
          `${table(pairs.map((p) => row(p.dbos)))}\n\nours beside DBOS\n${peerTable(pairs)}\n` +
          `ratios: ${Object.entries(section['ratios'] as Record<string, number>)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}\n`,
      );
      report['peer'] = section;
    }
    (report['providers'] as Record<string, unknown>)[name] = results.map((r) => {
      const lat = [...r.latenciesMs].sort((a, b) => a - b);
      return {
        workload: r.workload,
        orchestrations: r.orchestrations,
        orchestrationsPerSecond: w.round(r.orchestrations / r.seconds),
        activitiesPerSecond: w.round(r.activities / r.seconds),
        p50Ms: w.round(w.pct(lat, 50)),
        p95Ms: w.round(w.pct(lat, 95)),
        p99Ms: w.round(w.pct(lat, 99)),
        cpuSeconds: w.round(r.cpuSeconds),
        peakRssMb: w.round(r.peakRssMb),
        ...r.extra,
      };
    });
  }
  finish(args, report);
}

async function floorAndScaleOut(args: Args, report: Record<string, unknown>): Promise<void> {
  const runs = floorWorkloads(args.sizes).filter(
    ([name]) => args.only === undefined || args.only.has(name),
  );
  for (const name of args.providers) {
    if (args.floor) {
      const rows =
        name === 'sqlite'
          ? await sqliteFloor(runs, runtimeOptionsFromEnv())
          : await postgresFloorOf(runs);
      process.stdout.write(`\n${name}: ours ÷ floor\n${floorTable(rows)}\n`);
      ((report['floor'] ??= {}) as Record<string, unknown>)[name] = rows;
    }
    if (args.scaleOut && name === 'postgres') {
      const rows = await scaleOut((await postgresFactory()).url!, args.sizes);
      process.stdout.write(`\npostgres: scale-out\n${scaleOutTable(rows)}\n`);
      report['scaleOut'] = rows;
    }
  }
}

async function postgresFloorOf(runs: ReturnType<typeof floorWorkloads>) {
  const factory = await postgresFactory();
  return postgresFloor(factory.url!, runs, runtimeOptionsFromEnv(), factory.serverCpuSeconds);
}

function finish(args: Args, report: Record<string, unknown>): void {
  report['loadAverageAtEnd'] = loadavg().map(w.round);
  process.stdout.write(
    `\nload average at the end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  if (args.json !== undefined) {
    mkdirSync(dirname(args.json), { recursive: true });
    writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`\nwrote ${args.json}\n`);
  }
  // A PostgreSQL cluster started by the harness is stopped by its exit hook.
  process.exit(0);
}

main().catch((e: unknown) => {
  process.stderr.write(
    `bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exit(1);
});
