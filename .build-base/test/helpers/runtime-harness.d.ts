import type { TestContext } from 'node:test';
import { Client, Runtime, SqliteProvider, type Provider, type RuntimeOptions } from '../../src/index.js';
import { type StoreKind } from './test-store.js';
export interface Harness {
    readonly provider: SqliteProvider;
    readonly runtime: Runtime;
    readonly client: Client;
    readonly file: string;
}
/** A runtime on a fresh SQLite file; `setup` registers handlers before start. Cleaned up after the test. */
export declare function startHarness(t: TestContext, setup: (runtime: Runtime) => void, options?: RuntimeOptions): Promise<Harness>;
export interface StoreHarness {
    readonly provider: Provider;
    readonly runtime: Runtime;
    readonly client: Client;
}
/**
 * A runtime on a fresh store of `kind`; `setup` registers handlers before start. On SQLite the
 * client shares the runtime's provider. On PostgreSQL the client has a provider of its own and
 * the runtime polls only every 10 s, so every start, event and completion must cross providers
 * through LISTEN/NOTIFY, as between machines, for the test to finish in time.
 */
export declare function startHarnessOn(t: TestContext, kind: StoreKind, setup: (runtime: Runtime) => void, options?: RuntimeOptions): Promise<StoreHarness>;
/** A unique instance id for this process. */
export declare function uid(prefix: string): string;
