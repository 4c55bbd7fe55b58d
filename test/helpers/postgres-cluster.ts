/**
 * A PostgreSQL server for the tests of this process.
 *
 * - `DUROXIDE_PG_URL` set (e.g. `postgres://postgres:secret@localhost:5432/postgres`): that
 *   server is used as is.
 * - Otherwise ONE throwaway cluster is started per test process on first use: `initdb` into a
 *   temp dir (as the `postgres` OS user when running as root, because initdb refuses root),
 *   then `pg_ctl start` on a free loopback port with a private socket dir. It is stopped
 *   (`pg_ctl stop -m immediate`) and its dir removed when the process exits.
 *
 * Tests never skip because PostgreSQL is missing: without binaries (looked up on PATH, then in
 * Debian's /usr/lib/postgresql/<version>/bin) `startCluster` throws a message saying what to
 * install. Each test file (and each conformance case) works in its own schema
 * ({@link uniqueSchemaName}), so files can run in parallel against one server.
 * @module
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface PostgresServer {
  /** Connection url of a database the tests may create schemas in. */
  readonly url: string;
  /** True when this process started the server (it can then be restarted). */
  readonly isOwned: boolean;
  /** `pg_ctl restart -m fast`: every connection is cut, the server is back when this resolves. */
  restart(): Promise<void>;
  /** Where the server logs (owned servers only). */
  readonly logFile: string | undefined;
}

const BINARIES = ['initdb', 'pg_ctl'] as const;

let server: Promise<PostgresServer> | undefined;

/** The server of this test process (started on first call). */
export function postgresServer(): Promise<PostgresServer> {
  server ??= startServer();
  return server;
}

async function startServer(): Promise<PostgresServer> {
  const external = process.env.DUROXIDE_PG_URL;
  if (external !== undefined && external !== '') {
    return {
      url: external,
      isOwned: false,
      logFile: undefined,
      restart: () =>
        Promise.reject(
          new Error(
            'DUROXIDE_PG_URL points at a server these tests do not own; it cannot be restarted',
          ),
        ),
    };
  }
  return startCluster();
}

/** Directory holding initdb/pg_ctl: PATH first, then Debian's versioned install dir. */
export function findPostgresBinDir(): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir !== '' && BINARIES.every((b) => existsSync(join(dir, b)))) return dir;
  }
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const dir = join(debianRoot, v, 'bin');
      if (BINARIES.every((b) => existsSync(join(dir, b)))) return dir;
    }
  }
  throw new Error(
    'PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/<version>/bin. ' +
      'The PostgreSQL tests need them: install PostgreSQL (Debian/Ubuntu: `apt-get install -y postgresql`; ' +
      '.ci/run does this in CI), or set DUROXIDE_PG_URL to a server the tests may create schemas in.',
  );
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

interface RunAs {
  /** Prefix for commands: `runuser -u postgres --` when root, nothing otherwise. */
  readonly command: (file: string, args: readonly string[]) => [string, string[]];
  readonly uid: number | undefined;
  readonly gid: number | undefined;
}

/** initdb refuses to run as root: as root, run the server tools as the `postgres` OS user. */
function runAs(): RunAs {
  if (process.getuid?.() !== 0)
    return { command: (file, args) => [file, [...args]], uid: undefined, gid: undefined };
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    throw new Error(
      'running as root, the PostgreSQL tests start their server as the `postgres` OS user (initdb refuses root), ' +
        'but there is no such user; installing PostgreSQL (`apt-get install -y postgresql`) creates it',
    );
  }
  // runuser lives in /usr/sbin or /sbin, which a non-login PATH may lack.
  const runuser =
    ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((f) => existsSync(f)) ??
    'runuser';
  return { command: (file, args) => [runuser, ['-u', 'postgres', '--', file, ...args]], uid, gid };
}

function run(
  as: RunAs,
  file: string,
  args: readonly string[],
  what: string,
  logFile?: string,
): void {
  const [cmd, argv] = as.command(file, args);
  const result = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) {
    const log =
      logFile !== undefined && existsSync(logFile)
        ? `\nserver log:\n${readFileSync(logFile, 'utf8').slice(-4000)}`
        : '';
    throw new Error(
      `${what} failed (exit ${String(result.status)}${result.error ? `, ${result.error.message}` : ''}): ${cmd} ${argv.join(' ')}\n` +
        `${result.stdout ?? ''}${result.stderr ?? ''}${log}`,
    );
  }
}

/** {@link run} without blocking the event loop (the tests keep working meanwhile). */
function runAsync(
  as: RunAs,
  file: string,
  args: readonly string[],
  what: string,
  logFile?: string,
): Promise<void> {
  const [cmd, argv] = as.command(file, args);
  return new Promise((resolve, reject) => {
    execFile(cmd, argv, { encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      if (error === null) {
        resolve();
        return;
      }
      const log =
        logFile !== undefined && existsSync(logFile)
          ? `\nserver log:\n${readFileSync(logFile, 'utf8').slice(-4000)}`
          : '';
      reject(
        new Error(
          `${what} failed (${error.message}): ${cmd} ${argv.join(' ')}\n${stdout}${stderr}${log}`,
        ),
      );
    });
  });
}

