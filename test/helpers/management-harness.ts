/**
 * A real management server on port 0 over a test store (SQLite or PostgreSQL) with a runtime
 * that registers a few small orchestrations, and a fetch helper that sends a key and JSON.
 * Everything is torn down in `t.after`.
 * @module
 */
import type { TestContext } from 'node:test';
import { Client, Runtime, type Provider } from '../../src/index.js';
import {
  createManagementServer,
  type ListeningManagementServer,
  type ManagementServerOptions,
} from '../../src/server/create-management-server.js';
import { testStore, type StoreKind } from './test-store.js';

/** A parsed JSON body: tests navigate it freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loosely typed JSON under test
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
  api(
    method: string,
    path: string,
    options?: { body?: unknown; rawBody?: string; key?: string; contentType?: string },
  ): Promise<ApiResponse>;
}

/** Registers Echo (returns its input), Waiter (waits for event `go`), Counter (continue-as-new n times), Failer. */
export function registerSamples(runtime: Runtime): void {
  runtime.registerActivity('Double', async (_ctx, n: number) => n * 2);
  runtime.registerOrchestration('Echo', async (ctx, input: unknown) => {
    ctx.setCustomStatus({ phase: 'echoing' });
    const doubled = await ctx.scheduleActivity('Double', 21);
    return { input, doubled };
  });
  runtime.registerOrchestration('Waiter', async (ctx) => ctx.waitForEvent('go'));
  runtime.registerOrchestration('Counter', async (ctx, n: number) => {
    if (n > 0) return ctx.continueAsNew(n - 1);
    return 'done';
  });
  runtime.registerOrchestration('Failer', async () => {
    throw new Error('boom');
  });
}

export async function startManagementHarness(
  t: TestContext,
  kind: StoreKind,
  options: Omit<ManagementServerOptions, 'client'> = {},
  register: (runtime: Runtime) => void = registerSamples,
): Promise<ManagementHarness> {
  const store = await testStore(t, kind);
  const provider = await store.open();
  const runtime = new Runtime(await store.open(), { logLevel: 'off' });
  register(runtime);
  await runtime.start();
  const client = new Client(provider);
  const server = await createManagementServer({
    client,
    ...options,
    onInternalError: () => undefined,
  }).listen({ port: 0 });
  t.after(async () => {
    await server.close();
    await runtime.shutdown(2000);
  });
  const api: ManagementHarness['api'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = {};
    if (o.key !== undefined) headers['authorization'] = `Bearer ${o.key}`;
    let body: string | undefined = o.rawBody;
    if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined) headers['content-type'] = o.contentType ?? 'application/json';
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: parsed };
  };
  const storeArgs = [
    '--store',
    store.url,
    ...(store.schema !== undefined ? ['--schema', store.schema] : []),
  ];
  return { provider, client, runtime, server, storeArgs, api };
}
