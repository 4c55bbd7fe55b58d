/**
 * Parent side of the process-level tests: one store (a SQLite file in a temp dir, or a fresh
 * schema on the test PostgreSQL server), runtime child processes (`runtime-process.ts`) on it,
 * the parent's own Client, and the children's side-effect logs (in the temp dir). Everything is
 * torn down in `t.after`, children first (SIGKILL if still alive), even when the test fails.
 * @module
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import {
  Client,
  SqliteProvider,
  type HistoryEventInfo,
  type RuntimeOptions,
} from '../../src/index.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import {
  dropSchema,
  postgresServer,
  uniqueSchemaName,
  type PostgresServer,
} from './postgres-cluster.js';
import type { ChildMessage, EffectLine } from './runtime-process.js';
import type { StoreKind } from './test-store.js';

const ENTRY = fileURLToPath(new URL('./runtime-process.js', import.meta.url));

export interface SpawnOptions {
  /** How long `Slow` sleeps in this process. */
  readonly slowMs?: number;
  /** How long each `Step` sleeps in this process. */
  readonly stepMs?: number;
  readonly runtimeOptions?: RuntimeOptions;
  /** Timeout of the graceful `runtime.shutdown` the child runs on SIGTERM. */
  readonly shutdownTimeoutMs?: number;
  /** Safety net for the 'ready' message. */
  readonly readyTimeoutMs?: number;
  /** Extra environment variables for the child (e.g. `DUROXIDE_RP_ALS`). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export class RuntimeChild {
  readonly name: string;
  readonly logFile: string;
  readonly process: ChildProcess;
  readonly exited: Promise<ExitInfo>;
  #stderr = '';
  #stopped: Promise<unknown> | undefined;
  #resolveStopped: ((metrics: unknown) => void) | undefined;

  constructor(name: string, logFile: string, child: ChildProcess) {
    this.name = name;
    this.logFile = logFile;
    this.process = child;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.#stderr += chunk;
    });
    child.stdout?.resume();
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'stopped') this.#resolveStopped?.(m.metrics);
    });
  }

  get isAlive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  get stderr(): string {
    return this.#stderr;
  }

  /** Resolves on 'ready'; rejects if the child reports an error, exits, or the timeout passes. */
  waitReady(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          fail(
            new Error(
              `runtime process ${this.name} not ready within ${timeoutMs} ms; stderr: ${this.#stderr}`,
            ),
          ),
        timeoutMs,
      );
      const onMessage = (m: ChildMessage): void => {
        if (m.type === 'ready') done();
        else if (m.type === 'error')
          fail(new Error(`runtime process ${this.name} failed to start: ${m.message}`));
      };
      const onExit = (code: number | null, signal: string | null): void =>
        fail(
          new Error(
            `runtime process ${this.name} exited before ready (code ${code}, signal ${signal}); stderr: ${this.#stderr}`,
          ),
        );
      const cleanup = (): void => {
        clearTimeout(timer);
        this.process.off('message', onMessage);
        this.process.off('exit', onExit);
      };
      const done = (): void => {
        cleanup();
        resolve();
      };
      const fail = (e: Error): void => {
        cleanup();
        reject(e);
      };
      this.process.on('message', onMessage);
      this.process.once('exit', onExit);
    });
  }

  /** SIGKILL and wait until the process is gone. */
  async kill(): Promise<ExitInfo> {
    if (this.isAlive) this.process.kill('SIGKILL');
    return this.exited;
  }

  /** SIGTERM (graceful shutdown); resolves with the child's metrics snapshot once it exited. */
  async stop(timeoutMs = 10_000): Promise<unknown> {
    if (this.#stopped === undefined) {
      this.#stopped = new Promise((resolve) => {
        this.#resolveStopped = resolve;
      });
      this.process.kill('SIGTERM');
    }
    const cancelTimer = new AbortController();
    const timer = sleep(timeoutMs, 'timeout' as const, { signal: cancelTimer.signal }).catch(
      () => 'cancelled' as const,
    );
    try {
      const outcome = await Promise.race([Promise.all([this.#stopped, this.exited]), timer]);
      if (typeof outcome === 'string')
        throw new Error(
          `runtime process ${this.name} did not stop within ${timeoutMs} ms; stderr: ${this.#stderr}`,
        );
      return outcome[0];
    } finally {
      cancelTimer.abort();
    }
  }

  /** This process's side-effect log. */
  effects(): EffectLine[] {
    return readEffects(this.logFile);
  }
}

/**
 * Parses a side-effect log (missing file = no effects). The child may be appending while we
 * read, so a last line without its newline is incomplete and left for the next read.
 */
export function readEffects(file: string): EffectLine[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.pop(); // '' after a complete last line, or a line still being written
  return lines.filter((l) => l.length > 0).map((l) => JSON.parse(l) as EffectLine);
}

/** Where the children and the parent's client store their data. */
type ProcessStore =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly server: PostgresServer; readonly schema: string };

export class ProcessFixture {
  readonly dir: string;
  readonly store: ProcessStore;
  readonly children: RuntimeChild[] = [];
  #provider: SqliteProvider | PostgresProvider | undefined;
  #client: Client | undefined;
  readonly #deferred: (() => Promise<void> | void)[] = [];

  private constructor(dir: string, store: ProcessStore) {
    this.dir = dir;
    this.store = store;
  }

  /**
   * A fresh temp dir with a SQLite file (in `dbDir` when given, e.g. a small tmpfs); cleanup
   * (kill children, close, delete) is registered on `t`.
   */
  static create(t: TestContext, dbDir?: string): ProcessFixture {
    const dir = mkdtempSync(join(tmpdir(), 'duroxide-proc-'));
    return ProcessFixture.#register(
      t,
      new ProcessFixture(dir, { kind: 'sqlite', file: join(dbDir ?? dir, 'shared.db') }),
    );
  }

  /** A fixture on a fresh store of `kind` (a PostgreSQL schema named after `prefix`). */
  static async on(t: TestContext, kind: StoreKind, prefix = 'proc'): Promise<ProcessFixture> {
    if (kind === 'sqlite') return ProcessFixture.create(t);
    const server = await postgresServer();
    const dir = mkdtempSync(join(tmpdir(), 'duroxide-pgproc-'));
    return ProcessFixture.#register(
      t,
      new ProcessFixture(dir, { kind, server, schema: uniqueSchemaName(prefix) }),
    );
  }

  static #register(t: TestContext, fx: ProcessFixture): ProcessFixture {
    t.after(async () => {
      for (const fn of fx.#deferred.reverse()) await fn();
      await Promise.all(fx.children.map((c) => c.kill()));
      await fx.#provider?.close();
      if (fx.store.kind === 'postgres')
        await dropSchema(fx.store.server.url, fx.store.schema).catch(() => undefined);
      rmSync(fx.dir, { recursive: true, force: true });
    });
    return fx;
  }

  /** The database file of a SQLite fixture. */
  get dbFile(): string {
    if (this.store.kind !== 'sqlite') throw new Error('not a SQLite fixture');
    return this.store.file;
  }

  /** The PostgreSQL server of a PostgreSQL fixture. */
  get server(): PostgresServer {
    if (this.store.kind !== 'postgres') throw new Error('not a PostgreSQL fixture');
    return this.store.server;
  }

  /** The parent's own provider on the store (opened, and a schema migrated, on first use). */
  async provider(): Promise<SqliteProvider | PostgresProvider> {
    this.#provider ??=
      this.store.kind === 'sqlite'
        ? await SqliteProvider.open(`sqlite:${this.store.file}`)
        : await PostgresProvider.connectWithSchema(this.store.server.url, this.store.schema);
    return this.#provider;
  }

  /** Runs `fn` at cleanup (last registered first), before the children are killed and the dir removed. */
  defer(fn: () => Promise<void> | void): void {
    this.#deferred.push(fn);
  }

  /** The parent's own client on the store (opened on first use). */
  async client(): Promise<Client> {
    this.#client ??= new Client(await this.provider());
    return this.#client;
  }

  /** Forks a runtime child named `name` on the store and waits for it to be ready. */
  async spawn(name: string, options: SpawnOptions = {}): Promise<RuntimeChild> {
    const logFile = join(this.dir, `effects-${name}.log`);
    const where: NodeJS.ProcessEnv =
      this.store.kind === 'sqlite'
        ? { DUROXIDE_RP_DB: this.store.file }
        : { DUROXIDE_RP_PG_URL: this.store.server.url, DUROXIDE_RP_PG_SCHEMA: this.store.schema };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...where,
      DUROXIDE_RP_ATTEMPTS: join(this.dir, 'attempts'),
      DUROXIDE_RP_LOG: logFile,
      DUROXIDE_RP_NAME: name,
      DUROXIDE_RP_SLOW_MS: String(options.slowMs ?? 30_000),
      DUROXIDE_RP_STEP_MS: String(options.stepMs ?? 0),
      DUROXIDE_RP_SHUTDOWN_MS: String(options.shutdownTimeoutMs ?? 5_000),
      DUROXIDE_RP_OPTIONS: JSON.stringify(options.runtimeOptions ?? {}),
      ...options.env,
    };
    // The child is not a test file: keep it out of the test runner's reporting protocol.
    delete env.NODE_TEST_CONTEXT;
    const child = fork(ENTRY, [], {
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: ['--enable-source-maps'],
    });
    const rc = new RuntimeChild(name, logFile, child);
    this.children.push(rc);
    await rc.waitReady(options.readyTimeoutMs ?? 20_000);
    return rc;
  }

  /** Side effects of every child spawned so far (dead or alive). */
  allEffects(): EffectLine[] {
    return this.children.flatMap((c) => c.effects());
  }
}

/** Counts events of `kind` in a history. */
export function countKind(history: readonly HistoryEventInfo[], kind: string): number {
  return history.filter((e) => e.kind === kind).length;
}

/**
 * The activities whose completion is committed in `history`: for each ActivityCompleted, the
 * name and input of its ActivityScheduled.
 */
export function completedActivities(
  history: readonly HistoryEventInfo[],
): { name: string; input: unknown }[] {
  const scheduled = new Map(
    history.filter((e) => e.kind === 'ActivityScheduled').map((e) => [e.eventId, e]),
  );
  return history
    .filter((e) => e.kind === 'ActivityCompleted')
    .map((e) => {
      const s = e.sourceEventId === undefined ? undefined : scheduled.get(e.sourceEventId);
      if (s === undefined)
        throw new Error(`ActivityCompleted ${e.eventId} has no matching ActivityScheduled`);
      const data = JSON.parse(s.data ?? '{}') as { name?: unknown; input?: unknown };
      return { name: String(data.name), input: data.input };
    });
}
