/**
 * The demo app behind `npm start`: a runtime running example orchestrations continuously on an
 * embedded SQLite file, and the management server with the dashboard (docs/dashboard.md).
 * Monitor instances start on 1.0.0 (the policy pins it); after a while the demo sets the policy
 * to "latest" and they move to 1.0.1 at their next continue-as-new — an upgrade, live.
 *
 *   npm start                                  # ./duroxide-demo.db, http://127.0.0.1:8080/
 *   DUROXIDE_DEMO_DB=/tmp/x.db DUROXIDE_DEMO_PORT=0 npm start
 *   DUROXIDE_DEMO_UPGRADE_AFTER_MS=5000 DUROXIDE_DEMO_TICK_MS=500 npm start
 */
import { rmSync } from 'node:fs';
import {
  Client,
  Runtime,
  SqliteProvider,
  createManagementServer,
  type ListeningManagementServer,
  type OrchestrationContext,
} from '../src/index.js';

const env = process.env;
const file = env['DUROXIDE_DEMO_DB'] ?? './duroxide-demo.db';
const port = Number(env['DUROXIDE_DEMO_PORT'] ?? 8080);
/** How long Monitor stays pinned to 1.0.0 before the policy moves it to the newest version. */
const upgradeAfterMs = Number(env['DUROXIDE_DEMO_UPGRADE_AFTER_MS'] ?? 30_000);
/** One new instance per tick; Monitor rounds take 2 to 30 ticks. */
const tickMs = Number(env['DUROXIDE_DEMO_TICK_MS'] ?? 2000);
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function register(runtime: Runtime): void {
  runtime.registerActivity('Greet', async (_ctx, name: string) => `Hello, ${name}!`);
  runtime.registerActivity('Price', async (_ctx, sku: string) => sku.length * 10);
  runtime.registerActivity('Charge', async (_ctx, amount: number) => {
    if (amount > 100) throw new Error(`card declined for ${amount}`);
    return `receipt-${amount}`;
  });
  runtime.registerActivity('Refund', async (_ctx, reason: string) => `refunded (${reason})`);
  runtime.registerActivity('Reserve', async (_ctx, sku: string) => {
    if (sku.startsWith('rare')) throw new Error(`${sku} is out of stock`);
    return `reserved ${sku}`;
  });
  runtime.registerActivity('Probe', async (_ctx, round: number) => ({ round, healthy: true }));

  // async/await style
  runtime.registerOrchestration('Hello', async (ctx: OrchestrationContext, name: string) =>
    ctx.scheduleActivity('Greet', name),
  );

  // generator style, fan-out/fan-in
  runtime.registerOrchestration('Quote', function* (ctx: OrchestrationContext, skus: string[]) {
    const prices = (yield ctx.all(skus.map((s) => ctx.scheduleActivity('Price', s)))) as {
      ok?: number;
    }[];
    return prices.reduce((sum, p) => sum + (p.ok ?? 0), 0);
  });

  // error handling with compensation
  runtime.registerOrchestration('Checkout', async (ctx: OrchestrationContext, amount: number) => {
    try {
      return await ctx.scheduleActivity<string>('Charge', amount);
    } catch (e) {
      return ctx.scheduleActivity<string>('Refund', (e as Error).message);
    }
  });

  // sub-orchestrations and key-value state; fails when an item is out of stock
  runtime.registerOrchestration(
    'Order',
    async (ctx: OrchestrationContext, order: { skus: string[] }) => {
      ctx.setCustomStatus({ step: 'reserving' });
      for (const sku of order.skus) await ctx.scheduleActivity('Reserve', sku);
      ctx.setCustomStatus({ step: 'pricing' });
      const total = await ctx.scheduleSubOrchestration<number>('Quote', order.skus);
      ctx.setValue('total', total);
      ctx.setCustomStatus({ step: 'charging', total });
      const receipt = await ctx.scheduleSubOrchestration<string>('Checkout', total);
      return { total, receipt };
    },
  );

  // an external event raced against a durable timer
  runtime.registerOrchestration(
    'Approval',
    async (ctx: OrchestrationContext, timeoutMs: number) => {
      ctx.setCustomStatus('waiting for approval');
      const r = await ctx.race(ctx.waitForEvent<string>('Approve'), ctx.scheduleTimer(timeoutMs));
      return r.index === 0 ? `approved by ${String(r.value)}` : 'timed out';
    },
  );

  // an eternal loop with continue-as-new, upgraded from 1.0.0 to 1.0.1 at the boundary
  interface Round {
    readonly round: number;
    readonly everyMs: number;
  }
  runtime.registerOrchestration('Monitor', async (ctx: OrchestrationContext, r: Round) => {
    ctx.setCustomStatus({ round: r.round, version: ctx.orchestrationVersion });
    await ctx.scheduleTimer(r.everyMs);
    return ctx.continueAsNew({ ...r, round: r.round + 1 });
  });
  runtime.registerOrchestrationVersioned(
    'Monitor',
    '1.0.1',
    async (ctx: OrchestrationContext, r: Round) => {
      ctx.setCustomStatus({ round: r.round, version: ctx.orchestrationVersion });
      await ctx.scheduleActivity('Probe', r.round);
      await ctx.scheduleTimer(r.everyMs);
      return ctx.continueAsNew({ ...r, round: r.round + 1 });
    },
  );
}

