/**
 * Parent side of the multi-node PostgreSQL tests: a fresh schema on the test server, runtime
 * child processes (`postgres-runtime-process.ts`) on it, the parent's own Client, and the
 * children's side-effect logs. Torn down in `t.after`, children first (SIGKILL if still
 * alive), even when the test fails. The PostgreSQL twin of `ProcessFixture`.
 * @module
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { Client } from '../../src/index.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import { RuntimeChild, type SpawnOptions } from './process-harness.js';
import { type PostgresServer, dropSchema, postgresServer, uniqueSchemaName } from './postgres-cluster.js';
import type { EffectLine } from './runtime-process.js';

const ENTRY = fileURLToPath(new URL('./postgres-runtime-process.js', import.meta.url));

export class PostgresProcessFixture {
  readonly dir: string;
  readonly server: PostgresServer;
  readonly schema: string;
  readonly children: RuntimeChild[] = [];
  #provider: PostgresProvider | undefined;
  #client: Client | undefined;

  private constructor(dir: string, server: PostgresServer, schema: string) {
    this.dir = dir;
    this.server = server;
    this.schema = schema;
  }

  /** A fresh schema and temp dir; cleanup (kill children, close, drop, delete) is registered on `t`. */
  static async create(t: TestContext, prefix: string): Promise<PostgresProcessFixture> {
    const server = await postgresServer();
    const fx = new PostgresProcessFixture(mkdtempSync(join(tmpdir(), 'duroxide-pgproc-')), server, uniqueSchemaName(prefix));
    t.after(async () => {
      await Promise.all(fx.children.map((c) => c.kill()));
      await fx.#provider?.close();
      await dropSchema(server.url, fx.schema).catch(() => undefined);
      rmSync(fx.dir, { recursive: true, force: true });
    });
    return fx;
  }

  /** The parent's own provider (opened, and the schema migrated, on first use). */
  async provider(): Promise<PostgresProvider> {
    this.#provider ??= await PostgresProvider.connectWithSchema(this.server.url, this.schema);
    return this.#provider;
  }

  /** The parent's own client on the shared schema. */
  async client(): Promise<Client> {
    this.#client ??= new Client(await this.provider());
    return this.#client;
  }

  /** Forks a runtime child named `name` on the shared schema and waits for it to be ready. */
  async spawn(name: string, options: SpawnOptions = {}): Promise<RuntimeChild> {
    const logFile = join(this.dir, `effects-${name}.log`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DUROXIDE_PGRP_URL: this.server.url,
      DUROXIDE_PGRP_SCHEMA: this.schema,
      DUROXIDE_PGRP_LOG: logFile,
      DUROXIDE_PGRP_NAME: name,
      DUROXIDE_PGRP_STEP_MS: String(options.stepMs ?? 0),
      DUROXIDE_PGRP_SLOW_MS: String(options.slowMs ?? 30_000),
      DUROXIDE_PGRP_SHUTDOWN_MS: String(options.shutdownTimeoutMs ?? 5_000),
      DUROXIDE_PGRP_OPTIONS: JSON.stringify(options.runtimeOptions ?? {}),
    };
    // The child is not a test file: keep it out of the test runner's reporting protocol.
    delete env.NODE_TEST_CONTEXT;
    const child = fork(ENTRY, [], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: ['--enable-source-maps'] });
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
