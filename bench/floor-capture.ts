/**
 * Capture for the floor mode (bench/floor.ts): records every statement our providers send to
 * the driver while a workload is measured, with its commit grouping, by wrapping the drivers'
 * own entry points in this process (`pg` `Client#query`, better-sqlite3 statements and
 * transactions). Nothing in src/ knows about it; recording costs one array push per statement.
 */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

/** One PostgreSQL statement as `pg` received it. */
export interface PgStatement {
  readonly text: string;
  /** Named prepared statement, as the provider asked for it. */
  readonly name: string | undefined;
  readonly values: readonly unknown[] | undefined;
  /** Rows returned or affected in the captured run (replay fidelity check). */
  rowCount?: number;
}

/** Statements one connection ran as one commit: a single statement, or BEGIN … COMMIT. */
export interface PgUnit {
  readonly connection: number;
  readonly statements: PgStatement[];
  /**
   * How many commits had completed when this one started: in the replay it starts only after
   * those same commits (the first `after` of {@link PgCapture.completionOrder}) are done, so
   * the replay keeps the run's causal order (a fetch after the enqueue it found).
   */
  readonly after: number;
}

export interface PgCapture {
  /** Commits in the order they started. */
  readonly units: PgUnit[];
  /** Indexes into `units`, in the order the commits completed. */
  readonly completionOrder: number[];
}

/**
 * One SQLite statement run. better-sqlite3 runs its transaction control (`BEGIN IMMEDIATE`,
 * `SAVEPOINT`, `RELEASE`, `COMMIT`) as statements too, so the commit grouping is in the steps.
 */
export interface SqliteStep {
  readonly sql: string;
  readonly method: string;
  readonly args: readonly unknown[];
}

interface PgState {
  units: PgUnit[];
  completionOrder: number[];
  /** Open transaction per connection. */
  open: Map<number, number>;
}

let pgCapture: PgState | undefined;
let sqliteCapture: SqliteStep[] | undefined;
let installed = false;
const connectionIds = new WeakMap<object, number>();
let nextConnection = 0;

function connectionOf(client: object): number {
  let id = connectionIds.get(client);
  if (id === undefined) {
    id = ++nextConnection;
    connectionIds.set(client, id);
  }
  return id;
}

/** Wraps the drivers once per process; nothing is recorded until a capture starts. */
export function installCapture(): void {
  if (installed) return;
  installed = true;
  installPg();
  installSqlite();
}

function installPg(): void {
  const proto = pg.Client.prototype as unknown as {
    query: (this: object, ...args: unknown[]) => unknown;
  };
  const original = proto.query;
  proto.query = function (this: object, ...args: unknown[]): unknown {
    const state = pgCapture;
    if (state === undefined) return original.apply(this, args);
    const [first, second] = args;
    const config =
      typeof first === 'string'
        ? { text: first, name: undefined, values: second as unknown[] | undefined }
        : (first as { text: string; name?: string; values?: unknown[] });
    const text = config.text.trim();
    const connection = connectionOf(this);
    const statement: PgStatement = {
      text: config.text,
      name: config.name,
      values: config.values === undefined ? undefined : [...config.values],
    };
    if (/^LISTEN |^UNLISTEN /i.test(text)) return original.apply(this, args);
    let index = state.open.get(connection);
    let ends = true;
    if (index === undefined) {
      index = state.units.length;
      state.units.push({ connection, statements: [], after: state.completionOrder.length });
      if (/^BEGIN\b/i.test(text)) {
        state.open.set(connection, index);
        ends = false;
      }
    } else if (/^(COMMIT|ROLLBACK)\b/i.test(text)) {
      state.open.delete(connection);
    } else {
      ends = false;
    }
    state.units[index]!.statements.push(statement);
    const done = index;
    const result = original.apply(this, args) as Promise<{ rowCount?: number | null }>;
    return result.then(
      (r) => {
        statement.rowCount = r.rowCount ?? 0;
        if (ends) state.completionOrder.push(done);
        return r;
      },
      (error: unknown) => {
        if (ends) state.completionOrder.push(done);
        throw error;
      },
    );
  };
}

type AnyFn = (...args: unknown[]) => unknown;

function installSqlite(): void {
  const require = createRequire(import.meta.url);
  const Database = require('better-sqlite3') as typeof BetterSqlite3;
  const probe = new Database(':memory:');
  const statementProto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, AnyFn>;
  probe.close();
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const original = statementProto[method]!;
    statementProto[method] = function (this: { source: string }, ...args: unknown[]): unknown {
      sqliteCapture?.push({ sql: this.source, method, args: [...args] });
      return original.apply(this, args);
    };
  }
}

/** Starts recording PostgreSQL statements; `stop` returns the commits in issue order. */
export function capturePg(): { stop: () => PgCapture } {
  const state: PgState = { units: [], completionOrder: [], open: new Map() };
  pgCapture = state;
  return {
    stop: () => {
      pgCapture = undefined;
      return { units: state.units, completionOrder: state.completionOrder };
    },
  };
}

/** Starts recording SQLite steps; `stop` returns them in execution order. */
export function captureSqlite(): { stop: () => SqliteStep[] } {
  const steps: SqliteStep[] = [];
  sqliteCapture = steps;
  return {
    stop: () => {
      sqliteCapture = undefined;
      return steps;
    },
  };
}
