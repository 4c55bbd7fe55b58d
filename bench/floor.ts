/**
 * The floor (`npm run bench -- --floor`): what the store alone costs for a workload. The
 * statements our provider issued during a real run (bench/floor-capture.ts) are replayed
 * straight against the driver — same text, same parameters, same commit grouping, same number
 * of connections — with no engine, JSON, dispatch or waiting. ours ÷ floor (throughput) says how
 * much of the cost is the store's: 1 means everything is, 0.5 means we spend as much as the
 * store does.
 *
 * PostgreSQL: commits are replayed in the order they started, by as many workers as the run
 * used connections (each its own connection), each commit only after the commits that had
 * completed before it started in the run (the run's causal order); `rowCount` is compared with
 * the captured one and differences are reported (a new schema; concurrent commits may still
 * interleave differently). SQLite: the steps run in order on one connection, transaction
 * control statements included, as captured.
 */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type postgres from 'postgres';
import type { PgCapture, PgStatement, PgUnit, SqliteStep } from './floor-capture.js';

export interface FloorResult {
  readonly seconds: number;
  readonly statements: number;
  readonly commits: number;
  /** Statements whose outcome (row count, or an error) differed from the captured run. */
  readonly diverged: number;
  readonly connections: number;
  /** CPU seconds of this process during the replay (the driver; for SQLite, the store too). */
  readonly cpuSeconds: number;
  /** CPU seconds of the local PostgreSQL server during the replay, if known. */
  readonly serverCpuSeconds?: number;
}

export type PgDriver = 'pg' | 'postgres';

function renamed(units: readonly PgUnit[], from: string, to: string): PgUnit[] {
  const swap = (v: unknown): unknown => (typeof v === 'string' ? v.split(from).join(to) : v);
  return units.map((u) => ({
    ...u,
    statements: u.statements.map((s) => ({
      ...s,
      text: s.text.split(from).join(to),
      values: s.values?.map(swap),
    })),
  }));
}

/** Lets a commit start once the commits that had completed before it in the run are done. */
class CausalOrder {
  readonly #order: readonly number[];
  readonly #done: Uint8Array;
  #prefix = 0;
  #waiters: { need: number; resolve: () => void }[] = [];

  constructor(units: number, completionOrder: readonly number[]) {
    this.#order = completionOrder;
    this.#done = new Uint8Array(units);
  }

