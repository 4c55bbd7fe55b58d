/**
 * One shared store per test, on either provider, for runtime scenarios that must hold on both:
 * a temp SQLite file, or a fresh schema on the test PostgreSQL server (`DUROXIDE_PG_URL` or a
 * throwaway cluster). `open()` returns a new provider on the same store each call (one per
 * runtime or client, as separate processes would have); all are closed and the store removed
 * after the test, after every other `t.after` hook of the test (runtimes shut down first).
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteProvider } from '../../src/index.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import { dropSchema, postgresServer, uniqueSchemaName } from './postgres-cluster.js';
export const STORE_KINDS = ['sqlite', 'postgres'];
/**
 * Registers `cleanup` to run after every other `t.after` hook of the test, including those
 * registered later (a runtime started on the store shuts down before its provider closes).
 * Hooks run in registration order; one registered while they run is run last.
 */
function afterEverything(t, cleanup) {
    t.after(() => {
        t.after(cleanup);
    });
}
export async function testStore(t, kind) {
    const opened = [];
    if (kind === 'sqlite') {
        const dir = mkdtempSync(join(tmpdir(), 'duroxide-store-'));
        const url = `sqlite:${join(dir, 'store.db')}`;
        afterEverything(t, async () => {
            for (const p of opened)
                await p.close();
            rmSync(dir, { recursive: true, force: true });
        });
        return {
            kind,
            url,
            open: async () => {
                const p = await SqliteProvider.open(url);
                opened.push(p);
                return p;
            },
        };
    }
    const server = await postgresServer();
    const schema = uniqueSchemaName('store');
    afterEverything(t, async () => {
        for (const p of opened)
            await p.close();
        await dropSchema(server.url, schema).catch(() => undefined);
    });
    return {
        kind,
        url: server.url,
        schema,
        open: async () => {
            const p = await PostgresProvider.connectWithSchema(server.url, schema);
            opened.push(p);
            return p;
        },
    };
}
//# sourceMappingURL=test-store.js.map