/**
 * A child process for test/providers/postgres-process-exit.test.ts: does its work on a
 * PostgreSQL provider and then simply returns — no `provider.close()`, no `process.exit()`.
 * The test passes only if the process then exits by itself.
 *
 * argv: <url> <schema> <mode>, mode `runtime` (a runtime runs one orchestration, a client waits
 * for it, the runtime shuts down) or `client` (a client-only process reads a status).
 * @module
 */
import { Client, Runtime } from '../../src/index.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';

const [url, schema, mode] = process.argv.slice(2);
if (url === undefined || schema === undefined) throw new Error('usage: <url> <schema> <mode>');

const provider = await PostgresProvider.connectWithSchema(url, schema);
const client = new Client(provider);
if (mode === 'runtime') {
  const runtime = new Runtime(provider);
  runtime.registerActivity('Double', (_ctx, n: number) => n * 2);
  runtime.registerOrchestration('Exit', async (ctx, n: number) => {
    const doubled = await ctx.scheduleActivity<number>('Double', n);
    await ctx.scheduleTimer(10);
    return doubled + 1;
  });
  await runtime.start();
  await client.startOrchestration('exit-1', 'Exit', 20);
  const status = await client.waitForOrchestration('exit-1', 30_000);
  await runtime.shutdown();
  process.stdout.write(
    `${JSON.stringify(status.status === 'Completed' ? status.output : status)}\n`,
  );
} else {
  const status = await client.getStatus('nobody');
  process.stdout.write(`${JSON.stringify(status.status)}\n`);
}
