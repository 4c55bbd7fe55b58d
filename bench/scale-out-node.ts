/**
 * One runtime process of the scale-out bench (bench/scale-out.ts):
 *   node .build/bench/scale-out-node.js <postgres-url> <schema>
 * Runs the chain orchestration's runtime against the schema, prints `ready`, and shuts down
 * cleanly when its stdin closes, printing its CPU seconds as the last line.
 */
import { PostgresProvider, Runtime, type OrchestrationContext } from '../src/index.js';

const [url, schema] = process.argv.slice(2);
if (url === undefined || schema === undefined)
  throw new Error('usage: scale-out-node.js <postgres-url> <schema>');

const provider = await PostgresProvider.connectWithSchema(url, schema);
const rt = new Runtime(provider, {
  logLevel: 'error',
  ...(JSON.parse(process.env['DUROXIDE_BENCH_OPTIONS'] || '{}') as object),
});
rt.registerActivity('Step', async (_ctx, x: number) => x + 1);
rt.registerOrchestration(
  'Chain',
  async (ctx: OrchestrationContext, input: { n: number; steps: number }) => {
    let v = input.n;
    for (let i = 0; i < input.steps; i++) v = await ctx.scheduleActivity<number>('Step', v);
    return v;
  },
);
await rt.start();
const cpu0 = process.cpuUsage();
process.stdout.write('ready\n');
process.stdin.resume();
process.stdin.on('end', () => {
  const cpu = process.cpuUsage(cpu0);
  void rt
    .shutdown(5000)
    .then(() => provider.close())
    .then(() => {
      process.stdout.write(`${(cpu.user + cpu.system) / 1e6}\n`);
      process.exit(0);
    });
});
