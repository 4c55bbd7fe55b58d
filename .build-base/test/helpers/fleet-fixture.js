/**
 * Parent side of the fleet versioning tests: one shared store (a SQLite file, or a fresh
 * PostgreSQL schema on the test server), runtime child processes (`fleet-process.ts`) with a
 * deploy role each, the parent's own Client, and the children's side-effect logs. Torn down in
 * `t.after`, children first.
 * @module
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, SqliteProvider } from '../../src/index.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import { RuntimeChild } from './process-harness.js';
import { dropSchema, postgresServer, uniqueSchemaName } from './postgres-cluster.js';
const ENTRY = fileURLToPath(new URL('./fleet-process.js', import.meta.url));
export class FleetFixture {
    dir;
    /** Created by the test to make every Monitor finish at its next probe. */
    stopFile;
    children = [];
    #store;
    #schema;
    #provider;
    #client;
    constructor(dir, store, schema) {
        this.dir = dir;
        this.stopFile = join(dir, 'stop');
        this.#store = store;
        this.#schema = schema;
    }
    static async create(t, kind) {
        const dir = mkdtempSync(join(tmpdir(), 'duroxide-fleet-'));
        let fx;
        if (kind === 'sqlite') {
            fx = new FleetFixture(dir, `sqlite:${join(dir, 'fleet.db')}`, undefined);
        }
        else {
            const server = await postgresServer();
            fx = new FleetFixture(dir, server.url, uniqueSchemaName('fleet'));
        }
        t.after(async () => {
            await Promise.all(fx.children.map((c) => c.kill()));
            await fx.#provider?.close();
            if (fx.#schema !== undefined)
                await dropSchema(fx.#store, fx.#schema).catch(() => undefined);
            rmSync(dir, { recursive: true, force: true });
        });
        return fx;
    }
    async provider() {
        this.#provider ??=
            this.#schema === undefined
                ? await SqliteProvider.open(this.#store)
                : await PostgresProvider.connectWithSchema(this.#store, this.#schema);
        return this.#provider;
    }
    async client() {
        this.#client ??= new Client(await this.provider(), { fleetRefreshMs: 0 });
        return this.#client;
    }
    /**
     * Forks a runtime of `role` ('old' = Monitor 1.0.0, 'new' = 1.0.0 + 2.0.0) and waits until it
     * is ready. Nodes leave the registry when stopped gracefully, so the tests need no short
     * liveness window: a 2 s heartbeat (6 s of grace) keeps a node that a loaded machine stalls
     * for a while from being counted as gone.
     */
    async spawn(name, role, runtimeOptions = {}) {
        const logFile = join(this.dir, `effects-${name}.log`);
        const env = {
            ...process.env,
            DUROXIDE_FP_STORE: this.#store,
            DUROXIDE_FP_LOG: logFile,
            DUROXIDE_FP_NAME: name,
            DUROXIDE_FP_ROLE: role,
            DUROXIDE_FP_STOP: this.stopFile,
            DUROXIDE_FP_OPTIONS: JSON.stringify({
                nodeHeartbeatIntervalMs: 2000,
                fleetRefreshMs: 100,
                ...runtimeOptions,
            }),
            ...(this.#schema !== undefined ? { DUROXIDE_FP_SCHEMA: this.#schema } : {}),
        };
        delete env.NODE_TEST_CONTEXT;
        const child = fork(ENTRY, [], {
            env,
            stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
            execArgv: ['--enable-source-maps'],
        });
        const rc = new RuntimeChild(name, logFile, child);
        this.children.push(rc);
        await rc.waitReady(20_000);
        return rc;
    }
    /** Every Monitor execution any child ran, in log order per child. */
    effects() {
        return this.children.flatMap((c) => {
            if (!existsSync(c.logFile))
                return [];
            const lines = readFileSync(c.logFile, 'utf8').split('\n');
            lines.pop();
            return lines.filter((l) => l.length > 0).map((l) => JSON.parse(l));
        });
    }
}
//# sourceMappingURL=fleet-fixture.js.map