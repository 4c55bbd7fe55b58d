import { Client, Runtime } from '../../src/index.js';
import { createManagementServer, } from '../../src/server/create-management-server.js';
import { testStore } from './test-store.js';
/** Registers Echo (returns its input), Waiter (waits for event `go`), Counter (continue-as-new n times), Failer. */
export function registerSamples(runtime) {
    runtime.registerActivity('Double', async (_ctx, n) => n * 2);
    runtime.registerOrchestration('Echo', async (ctx, input) => {
        ctx.setCustomStatus({ phase: 'echoing' });
        const doubled = await ctx.scheduleActivity('Double', 21);
        return { input, doubled };
    });
    runtime.registerOrchestration('Waiter', async (ctx) => ctx.waitForEvent('go'));
    runtime.registerOrchestration('Counter', async (ctx, n) => {
        if (n > 0)
            return ctx.continueAsNew(n - 1);
        return 'done';
    });
    runtime.registerOrchestration('Failer', async () => {
        throw new Error('boom');
    });
}
export async function startManagementHarness(t, kind, options = {}, register = registerSamples) {
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
    const api = async (method, path, o = {}) => {
        const headers = {};
        if (o.key !== undefined)
            headers['authorization'] = `Bearer ${o.key}`;
        let body = o.rawBody;
        if (o.body !== undefined)
            body = JSON.stringify(o.body);
        if (body !== undefined)
            headers['content-type'] = o.contentType ?? 'application/json';
        const res = await fetch(`${server.url}${path}`, {
            method,
            headers,
            ...(body !== undefined ? { body } : {}),
        });
        const text = await res.text();
        let parsed = text;
        try {
            parsed = JSON.parse(text);
        }
        catch {
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
//# sourceMappingURL=management-harness.js.map