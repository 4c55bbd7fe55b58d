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
import { eventually } from '../helpers/eventually.js';

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


describe('ensureOrchestration with a queued cancel (PostgreSQL)', () => {
  test('two nodes ensuring while a cancel waits in the queue replace the instance exactly once', async (t) => {
    const a = await node(t);
    const b = await node(t);
    const id = uid('pg-ensure-cancel');
    assert.deepEqual(await a.client.ensureOrchestration(id, 'System', 'old'), { action: 'started' });
    await eventually('the first instance to run', async () => (await b.client.getStatus(id)).status === 'Running');
    await a.provider.enqueueForOrchestrator({ type: 'CancelInstance', instance: id, reason: 'operator' }, 300);
    assert.equal(await b.provider.hasQueuedCancel(id), true);

    const results = await Promise.all([a.client.ensureOrchestration(id, 'System', 'a'), b.client.ensureOrchestration(id, 'System', 'b')]);
    assert.deepEqual(results.map((r) => r.action).sort(), ['alreadyRunning', 'restarted'], JSON.stringify(results));

    await eventually('the new instance to start', async () => (await a.client.getQueueDepths()).orchestratorQueue === 0 && (await a.client.listExecutions(id)).length === 1);
    assert.equal((await a.client.getStatus(id)).status, 'Running');
    assert.equal(await a.provider.hasQueuedCancel(id), false);
    const history = await a.client.readExecutionHistory(id, 1);
    assert.equal(history.filter((e) => e.kind === 'OrchestrationStarted').length, 1);
    assert.ok(['a', 'b'].includes((history[0]?.data as { input: string }).input));
    await a.client.raiseEvent(id, 'stop', 'done');
    assert.equal((await a.client.waitForOrchestration(id, 10_000)).status, 'Completed', 'the new instance is alive and finishes normally');
  });
});
