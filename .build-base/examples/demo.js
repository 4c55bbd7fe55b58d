/**
 * The demo app behind `npm start`: a runtime with example orchestrations on an embedded SQLite
 * file, printing their progress and results.
 *
 *   npm start                       # uses ./duroxide-demo.db
 *   DUROXIDE_DEMO_DB=/tmp/x.db npm start
 */
import { rmSync } from 'node:fs';
import { Client, Runtime, SqliteProvider } from '../src/index.js';
const file = process.env['DUROXIDE_DEMO_DB'] ?? './duroxide-demo.db';
const say = (line) => {
    process.stdout.write(`${line}\n`);
};
async function main() {
    for (const suffix of ['', '-wal', '-shm'])
        rmSync(`${file}${suffix}`, { force: true });
    const provider = await SqliteProvider.open(`sqlite:${file}`);
    const runtime = new Runtime(provider, { logLevel: 'warn' });
    runtime.registerActivity('Greet', async (ctx, name) => {
        ctx.traceInfo(`greeting ${name}`);
        return `Hello, ${name}!`;
    });
    runtime.registerActivity('Price', async (_ctx, sku) => sku.length * 10);
    runtime.registerActivity('Charge', async (_ctx, amount) => {
        if (amount > 100)
            throw new Error(`card declined for ${amount}`);
        return `receipt-${amount}`;
    });
    runtime.registerActivity('Refund', async (_ctx, reason) => `refunded (${reason})`);
    // async/await style
    runtime.registerOrchestration('Hello', async (ctx, name) => ctx.scheduleActivity('Greet', name));
    // generator style, fan-out/fan-in
    runtime.registerOrchestration('Quote', function* (ctx, skus) {
        const prices = (yield ctx.all(skus.map((s) => ctx.scheduleActivity('Price', s))));
        return prices.reduce((sum, p) => sum + (p.ok ?? 0), 0);
    });
    // error handling with compensation
    runtime.registerOrchestration('Checkout', async (ctx, amount) => {
        try {
            return await ctx.scheduleActivity('Charge', amount);
        }
        catch (e) {
            return ctx.scheduleActivity('Refund', e.message);
        }
    });
    // external event raced against a durable timer
    runtime.registerOrchestration('Approval', async (ctx, timeoutMs) => {
        ctx.setCustomStatus('waiting for approval');
        const r = await ctx.race(ctx.waitForEvent('Approve'), ctx.scheduleTimer(timeoutMs));
        return r.index === 0 ? `approved by ${String(r.value)}` : 'timed out';
    });
    // an eternal loop with continue-as-new, upgraded from 1.0.0 to 1.0.1 at the boundary
    runtime.registerOrchestration('Monitor', async (ctx, n) => {
        await ctx.scheduleTimer(20);
        return ctx.continueAsNew(n + 1);
    });
    runtime.registerOrchestrationVersioned('Monitor', '1.0.1', async (ctx, n) => {
        await ctx.scheduleTimer(20);
        if (n >= 3)
            return `checked ${n} times, last on v${ctx.orchestrationVersion}`;
        return ctx.continueAsNew(n + 1);
    });
    await runtime.start();
    const client = new Client(provider);
    say(`duroxide-ts demo on ${file}`);
    await client.startOrchestration('hello-1', 'Hello', 'World');
    say(`Hello          -> ${JSON.stringify((await client.waitForOrchestration('hello-1')).output)}`);
    await client.startOrchestration('quote-1', 'Quote', ['apple', 'kiwi', 'banana']);
    say(`Quote          -> ${JSON.stringify((await client.waitForOrchestration('quote-1')).output)}`);
    await client.startOrchestration('checkout-ok', 'Checkout', 40);
    await client.startOrchestration('checkout-bad', 'Checkout', 400);
    say(`Checkout 40    -> ${JSON.stringify((await client.waitForOrchestration('checkout-ok')).output)}`);
    say(`Checkout 400   -> ${JSON.stringify((await client.waitForOrchestration('checkout-bad')).output)}`);
    await client.startOrchestration('approval-1', 'Approval', 60_000);
    await client.startOrchestration('approval-2', 'Approval', 200);
    while (!(await client.readExecutionHistory('approval-1', 1)).some((e) => e.kind === 'ExternalSubscribed')) {
        await new Promise((r) => setTimeout(r, 10));
    }
    say(`Approval       -> status ${JSON.stringify((await client.getStatus('approval-1')).customStatus)}`);
    await client.raiseEvent('approval-1', 'Approve', 'alice');
    say(`Approval event -> ${JSON.stringify((await client.waitForOrchestration('approval-1')).output)}`);
    say(`Approval timer -> ${JSON.stringify((await client.waitForOrchestration('approval-2')).output)}`);
    await client.startOrchestrationVersioned('monitor-1', 'Monitor', 0, '1.0.0');
    const monitor = await client.waitForOrchestration('monitor-1');
    const versions = [];
    for (const e of await client.listExecutions('monitor-1')) {
        versions.push(`#${e}@${(await client.getExecutionInfo('monitor-1', e)).orchestrationVersion ?? '?'}`);
    }
    say(`Monitor        -> ${JSON.stringify(monitor.output)} (executions ${versions.join(' ')})`);
    const n = 500;
    const started = performance.now();
    await Promise.all(Array.from({ length: n }, (_, i) => client.startOrchestration(`load-${i}`, 'Hello', `user ${i}`)));
    await Promise.all(Array.from({ length: n }, (_, i) => client.waitForOrchestration(`load-${i}`, 60_000)));
    const seconds = (performance.now() - started) / 1000;
    say(`Load           -> ${n} Hello orchestrations in ${seconds.toFixed(2)} s (${Math.round(n / seconds)} orchestrations/s)`);
    await runtime.shutdown();
    await provider.close();
    say('done');
}
main().catch((error) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
});
//# sourceMappingURL=demo.js.map