/**
 * ensureOrchestration with a queued cancel on PostgreSQL: two nodes (each its own provider and
 * runtime on one schema) ensure at once while a cancel waits in the queue; exactly one replaces
 * the instance, none is lost.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import { Client, Runtime, type OrchestrationContext } from '../../src/index.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import { uid } from '../helpers/runtime-harness.js';
import { dropSchema, postgresServer, uniqueSchemaName } from '../helpers/postgres-cluster.js';

type Ctx = OrchestrationContext;

let url = '';
const schema = uniqueSchemaName('ensure');

before(async () => {
  url = (await postgresServer()).url;
});

after(async () => {
  if (url !== '') await dropSchema(url, schema);
});

async function node(t: TestContext): Promise<{ provider: PostgresProvider; client: Client }> {
  const provider = await PostgresProvider.connectWithSchema(url, schema);
  const runtime = new Runtime(provider, { logLevel: 'off' });
  runtime.registerOrchestration('System', async (ctx: Ctx, input: string) => ({ input, stop: await ctx.waitForEvent('stop') }));
  await runtime.start();
  t.after(async () => {
    await runtime.shutdown(2000);
    await provider.close();
  });
  return { provider, client: new Client(provider) };
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('ensureOrchestration with a queued cancel (PostgreSQL)', () => {
  test('two nodes ensuring while a cancel waits in the queue replace the instance exactly once', async (t) => {
    const a = await node(t);
    const b = await node(t);
    const id = uid('pg-ensure-cancel');
    assert.deepEqual(await a.client.ensureOrchestration(id, 'System', 'old'), { action: 'started' });
    await until(async () => (await b.client.getStatus(id)).status === 'Running', 'the first instance to run');
    await a.provider.enqueueForOrchestrator({ type: 'CancelInstance', instance: id, reason: 'operator' }, 300);
    assert.equal(await b.provider.hasQueuedCancel(id), true);

    const results = await Promise.all([a.client.ensureOrchestration(id, 'System', 'a'), b.client.ensureOrchestration(id, 'System', 'b')]);
    assert.deepEqual(results.map((r) => r.action).sort(), ['alreadyRunning', 'restarted'], JSON.stringify(results));

    await until(async () => (await a.client.getQueueDepths()).orchestratorQueue === 0 && (await a.client.listExecutions(id)).length === 1, 'the new instance to start');
    assert.equal((await a.client.getStatus(id)).status, 'Running');
    assert.equal(await a.provider.hasQueuedCancel(id), false);
    const history = await a.client.readExecutionHistory(id, 1);
    assert.equal(history.filter((e) => e.kind === 'OrchestrationStarted').length, 1);
    assert.ok(['a', 'b'].includes((JSON.parse(history[0]?.data ?? 'null') as { input: string }).input));
    await a.client.raiseEvent(id, 'stop', 'done');
    assert.equal((await a.client.waitForOrchestration(id, 10_000)).status, 'Completed', 'the new instance is alive and finishes normally');
  });
});
