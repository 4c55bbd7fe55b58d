/**
 * Builds a real runtime + client on a temporary SQLite file for end-to-end tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Runtime, SqliteProvider, } from '../../src/index.js';
import { testStore } from './test-store.js';
/** A runtime on a fresh SQLite file; `setup` registers handlers before start. Cleaned up after the test. */
export async function startHarness(t, setup, options = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'duroxide-test-'));
    const file = join(dir, 'test.db');
    const provider = await SqliteProvider.open(`sqlite:${file}`);
    const runtime = new Runtime(provider, { logLevel: 'off', ...options });
    setup(runtime);
    await runtime.start();
    const client = new Client(provider);
    t.after(async () => {
        await runtime.shutdown(2000);
        await provider.close();
        rmSync(dir, { recursive: true, force: true });
    });
    return { provider, runtime, client, file };
}
/**
 * A runtime on a fresh store of `kind`; `setup` registers handlers before start. On SQLite the
 * client shares the runtime's provider. On PostgreSQL the client has a provider of its own and
 * the runtime polls only every 10 s, so every start, event and completion must cross providers
 * through LISTEN/NOTIFY, as between machines, for the test to finish in time.
 */
export async function startHarnessOn(t, kind, setup, options = {}) {
    const store = await testStore(t, kind);
    const provider = await store.open();
    const runtime = new Runtime(provider, {
        logLevel: 'off',
        ...(kind === 'postgres' ? { dispatcherPollIntervalMs: 10_000 } : {}),
        ...options,
    });
    setup(runtime);
    await runtime.start();
    t.after(() => runtime.shutdown(2000));
    const client = new Client(kind === 'postgres' ? await store.open() : provider);
    return { provider, runtime, client };
}
let counter = 0;
/** A unique instance id for this process. */
export function uid(prefix) {
    counter++;
    return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}
//# sourceMappingURL=runtime-harness.js.map