/**
 * `npm run bench -- --floor`: for each throughput workload, run it (ours) while capturing the
 * statements our provider sends, then replay them with no engine (bench/floor.ts) and report
 * ours ÷ floor. On PostgreSQL the replay runs with `pg` (our driver) and with `postgres`
 * (porsager's, the driver evaluation of docs/performance.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteProvider, type Provider, type RuntimeOptions } from '../src/index.js';
import { capturePg, captureSqlite, installCapture, type PgCapture } from './floor-capture.js';
import { replayPg, replaySqlite, type FloorResult } from './floor.js';
import * as w from './workloads.js';

interface PostgresConnect {
  connectWithSchema(url: string, schema: string): Promise<Provider>;
}

export interface FloorRow {
  readonly workload: string;
  readonly orchestrations: number;
  readonly oursPerSecond: number;
  readonly floorPerSecond: number;
  readonly oursOverFloor: number;
  readonly statementsPerOrchestration: number;
  readonly commitsPerOrchestration: number;
  readonly diverged: number;
  /** This process's CPU ms per orchestration: ours (engine, runtime, client, driver, and for SQLite the store) and the replay's. */
  readonly oursCpuMsPerOrch: number;
  readonly floorCpuMsPerOrch: number;
  /** Local PostgreSQL server CPU ms per orchestration, ours and the replay's. */
  readonly oursServerCpuMsPerOrch?: number;
  readonly floorServerCpuMsPerOrch?: number;
  /** PostgreSQL: the same replay with porsager's `postgres` driver. */
  readonly postgresDriverFloorPerSecond?: number;
}

type Run = (env: w.BenchEnv) => Promise<w.WorkloadResult>;

export function floorWorkloads(z: w.Sizes): [string, Run][] {
  return [
    ['hello', (e) => w.hello(e, z)],
    ['chain3', (e) => w.chain(e, z, 3)],
    ['chain10', (e) => w.chain(e, z, 10)],
    ['fanout10', (e) => w.fanout(e, z, 10)],
    ['sequential-chain3', (e) => w.sequentialChain3(e, z)],
  ];
}

function toRow(r: w.WorkloadResult, f: FloorResult, porsager?: FloorResult): FloorRow {
  const n = r.orchestrations;
  const server = r.extra['serverCpuMsPerOrch'];
  return {
    oursCpuMsPerOrch: w.round((r.cpuSeconds * 1000) / n),
    floorCpuMsPerOrch: w.round((f.cpuSeconds * 1000) / n),
    ...(typeof server === 'number' && f.serverCpuSeconds !== undefined
      ? {
          oursServerCpuMsPerOrch: server,
          floorServerCpuMsPerOrch: w.round((f.serverCpuSeconds * 1000) / n),
        }
      : {}),
    workload: r.workload,
    orchestrations: n,
    oursPerSecond: w.round(n / r.seconds),
    floorPerSecond: w.round(n / f.seconds),
    oursOverFloor: w.round(f.seconds / r.seconds),
    statementsPerOrchestration: w.round(f.statements / n),
    commitsPerOrchestration: w.round(f.commits / n),
    diverged: f.diverged,
    ...(porsager === undefined
      ? {}
      : { postgresDriverFloorPerSecond: w.round(n / porsager.seconds) }),
  };
}

/**
 * SQLite replays per capture. One replay of a quick run lasts 0.1–0.3 s, where one scheduler
 * hiccup on a shared machine moves it by half (chain10's floor once came out above chain3's);
 * the median of five fresh replays of the same capture is steady.
 */
const FLOOR_REPLAYS = 5;