async function startCluster(): Promise<PostgresServer> {
  const binDir = findPostgresBinDir();
  const as = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'duroxide-pg-'));
  if (as.uid !== undefined && as.gid !== undefined) chownSync(dir, as.uid, as.gid);
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const pgCtl = join(binDir, 'pg_ctl');

  let isRunning = false;
  const stop = (): void => {
    if (isRunning) {
      const [cmd, argv] = as.command(pgCtl, [
        '-D',
        dataDir,
        'stop',
        '-m',
        'immediate',
        '-w',
        '-t',
        '10',
      ]);
      spawnSync(cmd, argv, { stdio: 'ignore', timeout: 15_000 });
      isRunning = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop();
      process.kill(process.pid, signal);
    });
  }

  run(
    as,
    join(binDir, 'initdb'),
    ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync'],
    'initdb',
  );
  // Durability is traded for speed (a throwaway cluster); a clean `restart -m fast` still
  // keeps every committed transaction.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=300',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    try {
      run(
        as,
        pgCtl,
        ['-D', dataDir, '-o', options, '-l', logFile, 'start', '-w', '-t', '30'],
        'pg_ctl start',
        logFile,
      );
      isRunning = true;
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      return {
        url,
        isOwned: true,
        logFile,
        restart() {
          // pg_ctl restart reuses the options of the last start (postmaster.opts), port included.
          return runAsync(
            as,
            pgCtl,
            ['-D', dataDir, '-l', logFile, 'restart', '-m', 'fast', '-w', '-t', '30'],
            'pg_ctl restart',
            logFile,
          );
        },
      };
    } catch (error) {
      lastError = error; // most likely the port was taken meanwhile: try another
    }
  }
  throw lastError;
}

/** A fresh schema name, e.g. `t_conformance_3f9a1c2b`. */
export function uniqueSchemaName(prefix: string): string {
  return `t_${prefix.replace(/[^a-z0-9_]/g, '_')}_${randomBytes(4).toString('hex')}`;
}

/** Runs one statement on its own short-lived connection (test setup, inspection, tampering). */
export async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** The migration versions recorded in `schema`'s `duroxide_schema`, in order. */
export async function appliedMigrations(url: string, schema: string): Promise<number[]> {
  const rows = await adminQuery<{ version: number }>(
    url,
    `SELECT version FROM "${schema}".duroxide_schema ORDER BY version`,
  );
  return rows.map((r) => r.version);
}

/** Drops a schema and everything in it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  await adminQuery(url, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

/**
 * Migrated schemas handed out one test at a time and wiped (not dropped) when the test is
 * done, so the conformance suite pays for migrations once instead of once per case. Wiping
 * uses DELETE (cheaper than TRUNCATE on tiny tables) on one admin connection kept open until
 * {@link SchemaPool.close}.
 */
export class SchemaPool {
  readonly #url: string;
  readonly #prefix: string;
  readonly #idle: string[] = [];
  readonly #all: string[] = [];
  #admin: pg.Client | undefined;

  constructor(url: string, prefix: string) {
    this.#url = url;
    this.#prefix = prefix;
  }

  /** A schema name to connect to: a wiped one if available, else a new one (migrated on connect). */
  take(): string {
    const reused = this.#idle.pop();
    if (reused !== undefined) return reused;
    const schema = uniqueSchemaName(this.#prefix);
    this.#all.push(schema);
    return schema;
  }

  /** Empties every table of `schema` (migrations stay recorded) and makes it available again. */
  async give(schema: string): Promise<void> {
    const admin = await this.#client();
    const { rows } = await admin.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> 'duroxide_schema'",
      [schema],
    );
    if (rows.length > 0)
      await admin.query(rows.map((r) => `DELETE FROM "${schema}"."${r.tablename}";`).join('\n'));
    this.#idle.push(schema);
  }

  /** Drops every schema this pool created and closes the admin connection. */
  async close(): Promise<void> {
    const admin = await this.#client();
    for (const schema of this.#all) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    this.#admin = undefined;
    await admin.end();
  }

  async #client(): Promise<pg.Client> {
    if (this.#admin === undefined) {
      const client = new pg.Client({ connectionString: this.#url });
      // A connection the server dropped (a restart test) is forgotten; the next call reconnects.
      const forget = (): void => {
        if (this.#admin === client) this.#admin = undefined;
      };
      client.on('error', forget);
      client.on('end', forget);
      await client.connect();
      this.#admin = client;
    }
    return this.#admin;
  }
}
