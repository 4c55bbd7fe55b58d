import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { InvalidInputError, Runtime, SqliteProvider } from '../../../src/index.js';
import { eventually } from '../../helpers/eventually.js';
import { startHarnessOn, uid } from '../../helpers/runtime-harness.js';
import { STORE_KINDS } from '../../helpers/test-store.js';

interface PinoLine {
  readonly level: number;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/** A pino logger at `level` whose JSON lines are collected. */
function collectingPino(level: string): { logger: pino.Logger; lines: PinoLine[] } {
  const lines: PinoLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim() !== '') lines.push(JSON.parse(line) as PinoLine);
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

const DEBUG = 20;
const INFO = 30;
const WARN = 40;

function registerCheckout(rt: Runtime): void {
  rt.registerActivity('Charge', async (ctx, amount: number) => {
    ctx.traceInfo(`charging ${amount}`);
    if (amount > 100) throw new Error('card declined');
    return amount;
  });
  rt.registerActivity('Release', async () => 'released');
  rt.registerOrchestration('Checkout', async (ctx, amount: number) => {
    ctx.traceInfo('checkout started');
    try {
      return await ctx.scheduleActivity('Charge', amount);
    } catch {
      ctx.traceInfo('card declined, compensating');
      await ctx.scheduleActivity('Release', null);
      return 'compensated';
    }
  });
}

for (const kind of STORE_KINDS) {
  describe(`pino logger on ${kind}`, () => {
    test('records reach the pino logger with instanceId, executionId, name@version, activityName and nodeId', async (t) => {
      const { logger, lines } = collectingPino('debug');
      const { client, runtime } = await startHarnessOn(t, kind, registerCheckout, {
        logger,
        workerNodeId: 'node-a',
      });
      const id = uid('pino');
      await client.startOrchestration(id, 'Checkout', 500);
      assert.equal((await client.waitForOrchestration(id, 30_000)).output, 'compensated');
      const mine = await eventually('the compensation trace', () => {
        const found = lines.filter((l) => l['instanceId'] === id);
        return found.some((l) => l.msg === 'card declined, compensating') ? found : undefined;
      });
      const started = mine.find((l) => l.msg === 'checkout started')!;
      assert.equal(started.level, INFO);
      assert.equal(started['orchestration'], 'Checkout@1.0.0');
      assert.equal(started['executionId'], 1);
      assert.equal(started['nodeId'], runtime.nodeId);
      assert.equal(started['target'], 'duroxide::orchestration');
      const charging = mine.find((l) => l.msg === 'charging 500')!;
      assert.equal(charging['activityName'], 'Charge');
      assert.equal(charging['orchestration'], 'Checkout@1.0.0');
      assert.equal(charging['nodeId'], 'node-a');
      const failure = mine.find((l) => l.msg === 'activity failed (application error)')!;
      assert.equal(failure.level, DEBUG, 'a handled activity failure is debug, not a warning');
      assert.equal(failure['activityName'], 'Charge');
      assert.equal(failure['error'], 'card declined');
    });

    test('at info level a card declined and compensated logs no warning or error, and ctx.trace* is written once despite replays', async (t) => {
      const { logger, lines } = collectingPino('info');
      const { client } = await startHarnessOn(t, kind, registerCheckout, {
        logger,
        // Every turn replays the history from the start.
        instanceCacheSize: 0,
        localActivities: false,
      });
      const id = uid('pino-quiet');
      await client.startOrchestration(id, 'Checkout', 500);
      assert.equal((await client.waitForOrchestration(id, 30_000)).output, 'compensated');
      const mine = await eventually('the compensation trace', () => {
        const found = lines.filter((l) => l['instanceId'] === id);
        return found.some((l) => l.msg === 'card declined, compensating') ? found : undefined;
      });
      assert.deepEqual(
        mine.filter((l) => l.level >= WARN),
        [],
      );
      assert.equal(mine.filter((l) => l.msg === 'checkout started').length, 1);
      assert.equal(mine.filter((l) => l.level === DEBUG).length, 0, "pino's level decides");
    });
  });
}

describe('logger option checks', () => {
  test('a logger without the level methods is refused, and so is logger together with logSink', async () => {
    const provider = await SqliteProvider.inMemory();
    try {
      assert.throws(
        () => new Runtime(provider, { logger: { info() {} } as never }),
        (e) => e instanceof InvalidInputError && /pino-compatible/.test(e.message),
      );
      assert.throws(
        () => new Runtime(provider, { logger: pino({ enabled: false }), logSink: () => undefined }),
        (e) => e instanceof InvalidInputError && /cannot be used together/.test(e.message),
      );
    } finally {
      await provider.close();
    }
  });
});