/** The replay with the median duration (its CPU with it). */
function median(replays: readonly FloorResult[]): FloorResult {
  const sorted = [...replays].sort((a, b) => a.seconds - b.seconds);
  if (process.env['DUROXIDE_BENCH_DEBUG'] === '1')
    console.error(`floor replays: ${sorted.map((r) => r.seconds.toFixed(3)).join(' ')} s`);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function sqliteFloor(
  runs: [string, Run][],
  runtimeOptions: RuntimeOptions,
): Promise<FloorRow[]> {
  installCapture();
  const dir = mkdtempSync(join(tmpdir(), 'duroxide-floor-'));
  let n = 0;
  const rows: FloorRow[] = [];
  try {
    for (const [, run] of runs) {
      let capture: ReturnType<typeof captureSqlite> | undefined;
      let steps: ReturnType<ReturnType<typeof captureSqlite>['stop']> = [];
      const r = await run({
        createProvider: () => SqliteProvider.open(`sqlite:${join(dir, `ours-${++n}.db`)}`),
        runtimeOptions,
        onMeasure: (phase) => {
          if (phase === 'start') capture = captureSqlite();
          else steps = capture?.stop() ?? [];
        },
      });
      const replays: FloorResult[] = [];
      for (let i = 0; i < FLOOR_REPLAYS; i++) {
        const path = join(dir, `floor-${n}-${i}.db`);
        await (await SqliteProvider.open(`sqlite:${path}`)).close();
        replays.push(replaySqlite(steps, path));
      }
      rows.push(toRow(r, median(replays)));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export async function postgresFloor(
  url: string,
  runs: [string, Run][],
  runtimeOptions: RuntimeOptions,
  serverCpuSeconds: (() => number) | undefined,
): Promise<FloorRow[]> {
  installCapture();
  const index = (await import('../src/index.js')) as Record<string, unknown>;
  const Postgres = index['PostgresProvider'] as PostgresConnect;
  let n = 0;
  const rows: FloorRow[] = [];
  const fresh = async (): Promise<string> => {
    const schema = `floor_${process.pid}_${++n}`;
    await (await Postgres.connectWithSchema(url, schema)).close();
    return schema;
  };
  for (const [, run] of runs) {
    const schema = `floorours_${process.pid}_${++n}`;
    let capture: ReturnType<typeof capturePg> | undefined;
    let units: PgCapture = { units: [], completionOrder: [] };
    const r = await run({
      createProvider: () => Postgres.connectWithSchema(url, schema),
      runtimeOptions,
      ...(serverCpuSeconds === undefined ? {} : { serverCpuSeconds }),
      onMeasure: (phase) => {
        if (phase === 'start') capture = capturePg();
        else units = capture?.stop() ?? units;
      },
    });
    const viaPg = await replayPg(units, {
      url,
      from: schema,
      to: await fresh(),
      driver: 'pg',
      serverCpuSeconds,
    });
    const viaPostgres = await replayPg(units, {
      url,
      from: schema,
      to: await fresh(),
      driver: 'postgres',
    });
    rows.push(toRow(r, viaPg, viaPostgres));
  }
  return rows;
}

export function floorTable(rows: readonly FloorRow[]): string {
  const head = [
    'workload',
    'n',
    'ours orch/s',
    'floor orch/s',
    'ours/floor',
    'stmts/orch',
    'commits/orch',
    'diverged',
    'cpu ms/orch ours',
    'floor',
    'server cpu ms/orch ours',
    'floor',
    'floor via postgres.js',
  ];
  const body = rows.map((r) => [
    r.workload,
    String(r.orchestrations),
    r.oursPerSecond.toFixed(0),
    r.floorPerSecond.toFixed(0),
    r.oursOverFloor.toFixed(2),
    r.statementsPerOrchestration.toFixed(1),
    r.commitsPerOrchestration.toFixed(1),
    String(r.diverged),
    r.oursCpuMsPerOrch.toFixed(2),
    r.floorCpuMsPerOrch.toFixed(2),
    r.oursServerCpuMsPerOrch?.toFixed(2) ?? '-',
    r.floorServerCpuMsPerOrch?.toFixed(2) ?? '-',
    r.postgresDriverFloorPerSecond === undefined ? '-' : r.postgresDriverFloorPerSecond.toFixed(0),
  ]);
  const all = [head, ...body];
  const widths = head.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  return all
    .map((r) =>
      r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  '),
    )
    .join('\n');
}
