/**
 * The lifecycle of quarantined rows (docs/reliability.md) through the Client, on both stores:
 * they go with their instance when it is deleted, and `prunePoisonedItems` removes old ones.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client, InvalidInputError, Runtime, type OrchestrationContext } from '../../src/index.js';
import { eventually } from '../helpers/eventually.js';
import { insertRawRow } from '../helpers/raw-queue-rows.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS, testStore, type TestStore } from '../helpers/test-store.js';

async function setUp(t: test.TestContext, store: TestStore): Promise<Client> {
  const runtime = new Runtime(await store.open(), { logLevel: 'off' });
  runtime.registerOrchestration('Waiter', async (ctx: OrchestrationContext) =>
    ctx.waitForEvent('go'),
  );
  await runtime.start();
  t.after(() => runtime.shutdown(2000));
  return new Client(await store.open());
}

async function quarantined(client: Client, instanceId: string): Promise<void> {
  await eventually(`a row of ${instanceId} to be quarantined`, async () =>
    (await client.listPoisonedItems()).items.some((i) => i.instanceId === instanceId),
  );
}

const poisonedIds = async (client: Client): Promise<(string | undefined)[]> =>
  (await client.listPoisonedItems()).items.map((i) => i.instanceId);

for (const kind of STORE_KINDS) {
  describe(`quarantined rows are removed (${kind})`, () => {
    test('deleting an instance (alone, with its tree, or in bulk) deletes its quarantined rows', async (t) => {
      const store = await testStore(t, kind);
      const client = await setUp(t, store);
      const [single, bulk, kept] = [uid('del-one'), uid('del-bulk'), uid('kept')];
      for (const id of [single, bulk]) {
        await client.startOrchestration(id, 'Waiter');
        await eventually(
          `${id} to run`,
          async () => (await client.getStatus(id)).status === 'Running',
        );
        await insertRawRow(store, { queue: 'orchestrator', instanceId: id, text: '{oops' });
        await quarantined(client, id);
        await client.raiseEvent(id, 'go', 1);
        await client.waitForOrchestration(id, 10_000);
      }
      await insertRawRow(store, {
        queue: 'orchestrator',
        instanceId: kept,
        itemType: 'StartOrchestration',
        text: '{oops',
      });
      await quarantined(client, kept);

      await client.deleteInstance(single);
      assert.deepEqual((await poisonedIds(client)).sort(), [bulk, kept].sort());
      await client.deleteInstanceBulk({ instanceIds: [bulk] });
      assert.deepEqual(await poisonedIds(client), [kept], 'rows of no deleted instance stay');
    });

    test('prunePoisonedItems removes the rows poisoned before the time given', async (t) => {
      const store = await testStore(t, kind);
      const client = await setUp(t, store);
      const old = uid('old');
      await insertRawRow(store, {
        queue: 'orchestrator',
        instanceId: old,
        itemType: 'StartOrchestration',
        text: '{oops',
      });
      await quarantined(client, old);
      const [item] = (await client.listPoisonedItems()).items;
      assert.deepEqual(await client.prunePoisonedItems({ poisonedBefore: item!.poisonedAt }), {
        itemsDeleted: 0,
      });
      assert.deepEqual(await client.prunePoisonedItems({ poisonedBefore: item!.poisonedAt + 1 }), {
        itemsDeleted: 1,
      });
      assert.deepEqual(await poisonedIds(client), []);
    });

    test('prunePoisonedItems refuses a time that is not epoch milliseconds', async (t) => {
      const store = await testStore(t, kind);
      const client = new Client(await store.open());
      for (const bad of [undefined, {}, { poisonedBefore: new Date() }, { poisonedBefore: -1 }]) {
        await assert.rejects(
          client.prunePoisonedItems(bad as unknown as { poisonedBefore: number }),
          (e: unknown) => e instanceof InvalidInputError && /poisonedBefore/.test(e.message),
        );
      }
    });
  });
}
