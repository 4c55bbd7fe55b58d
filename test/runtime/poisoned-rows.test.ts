/**
 * A queue row the fetch cannot process never starves the queue, on both stores: undecodable
 * text, an unknown item type and an item far over the payload limit written straight into the
 * store are quarantined with a warning naming the instance, and every other instance runs.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client, Runtime, type OrchestrationContext } from '../../src/index.js';
import type { LogRecord } from '../../src/runtime/logger.js';
import { insertRawRow } from '../helpers/raw-queue-rows.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS, testStore, type TestStore } from '../helpers/test-store.js';

async function runAlongside(t: test.TestContext, store: TestStore, logs: LogRecord[]) {
  const runtime = new Runtime(await store.open(), {
    logLevel: 'warn',
    logSink: (r) => logs.push(r),
    limits: { maxPayloadBytes: 1024 },
  });
  runtime.registerActivity('Echo', async (_ctx, input: string) => input);
  runtime.registerOrchestration('Flow', async (ctx: OrchestrationContext, input: string) =>
    ctx.scheduleActivity('Echo', input),
  );
  await runtime.start();
  t.after(() => runtime.shutdown(2000));
  const client = new Client(await store.open());
  const id = uid('runs');
  await client.startOrchestration(id, 'Flow', 'ok');
  const status = await client.waitForOrchestration(id, 20_000);
  assert.equal(status.status, 'Completed');
  return client;
}

const quarantineLines = (logs: readonly LogRecord[]) =>
  logs.filter((r) => r.level === 'warn' && r.message.startsWith('quarantined'));

for (const kind of STORE_KINDS) {
  describe(`poisoned queue rows (${kind})`, () => {
    test('rows that are not work items are quarantined with a warning and other instances run', async (t) => {
      const store = await testStore(t, kind);
      const provider = await store.open();
      // Typed as starts: batches of unknown instances without one are orphans (set aside unread).
      await insertRawRow(store, {
        queue: 'orchestrator',
        instanceId: 'bad-json',
        itemType: 'StartOrchestration',
        text: '{not json',
      });
      await insertRawRow(store, {
        queue: 'orchestrator',
        instanceId: 'bad-type',
        itemType: 'StartOrchestration',
        text: '{"type":"Nope","instance":"bad-type"}',
      });
      await insertRawRow(store, { queue: 'worker', instanceId: 'bad-work', text: '[1,2' });
      const logs: LogRecord[] = [];
      await runAlongside(t, store, logs);
      const page = await provider.listPoisonedItems?.({});
      assert.deepEqual(page?.items.map((i) => i.instanceId).sort(), [
        'bad-json',
        'bad-type',
        'bad-work',
      ]);
      const lines = quarantineLines(logs);
      assert.equal(lines.length, 3, JSON.stringify(logs));
      assert.ok(
        lines.some((l) => l.message.includes("'bad-json'") && l.message.includes('not JSON')),
      );
      assert.ok(
        lines.some((l) => l.message.includes("'bad-type'") && l.message.includes('"Nope"')),
      );
      assert.ok(
        lines.some((l) => l.message.includes("'bad-work'") && l.message.includes('worker')),
      );
    });

    test('an item far over the payload limit written into the store is quarantined without being loaded', async (t) => {
      const store = await testStore(t, kind);
      const provider = await store.open();
      const input = JSON.stringify('x'.repeat(3 * 1024 * 1024));
      const start = {
        type: 'StartOrchestration',
        instance: 'huge-start',
        orchestration: 'Flow',
        input,
      };
      await insertRawRow(store, {
        queue: 'orchestrator',
        instanceId: 'huge-start',
        itemType: 'StartOrchestration',
        text: JSON.stringify(start),
      });
      const activity = {
        type: 'ActivityExecute',
        instance: 'huge-work',
        executionId: 1,
        id: 1,
        name: 'Echo',
        input,
      };
      await insertRawRow(store, {
        queue: 'worker',
        instanceId: 'huge-work',
        text: JSON.stringify(activity),
      });
      const logs: LogRecord[] = [];
      const client = await runAlongside(t, store, logs);
      const page = await provider.listPoisonedItems?.({});
      assert.deepEqual(page?.items.map((i) => i.instanceId).sort(), ['huge-start', 'huge-work']);
      assert.ok(
        page?.items.every((i) => i.sizeBytes > 3 * 1024 * 1024 && /fetch limit/.test(i.reason)),
      );
      assert.equal(quarantineLines(logs).length, 2);
      assert.equal(await client.getStatus('huge-start').then((s) => s.status), 'NotFound');
    });
  });
}

test('an orchestrator row whose instance id is not valid UTF-8 is quarantined on SQLite', async (t) => {
  const store = await testStore(t, 'sqlite');
  const provider = await store.open();
  // 'ls-' + the WTF-8 bytes of a lone U+D800: reads back as U+FFFD, so nothing matches it.
  const id = Buffer.concat([Buffer.from('ls-'), Buffer.from([0xed, 0xa0, 0x80])]);
  const text = Buffer.concat([
    Buffer.from('{"type":"StartOrchestration","instance":"'),
    id,
    Buffer.from('","orchestration":"Flow","input":"null"}'),
  ]);
  await insertRawRow(store, {
    queue: 'orchestrator',
    instanceId: id,
    itemType: 'StartOrchestration',
    text: text.toString('latin1'),
  });
  const logs: LogRecord[] = [];
  await runAlongside(t, store, logs);
  const page = await provider.listPoisonedItems?.({});
  assert.equal(page?.items.length, 1);
  assert.match(page?.items[0]?.reason ?? '', /does not read back as written/);
  assert.equal(quarantineLines(logs).length, 1);
});
