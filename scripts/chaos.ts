/**
 * `npm run chaos`: the long chaos run (docs/reliability.md) — on SQLite and on PostgreSQL, runtime
 * processes with a mixed workload, SIGKILLs with restarts, a PostgreSQL restart, a full disk (a
 * small tmpfs, as root) and a held SQLite write lock, then the oracle over every instance.
 * Loopback only (the PostgreSQL server is a throwaway cluster of the test helpers, or
 * `DUROXIDE_PG_URL`). Bounded: `--rounds N` (default 3) runs per store, or `--minutes M` runs
 * rounds, alternating the stores, until M minutes have passed (a soak; a round begun before
 * the end runs to its end); each round has `--instances` (default 180), `--processes`
 * (default 3), `--kills` (default 6) and a fault window of `--window` ms (default 30000).
 *
 *   npm run chaos [-- --rounds 5 --instances 360 --store sqlite|postgres|all]
 *   npm run chaos -- --minutes 60
 * @module
 */
import type { TestContext } from 'node:test';
import { runChaos, type ChaosReport } from '../test/chaos/chaos-run.js';
import { STORE_KINDS, type StoreKind } from '../test/helpers/test-store.js';

const NUMERIC = ['rounds', 'minutes', 'instances', 'processes', 'kills', 'window'];

/** A positive integer option; a malformed value ends the run (exit 2) instead of a default. */
function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 1) {
    console.error(
      `chaos: --${name} needs a positive integer, got ${process.argv[i + 1] ?? 'nothing'}`,
    );
    process.exit(2);
  }
  return v;
}

function checkArgs(): void {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]?.replace(/^--/, '') ?? '';
    if (name !== 'store' && !NUMERIC.includes(name)) {
      console.error(
        `chaos: unknown option ${args[i]}; options: --store sqlite|postgres|all, ${NUMERIC.map((n) => `--${n} N`).join(', ')}`,
      );
      process.exit(2);
    }
  }
}

/** The rounds to run, as [store, round number] pairs, until `more` says stop. */
function* schedule(
  stores: readonly StoreKind[],
  more: (roundsDone: number) => boolean,
): Generator<[StoreKind, number]> {
  for (let done = 0, round = 1; ; round++) {
    for (const kind of stores) {
      if (!more(done)) return;
      yield [kind, round];
      done++;
    }
  }
}

async function main(): Promise<void> {
  checkArgs();
  const storeArg = process.argv[process.argv.indexOf('--store') + 1];
  const stores: readonly StoreKind[] =
    storeArg === 'sqlite' || storeArg === 'postgres' ? [storeArg] : STORE_KINDS;
  const minutes = process.argv.includes('--minutes') ? arg('minutes', 1) : undefined;
  const rounds = arg('rounds', 3);
  const endAt = minutes === undefined ? undefined : Date.now() + minutes * 60_000;
  const more = (done: number): boolean =>
    endAt === undefined ? done < rounds * stores.length : Date.now() < endAt;
  const reports: ChaosReport[] = [];
  for (const [kind, round] of schedule(stores, more)) {
    const cleanups: (() => unknown)[] = [];
    const t = { after: (fn: () => unknown) => cleanups.push(fn) } as unknown as TestContext;
    try {
      const report = await runChaos(t, {
        kind,
        processes: arg('processes', 3),
        instances: arg('instances', 180),
        kills: arg('kills', 6),
        faultWindowMs: arg('window', 30_000),
        seed: 1000 * round + (kind === 'sqlite' ? 1 : 2),
        log: (line) => console.error(`  [${kind} ${round}] ${line}`),
      });
      reports.push(report);
      console.log(
        `${kind} round ${round}: instances ${report.instances}, kills ${report.kills}, restarts ${report.restarts}, ` +
          `postgres restarts ${report.postgresRestarts}, held locks ${report.heldLocks}, disk full ${report.diskFull}, ` +
          `failures ${report.failures.length}, re-runs ${report.reruns}, ${Math.round(report.elapsedMs / 1000)} s`,
      );
      for (const f of report.failures) console.log(`  FAILURE ${f}`);
    } finally {
      for (const fn of cleanups.reverse()) {
        // Cleanups registered later may register more (process fixtures do): run until empty.
        await fn();
      }
    }
  }
  const total = (f: (r: ChaosReport) => number): number => reports.reduce((n, r) => n + f(r), 0);
  console.log(
    `total: instances ${total((r) => r.instances)}, kills ${total((r) => r.kills)}, restarts ${total((r) => r.restarts)}, ` +
      `postgres restarts ${total((r) => r.postgresRestarts)}, failures ${total((r) => r.failures.length)}, ` +
      `re-runs ${total((r) => r.reruns)}`,
  );
  // The throwaway PostgreSQL cluster and its pools would keep the process alive.
  process.exit(total((r) => r.failures.length) === 0 ? 0 : 1);
}

await main();
