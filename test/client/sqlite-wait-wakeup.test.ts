/**
 * Client waits on SQLite: woken by this process's commit signals, and by other connections'
 * commits noticed through `PRAGMA data_version`, instead of polling the status from 5 ms.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import {
  Client,
  ProviderError,
  Runtime,
  SqliteProvider,
  type OrchestrationContext,
} from '../../src/index.js';
import { uid } from '../helpers/runtime-harness.js';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function tempFile(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duroxide-wait-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return `sqlite:${path.join(dir, 'wait.db')}`;
}

async function runtimeOn(t: TestContext, provider: SqliteProvider): Promise<void> {
  const rt = new Runtime(provider, { logLevel: 'off' });
  rt.registerOrchestration('AwaitGo', async (ctx: OrchestrationContext) => ctx.waitForEvent('go'));
  await rt.start();
  t.after(() => rt.shutdown(2000));
}

/** Counts the status reads a client makes through `provider`. */
function countReads(provider: SqliteProvider): { count: () => number } {
  let reads = 0;
  const read = provider.getInstance.bind(provider);
  provider.getInstance = (id) => {
    reads++;
    return read(id);
  };
  return { count: () => reads };
}

test('a waiting client alone on its SQLite file reads the status once and resolves from the completing commit', async (t) => {
  const provider = await SqliteProvider.open(tempFile(t));
  t.after(() => provider.close());
  await runtimeOn(t, provider);
  const client = new Client(provider);
  const id = uid('wait-alone');
  await client.startOrchestration(id, 'AwaitGo');
  const reads = countReads(provider);
  const done = client.waitForOrchestration(id, 30_000);
  // Long enough for five backoff polls (5, 10, 20, 40, 80 ms) had the wait been polling.
  await sleep(300);
  assert.equal(reads.count(), 1, 'only the first read, no polls');
  await client.raiseEvent(id, 'go', 'now');
  assert.equal((await done).status, 'Completed');
  // The completing commit's signal carries the final state: no read after it.
  assert.equal(reads.count(), 1, 'no more reads: the completing commit carried the status');
});

test('a waiting client sees a completion committed by another connection to the same file well before the safety-net poll', async (t) => {
  const url = tempFile(t);
  const runtimeSide = await SqliteProvider.open(url);
  const clientSide = await SqliteProvider.open(url);
  t.after(async () => {
    await runtimeSide.close();
    await clientSide.close();
  });
  await runtimeOn(t, runtimeSide);
  const client = new Client(clientSide);
  const id = uid('wait-other');
  await client.startOrchestration(id, 'AwaitGo');
  const done = client.waitForOrchestration(id, 30_000);
  await sleep(200);
  await new Client(runtimeSide).raiseEvent(id, 'go', 'now');
  // The wait's safety-net poll is due 1 s after it started; another connection's commit wakes
  // it on the backoff long before.
  const status = await Promise.race([done, sleep(600).then(() => undefined)]);
  assert.equal(status?.status, 'Completed', 'woken by the other connection’s commit');
});

test(
  'the external-commit watch reports other connections’ commits and never the provider’s own',
  { timeout: 10_000 },
  async (t) => {
    const url = tempFile(t);
    const a = await SqliteProvider.open(url);
    const b = await SqliteProvider.open(url);
    t.after(async () => {
      await a.close();
      await b.close();
    });
    let seen = 0;
    let notify: (() => void) | undefined;
    const unsubscribe = a.subscribeExternalCommits(() => {
      seen++;
      notify?.();
    });
    await a.enqueueForOrchestrator({
      type: 'QueueMessage',
      instance: uid('own'),
      name: 'q',
      data: '1',
    });
    await sleep(50);
    assert.equal(seen, 0, 'its own commit is not external');
    const noticed = new Promise<void>((resolve) => (notify = resolve));
    await b.enqueueForOrchestrator({
      type: 'QueueMessage',
      instance: uid('other'),
      name: 'q',
      data: '1',
    });
    await noticed;
    assert.ok(seen >= 1);
    unsubscribe();
    const before = seen;
    await b.enqueueForOrchestrator({
      type: 'QueueMessage',
      instance: uid('after'),
      name: 'q',
      data: '1',
    });
    await sleep(50);
    assert.equal(seen, before, 'nothing after unsubscribing');
  },
);

test('closing the SQLite provider ends a waiting client’s wait with its error, well before the safety-net poll', async () => {
  const provider = await SqliteProvider.inMemory();
  const client = new Client(provider);
  const done = client.waitForOrchestration(uid('wait-closed'), 30_000);
  const outcome = done.then(
    () => 'resolved',
    (error: unknown) => (error instanceof ProviderError ? 'provider error' : String(error)),
  );
  await sleep(100);
  await provider.close();
  // The wait's safety-net poll is due 1 s after it started.
  assert.equal(
    await Promise.race([outcome, sleep(700).then(() => 'still waiting')]),
    'provider error',
  );
});
