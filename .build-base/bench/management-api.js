/**
 * The `api-query` workload: management API latency over a store with many instances. Seeds
 * `z.apiInstances` instances (two names × two versions; a third stay Running, the rest
 * Completed) through a runtime, then times HTTP requests to a real server on port 0: the first
 * page, a filtered page (name + version pattern + status), the tenth page by cursor, and the
 * version facets. Quick: 10,000 instances; full: 100,000.
 */
import { performance } from 'node:perf_hooks';
import { Client, Runtime, createManagementServer } from '../src/index.js';
import { pct, round } from './workloads.js';
const REPEAT = 40;
async function seed(client, runtime, n) {
    const prefix = `api${process.pid}-`;
    for (let i = 0; i < n; i++) {
        await client.startOrchestration(`${prefix}${i}`, i % 2 === 0 ? 'ApiOrder' : 'ApiBilling', i, {
            version: i % 4 < 2 ? '1.0.0' : '2.0.0',
        });
    }
    for (;;) {
        const m = await client.getSystemMetrics();
        if (m.totalInstances >= n &&
            m.completedInstances + m.runningInstances >= n &&
            (await client.getQueueDepths()).orchestratorQueue === 0)
            break;
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    void runtime;
}
export async function apiQuery(env, z) {
    const provider = await env.createProvider();
    const runtime = new Runtime(provider, { logLevel: 'error', ...env.runtimeOptions });
    for (const name of ['ApiOrder', 'ApiBilling']) {
        for (const version of ['1.0.0', '2.0.0']) {
            runtime.registerOrchestrationVersioned(name, version, async (ctx, i) => i % 3 === 0 ? ctx.waitForEvent('never') : i);
        }
    }
    await runtime.start();
    const client = new Client(provider);
    const server = await createManagementServer({ client }).listen();
    try {
        const seedStart = performance.now();
        await seed(client, runtime, z.apiInstances);
        const seedSeconds = (performance.now() - seedStart) / 1000;
        const time = async (path) => {
            const t0 = performance.now();
            const res = await fetch(`${server.url}/api/v1${path}`);
            const body = (await res.json());
            if (!res.ok)
                throw new Error(`GET ${path} → ${res.status} ${JSON.stringify(body)}`);
            return { ms: performance.now() - t0, body };
        };
        const cpu0 = process.cpuUsage();
        const start = performance.now();
        const series = {
            firstPage: [],
            filtered: [],
            tenthPage: [],
            facets: [],
        };
        for (let r = 0; r < REPEAT; r++) {
            series['firstPage'].push((await time('/instances?limit=100')).ms);
            series['filtered'].push((await time('/instances?name=ApiOrder&version=2.x&status=Running&limit=100')).ms);
            let cursor;
            let t = 0;
            for (let page = 0; page < 10; page++) {
                const got = await time(`/instances?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
                cursor = got.body.nextCursor;
                t = got.ms;
                if (cursor === null || cursor === undefined)
                    break;
            }
            series['tenthPage'].push(t);
            series['facets'].push((await time('/instance-facets?name=ApiOrder&groupBy=version')).ms);
        }
        const seconds = (performance.now() - start) / 1000;
        const cpu = process.cpuUsage(cpu0);
        const all = Object.values(series).flat();
        const p50 = (xs) => round(pct([...xs].sort((a, b) => a - b), 50));
        return {
            workload: 'api-query',
            orchestrations: all.length,
            activities: 0,
            seconds,
            latenciesMs: all,
            cpuSeconds: (cpu.user + cpu.system) / 1e6,
            peakRssMb: process.memoryUsage().rss / 1024 / 1024,
            extra: {
                instances: z.apiInstances,
                firstPageP50Ms: p50(series['firstPage']),
                filteredP50Ms: p50(series['filtered']),
                tenthPageP50Ms: p50(series['tenthPage']),
                facetsP50Ms: p50(series['facets']),
                seedSeconds: round(seedSeconds),
            },
        };
    }
    finally {
        await server.close();
        await runtime.shutdown(5000);
        await provider.close();
    }
}
//# sourceMappingURL=management-api.js.map