/** Starts one instance of a random kind: the traffic the dashboard shows. */
function traffic(client: Client): () => Promise<void> {
  let n = 0;
  const waiting: string[] = [];
  const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
  return async () => {
    n += 1;
    const id = (name: string): string => `${name.toLowerCase()}-${n}`;
    switch (n % 5) {
      case 0:
        await client.startOrchestration(id('hello'), 'Hello', pick(['Ada', 'Grace', 'Linus']));
        break;
      case 1:
        await client.startOrchestration(id('order'), 'Order', {
          skus: [pick(['apple', 'kiwi', 'banana']), pick(['pear', 'fig', 'rare-truffle', 'plum'])],
        });
        break;
      case 2:
        await client.startOrchestration(id('checkout'), 'Checkout', pick([20, 40, 80, 400]));
        break;
      case 3: {
        await client.startOrchestration(id('approval'), 'Approval', 20 * tickMs);
        waiting.push(id('approval'));
        break;
      }
      default: {
        // approve every other waiting request, a few ticks after it started
        const approval = waiting.shift();
        if (approval !== undefined && n % 2 === 0) {
          await client.raiseEvent(approval, 'Approve', pick(['alice', 'bob']));
        }
        await client.startOrchestration(id('quote'), 'Quote', ['apple', 'kiwi']);
      }
    }
  };
}

async function listen(
  server: ReturnType<typeof createManagementServer>,
): Promise<ListeningManagementServer> {
  try {
    return await server.listen({ port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return server.listen({ port: 0 });
  }
}

async function main(): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const provider = await SqliteProvider.open(`sqlite:${file}`);
  // Errors only: the demo fails some activities on purpose (declined cards, out of stock).
  const runtime = new Runtime(provider, { logLevel: 'error' });
  register(runtime);
  await runtime.start();
  const client = new Client(provider);
  const server = await listen(createManagementServer({ client }));

  await client.setVersionPolicy(
    'Monitor',
    { kind: 'pinned', version: '1.0.0' },
    { actor: 'demo', reason: 'start on 1.0.0; the demo upgrades it later' },
  );
  // Rounds of 2, 10 and 30 ticks: the instances move to 1.0.1 one after the other.
  for (const [i, ticks] of [2, 2, 10, 10, 30, 30].entries()) {
    await client.startOrchestration(`monitor-${i + 1}`, 'Monitor', {
      round: 0,
      everyMs: ticks * tickMs,
    });
  }
  const next = traffic(client);
  for (let i = 0; i < 10; i++) await next();

  say(`duroxide-ts demo on ${file} (SQLite)`);
  say(`  dashboard: ${server.url}/`);
  say(
    `  Monitor runs on 1.0.0 (policy pinned); in ${Math.round(upgradeAfterMs / 1000)} s the demo sets the policy to latest and it moves to 1.0.1`,
  );
  say('  Ctrl+C to stop');

  const timers: NodeJS.Timeout[] = [];
  let isStopping = false;
  const onError = (error: unknown): void => {
    if (isStopping) return;
    process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  };
  timers.push(
    setInterval(() => {
      next().catch(onError);
    }, tickMs),
  );
  timers.push(
    setTimeout(() => {
      client
        .setVersionPolicy(
          'Monitor',
          { kind: 'latest' },
          { actor: 'demo', reason: 'roll out 1.0.1' },
        )
        .then(
          () =>
            say(
              '  Monitor policy is now latest: instances move to 1.0.1 at their next continue-as-new',
            ),
          onError,
        );
    }, upgradeAfterMs),
  );

  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  say(`stopping (${signal})`);
  isStopping = true;
  for (const t of timers) clearTimeout(t);
  await server.close();
  await runtime.shutdown(2000);
  await provider.close();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
