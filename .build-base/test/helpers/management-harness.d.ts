/**
 * A real management server on port 0 over a test store (SQLite or PostgreSQL) with a runtime
 * that registers a few small orchestrations, and a fetch helper that sends a key and JSON.
 * Everything is torn down in `t.after`.
 * @module
 */
import type { TestContext } from 'node:test';
import { Client, Runtime, type Provider } from '../../src/index.js';
import { type ListeningManagementServer, type ManagementServerOptions } from '../../src/server/create-management-server.js';
import { type StoreKind } from './test-store.js';
/** A parsed JSON body: tests navigate it freely. */
export type Json = any;
export interface ApiResponse {
    readonly status: number;
    readonly contentType: string;
    readonly body: Json;
}
export interface ManagementHarness {
    readonly provider: Provider;
    readonly client: Client;
    readonly runtime: Runtime;
    readonly server: ListeningManagementServer;
    /** `--store … [--schema …]` for the CLI, on the same store. */
    readonly storeArgs: readonly string[];
    api(method: string, path: string, options?: {
        body?: unknown;
        rawBody?: string;
        key?: string;
        contentType?: string;
    }): Promise<ApiResponse>;
}
/** Registers Echo (returns its input), Waiter (waits for event `go`), Counter (continue-as-new n times), Failer. */
export declare function registerSamples(runtime: Runtime): void;
export declare function startManagementHarness(t: TestContext, kind: StoreKind, options?: Omit<ManagementServerOptions, 'client'>, register?: (runtime: Runtime) => void): Promise<ManagementHarness>;