  ready(need: number): Promise<void> | undefined {
    if (this.#prefix >= need) return undefined;
    return new Promise((resolve) => this.#waiters.push({ need, resolve }));
  }

  finished(unit: number): void {
    this.#done[unit] = 1;
    while (this.#prefix < this.#order.length && this.#done[this.#order[this.#prefix]!] === 1)
      this.#prefix++;
    const ready = this.#waiters.filter((w) => this.#prefix >= w.need);
    this.#waiters = this.#waiters.filter((w) => this.#prefix < w.need);
    for (const w of ready) w.resolve();
  }
}

/**
 * Replays captured PostgreSQL commits into schema `to` (already migrated, empty), renaming the
 * captured schema `from` in texts and string parameters (schema, NOTIFY channel, lock keys).
 */
export async function replayPg(
  captured: PgCapture,
  opts: {
    url: string;
    from: string;
    to: string;
    driver: PgDriver;
    serverCpuSeconds?: (() => number) | undefined;
  },
): Promise<FloorResult> {
  const units = renamed(captured.units, opts.from, opts.to);
  const connections = Math.max(1, new Set(units.map((u) => u.connection)).size);
  const statements = units.reduce((n, u) => n + u.statements.length, 0);
  // A listener on the schema's channel, as in the real run (every NOTIFY is delivered to it).
  const listener = new pg.Client({ connectionString: opts.url });
  await listener.connect();
  listener.on('notification', () => undefined);
  await listener.query(`LISTEN "duroxide_${opts.to}"`);
  let diverged = 0;
  const check = (s: PgStatement, rowCount: number | undefined): void => {
    if (s.rowCount !== undefined && rowCount !== s.rowCount) diverged++;
  };
  const order = new CausalOrder(units.length, captured.completionOrder);
  let next = 0;
  let cpu0 = process.cpuUsage();
  let cpu = cpu0;
  let server0: number | undefined;
  let server: number | undefined;
  /** Runs every commit in start order on `connections` workers, each after its causes. */
  const replay = async (exec: (unit: PgUnit, worker: number) => Promise<void>) => {
    cpu0 = process.cpuUsage();
    server0 = opts.serverCpuSeconds?.();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async (_, worker) => {
        while (next < units.length) {
          const index = next++;
          const unit = units[index]!;
          await order.ready(unit.after);
          await exec(unit, worker);
          order.finished(index);
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    cpu = process.cpuUsage(cpu0);
    if (server0 !== undefined) server = opts.serverCpuSeconds!() - server0;
    return elapsed;
  };
  let seconds: number;
  try {
    if (opts.driver === 'pg') {
      const clients = await Promise.all(
        Array.from({ length: connections }, async () => {
          const c = new pg.Client({ connectionString: opts.url });
          await c.connect();
          return c;
        }),
      );
      seconds = await replay(async (unit, worker) => {
        const c = clients[worker]!;
        for (const s of unit.statements) {
          try {
            const values = s.values as unknown[] | undefined;
            const r = await c.query(
              s.name === undefined
                ? { text: s.text, values }
                : { name: s.name, text: s.text, values },
            );
            check(s, r.rowCount ?? 0);
          } catch {
            diverged++;
          }
        }
      });
      await Promise.all(clients.map((c) => c.end()));
    } else {
      const { default: postgres } = await import('postgres');
      const sql = postgres(opts.url, {
        max: connections,
        prepare: true,
        onnotice: () => undefined,
      });
      // Open every connection before timing.
      await Promise.all(Array.from({ length: connections }, () => sql`SELECT 1`));
      const run = async (q: postgres.Sql | postgres.TransactionSql, s: PgStatement) => {
        try {
          const r = await q.unsafe(s.text, (s.values ?? []) as postgres.ParameterOrJSON<never>[], {
            prepare: s.name !== undefined,
          });
          check(s, r.count);
        } catch {
          diverged++;
        }
      };
      seconds = await replay(async (unit) => {
        if (/^\s*BEGIN\b/i.test(unit.statements[0]!.text)) {
          const body = unit.statements.filter((s) => !/^\s*(BEGIN|COMMIT)\b/i.test(s.text));
          await sql
            .begin(async (tx) => {
              for (const s of body) await run(tx, s);
            })
            .catch(() => {
              diverged++;
            });
        } else {
          for (const s of unit.statements) await run(sql, s);
        }
      });
      await sql.end();
    }
  } finally {
    await listener.end();
  }
  return {
    seconds,
    statements,
    commits: units.length,
    diverged,
    connections,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    ...(server === undefined ? {} : { serverCpuSeconds: server }),
  };
}

/** Replays captured SQLite steps on the file at `path` (already migrated, empty). */
export function replaySqlite(steps: readonly SqliteStep[], path: string): FloorResult {
  const require = createRequire(import.meta.url);
  const Database = require('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(path);
  // The provider's pragmas (src/providers/sqlite/open-database.ts).
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  db.pragma('temp_store = memory');
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepared = (sql: string): BetterSqlite3.Statement => {
    let st = cache.get(sql);
    if (st === undefined) {
      st = db.prepare(sql);
      cache.set(sql, st);
    }
    return st;
  };
  // Prepared before timing, as the provider prepares its statements when it opens.
  for (const step of steps) {
    try {
      prepared(step.sql);
    } catch {
      // Counted as diverged below.
    }
  }
  let diverged = 0;
  let commits = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const step of steps) {
    try {
      const st = prepared(step.sql);
      if (step.method === 'iterate') for (const _ of st.iterate(...step.args)) void _;
      else if (step.method === 'all') st.all(...step.args);
      else if (step.method === 'get') st.get(...step.args);
      else st.run(...step.args);
    } catch {
      diverged++;
    }
    if (!db.inTransaction) commits++;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  db.close();
  return {
    seconds,
    statements: steps.length,
    commits,
    diverged,
    connections: 1,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}
