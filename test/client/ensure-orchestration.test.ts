/**
 * ensureOrchestration with a cancel queued but not yet processed: the instance still reads as
 * Running, yet it is about to fail, so ensure waits for the cancel and replaces the instance —
 * exactly once across nodes — instead of answering alreadyRunning and losing it. Before any
 * runtime runs, the wait is bounded and ends in a TimeoutError that changes nothing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { Client, Runtime, SqliteProvider, TimeoutError, type OrchestrationContext } from '../../src/index.js';
import { uid } from '../helpers/runtime-harness.js';

type Ctx = OrchestrationContext;

interface Node {
  readonly provider: SqliteProvider;
  readonly runtime: Runtime;
  readonly client: Client;
}

function tempFile(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'duroxide-ensure-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return `sqlite:${join(dir, 'ensure.db')}`;
}

/** One process: its own provider on the shared file, a runtime (started or not) and a client. */
async function node(t: TestContext, url: string, start: boolean): Promise<Node> {
  const provider = await SqliteProvider.open(url);
  const runtime = new Runtime(provider, { logLevel: 'off' });
  runtime.registerOrchestration('System', async (ctx: Ctx, input: string) => ({ input, stop: await ctx.waitForEvent('stop') }));
  if (start) await runtime.start();
  t.after(async () => {
    await runtime.shutdown(2000);
    await provider.close();
  });
  return { provider, runtime, client: new Client(provider) };
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A fresh instance runs (one execution, one start), with nothing queued, and no cancel pending. */
async function runsFreshOnce(n: Node, id: string, inputs: readonly string[]): Promise<void> {
  await until(async () => (await n.client.getStatus(id)).status === 'Running' && (await n.client.listExecutions(id)).length > 0, `${id} to run`);
  await until(async () => (await n.client.getQueueDepths()).orchestratorQueue === 0, 'the queue to drain');
  assert.equal((await n.client.getStatus(id)).status, 'Running', 'the new instance is not cancelled');
  assert.equal(await n.provider.hasQueuedCancel(id), false);
  assert.deepEqual(await n.client.listAllInstances(), [id]);
  assert.deepEqual(await n.client.listExecutions(id), [1]);
  const history = await n.client.readExecutionHistory(id, 1);
  assert.equal(history.filter((e) => e.kind === 'OrchestrationStarted').length, 1);
  assert.equal(history.some((e) => e.kind === 'OrchestrationCancelRequested'), false, 'not the old instance');
  assert.ok(inputs.includes((JSON.parse(history[0]?.data ?? 'null') as { input: string }).input), 'started by one of the ensure calls');
}

function actions(results: readonly { action: string }[]): string[] {
  return results.map((r) => r.action).sort();
}

describe('ensureOrchestration with a queued cancel', () => {
  test('two nodes ensuring while a cancel waits in the queue replace the instance exactly once', async (t) => {
    const url = tempFile(t);
    const a = await node(t, url, true);
    const b = await node(t, url, true);
    const id = uid('ensure-cancel');
    assert.deepEqual(await a.client.ensureOrchestration(id, 'System', 'old'), { action: 'started' });
    await until(async () => (await a.client.getStatus(id)).status === 'Running', 'the first instance to run');
    // A cancel that is queued but not processed yet (visible in 300 ms, as behind a busy runtime).
    await a.provider.enqueueForOrchestrator({ type: 'CancelInstance', instance: id, reason: 'operator' }, 300);
    assert.equal((await a.client.getStatus(id)).status, 'Running');

    const results = await Promise.all([
      a.client.ensureOrchestration(id, 'System', 'a'),
      b.client.ensureOrchestration(id, 'System', 'b'),
      b.client.ensureOrchestration(id, 'System', 'c'),
    ]);
    assert.deepEqual(actions(results), ['alreadyRunning', 'alreadyRunning', 'restarted'], JSON.stringify(results));
    await runsFreshOnce(a, id, ['a', 'b', 'c']);
    await runsFreshOnce(b, id, ['a', 'b', 'c']);
  });

  test('a cancel queued while no runtime ran: nodes starting and ensuring at once leave exactly one fresh instance', async (t) => {
    const url = tempFile(t);
    const first = await node(t, url, true);
    const id = uid('ensure-cancel-boot');
    await first.client.ensureOrchestration(id, 'System', 'old');
    await until(async () => (await first.client.getStatus(id)).status === 'Running', 'the first instance to run');
    await first.runtime.shutdown(2000);
    await first.client.cancelInstance(id, 'while every node was down');

    const a = await node(t, url, false);
    const b = await node(t, url, false);
    const results = await Promise.all([
      a.client.ensureOrchestration(id, 'System', 'a'),
      b.client.ensureOrchestration(id, 'System', 'b'),
      a.runtime.start(),
      b.runtime.start(),
    ]);
    assert.deepEqual(actions(results.slice(0, 2) as { action: string }[]), ['alreadyRunning', 'restarted'], JSON.stringify(results));
    await runsFreshOnce(a, id, ['a', 'b']);
  });

  test('a start and a cancel both queued are waited for, not answered as alreadyRunning', async (t) => {
    const url = tempFile(t);
    const a = await node(t, url, false);
    const id = uid('ensure-queued-start');
    await a.client.startOrchestration(id, 'System', 'queued');
    await a.client.cancelInstance(id, 'changed my mind');
    assert.equal((await a.client.getStatus(id)).status, 'NotFound', 'only queued so far');
    const ensured = a.client.ensureOrchestration(id, 'System', 'fresh');
    await a.runtime.start();
    assert.deepEqual(await ensured, { action: 'restarted' });
    await runsFreshOnce(a, id, ['fresh']);
  });

  test('before any runtime runs, ensure gives up after cancelWaitMs with a TimeoutError and changes nothing', async (t) => {
    const url = tempFile(t);
    const first = await node(t, url, true);
    const id = uid('ensure-before-start');
    await first.client.ensureOrchestration(id, 'System', 'old');
    await until(async () => (await first.client.getStatus(id)).status === 'Running', 'the first instance to run');
    await first.runtime.shutdown(2000);
    await first.client.cancelInstance(id, 'operator');

    const n = await node(t, url, false);
    await assert.rejects(n.client.ensureOrchestration(id, 'System', 'new', { cancelWaitMs: 150 }), (e: unknown) => {
      assert.ok(e instanceof TimeoutError);
      assert.equal(e.retryable, true);
      assert.match(e.message, new RegExp(`ensureOrchestration\\('${id}'\\): the instance has a cancel queued that no runtime processed within 150 ms`));
      assert.match(e.message, /after runtime\.start\(\)/);
      return true;
    });
    assert.equal((await n.client.getStatus(id)).status, 'Running');
    assert.equal(await n.provider.hasQueuedCancel(id), true, 'the cancel is still queued');

    await n.runtime.start();
    assert.deepEqual(await n.client.ensureOrchestration(id, 'System', 'new'), { action: 'restarted' });
    await runsFreshOnce(n, id, ['new']);
  });

  test('cancelWaitMs must be a non-negative number', async (t) => {
    const n = await node(t, tempFile(t), false);
    await assert.rejects(n.client.ensureOrchestration('x', 'System', null, { cancelWaitMs: -1 }), /options\.cancelWaitMs must be a non-negative number/);
  });
});
