/**
 * `npm run chaos`: the long chaos run (docs/reliability.md) — on SQLite and on PostgreSQL, runtime
 * processes with a mixed workload, SIGKILLs with restarts, a PostgreSQL restart, a full disk (a
 * small tmpfs, as root) and a held SQLite write lock, then the oracle over every instance.
 * Loopback only (the PostgreSQL server is a throwaway cluster of the test helpers, or
 * `DUROXIDE_PG_URL`). Bounded: `--rounds N` (default 3) runs per store, each with
 * `--instances` (default 180), `--processes` (default 3), `--kills` (default 6).
 *
 *   npm run chaos [-- --rounds 5 --instances 360 --store sqlite|postgres|all]
 * @module
 */
import type { TestContext } from 'node:test';
import { runChaos, type ChaosReport } from '../test/chaos/chaos-run.js';
import { STORE_KINDS, type StoreKind } from '../test/helpers/test-store.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i < 0 ? undefined : Number(process.argv[i + 1]);
  return v === undefined || !Number.isInteger(v) || v < 1 ? fallback : v;
}

async function main(): Promise<void> {
  const storeArg = process.argv[process.argv.indexOf('--store') + 1];
  const stores: readonly StoreKind[] =
    storeArg === 'sqlite' || storeArg === 'postgres' ? [storeArg] : STORE_KINDS;
  const rounds = arg('rounds', 3);
  const reports: ChaosReport[] = [];
  for (const kind of stores) {
    for (let round = 1; round <= rounds; round++) {
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
