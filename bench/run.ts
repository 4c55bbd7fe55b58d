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
 * PostgreSQL: DUROXIDE_PG_URL, or a throwaway cluster started by the harness.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { SqliteProvider, type Provider, type RuntimeOptions } from '../src/index.js';
import * as w from './workloads.js';
import { apiQuery } from './management-api.js';
import { floorTable, floorWorkloads, postgresFloor, sqliteFloor } from './floor-mode.js';
import { postmasterPid, processTreeCpu, scaleOut, scaleOutTable } from './scale-out.js';

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
    ...(postmaster === undefined ? {} : { serverCpuSeconds: () => processTreeCpu(postmaster) }),
    createProvider: () =>
      PostgresProvider.connectWithSchema(server.url, `bench_${process.pid}_${++n}`),
    cleanup: async () => undefined,
    url: server.url,
  };
}

interface PeerFigures {
  readonly throughput: w.WorkloadResult;
  readonly sequential: w.WorkloadResult;
}

/** Runs the DBOS peer in its own process against the same server. */
function runPeer(url: string, z: w.Sizes): PeerFigures {
  const script = fileURLToPath(new URL('./dbos-peer.js', import.meta.url));
  const out = execFileSync(
    process.execPath,
    [script, url, String(z.chainInstances), String(z.inFlight), String(z.sequential)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 600_000,
    },
  );
  const parsed = JSON.parse(out.trim().split('\n').at(-1)!) as {
    throughput: Omit<w.WorkloadResult, 'activities' | 'extra'>;
    sequential: Omit<w.WorkloadResult, 'activities' | 'extra'>;
  };
  return {
    throughput: {
      ...parsed.throughput,
      workload: 'dbos chain3',
      activities: parsed.throughput.orchestrations * 3,
      extra: {},
    },
    sequential: {
      ...parsed.sequential,
      workload: 'dbos sequential-chain3',
      activities: parsed.sequential.orchestrations * 3,
      extra: {},
    },
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

function table(rows: string[][]): string {
  const head = [
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
  const all = [head, ...rows];
  const widths = head.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  return all
    .map((r) =>
      r
        .map((cell, c) =>
          c === 0 || c === r.length - 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!),
        )
        .join('  '),
    )
    .join('\n');
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
    providers: {},
  };
  process.stdout.write(
    `duroxide-ts bench (${args.mode}) on node ${process.version}, ${cpus().length} cpus\n`,
  );
  if (args.floor || args.scaleOut) {
    await floorAndScaleOut(args, report);
    return finish(args, report);
  }
  for (const name of args.providers) {
    const factory = name === 'sqlite' ? await sqliteFactory() : await postgresFactory();
    const results: w.WorkloadResult[] = [];
    try {
      for (const [wname, run] of workloads) {
        if (args.only !== undefined && !args.only.has(wname)) continue;
        results.push(
          await run({
            createProvider: factory.createProvider,
            runtimeOptions: runtimeOptionsFromEnv(),
            ...(factory.serverCpuSeconds === undefined
              ? {}
              : { serverCpuSeconds: factory.serverCpuSeconds }),
          }),
        );
      }
    } finally {
      await factory.cleanup();
    }
    process.stdout.write(`\n${name}\n${table(results.map(row))}\n`);
    if (factory.url !== undefined && (args.only === undefined || args.only.has('peer'))) {
      const peer = runPeer(factory.url, z);
      const ours = (wl: string): w.WorkloadResult | undefined =>
        results.find((r) => r.workload === wl);
      const p50 = (r: w.WorkloadResult): number =>
        w.pct(
          [...r.latenciesMs].sort((a, b) => a - b),
          50,
        );
      const oursChain = ours('chain3');
      const oursSeq = ours('sequential-chain3');
      process.stdout.write(
        `\npeer: DBOS on the same PostgreSQL\n${table([row(peer.throughput), row(peer.sequential)])}\n`,
      );
      const ratios: Record<string, number> = {};
      if (oursChain !== undefined) {
        ratios['chain3ThroughputOursOverDbos'] = w.round(
          oursChain.orchestrations /
            oursChain.seconds /
            (peer.throughput.orchestrations / peer.throughput.seconds),
        );
        ratios['chain3P50LatencyOursOverDbos'] = w.round(p50(oursChain) / p50(peer.throughput));
      }
      if (oursSeq !== undefined)
        ratios['sequentialChain3P50OursOverDbos'] = w.round(p50(oursSeq) / p50(peer.sequential));
      process.stdout.write(
        `ratios: ${Object.entries(ratios)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}\n`,
      );
      report['peer'] = {
        name: 'dbos',
        chain3: {
          orchestrationsPerSecond: w.round(
            peer.throughput.orchestrations / peer.throughput.seconds,
          ),
          p50Ms: w.round(p50(peer.throughput)),
        },
        sequentialChain3: { p50Ms: w.round(p50(peer.sequential)) },
        ratios,
      };
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
