/**
 * Crash recovery across processes on PostgreSQL: a runtime process is SIGKILLed in the middle
 * of an orchestration and a fresh runtime process on the same schema finishes it. Committed
 * work is not redone, interrupted work is redone, the orchestration ends exactly once.
 * (The PostgreSQL twin of crash-recovery.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RuntimeOptions } from '../../src/index.js';
import type { EffectLine } from '../helpers/runtime-process.js';
import { completedActivities, countKind, pollUntil } from '../helpers/process-harness.js';
import { PostgresProcessFixture } from '../helpers/postgres-process-harness.js';

/** Locks of a killed process stay until they expire; short ones keep recovery quick. */
const CRASHING: RuntimeOptions = { workerLockTimeoutMs: 1_000, orchestratorLockTimeoutMs: 1_000 };
const WAIT_MS = 20_000;

let seq = 0;
function uniqueId(prefix: string): string {
  seq++;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${seq}`;
}

function runs(effects: readonly EffectLine[], instanceId: string, label: string): EffectLine[] {
  return effects.filter((e) => e.ev === 'run' && e.instanceId === instanceId && (e.input as { label?: string }).label === label);
}

test('after a SIGKILL mid-activity a fresh runtime process on the same schema completes the chain once without redoing committed activities', async (t) => {
  const fx = await PostgresProcessFixture.create(t, 'crash_chain');
  const first = await fx.spawn('first', { slowMs: 60_000, runtimeOptions: CRASHING });
  const client = await fx.client();
  const id = uniqueId('pg-crash-chain');

  await client.startOrchestration(id, 'Chain');
  await pollUntil('the slow activity to start in the first process', WAIT_MS, () => runs(first.effects(), id, 'c').length > 0);
  assert.equal((await first.kill()).signal, 'SIGKILL');

  assert.equal((await client.getStatus(id)).status, 'Running');
  const committed = completedActivities(await client.readExecutionHistory(id, 1));
  assert.deepEqual(committed, [
    { name: 'Step', input: { label: 'a' } },
    { name: 'Step', input: { label: 'b' } },
  ]);

  const fresh = await fx.spawn('fresh', { slowMs: 20 });
  const status = await client.waitForOrchestration(id, WAIT_MS);
  assert.equal(status.status, 'Completed');
  assert.equal(status.output, 'a:ok,b:ok,c:slow-ok,d:ok');

  const effects = fx.allEffects();
  assert.equal(runs(effects, id, 'a').length, 1, 'committed activity a ran exactly once');
  assert.equal(runs(effects, id, 'b').length, 1, 'committed activity b ran exactly once');
  assert.ok(runs(fresh.effects(), id, 'c').length >= 1, 'the interrupted activity ran again in the fresh process');
  assert.equal(runs(effects, id, 'd').length, 1);
  const history = await client.readExecutionHistory(id, 1);
  assert.equal(countKind(history, 'OrchestrationStarted'), 1);
  assert.equal(countKind(history, 'OrchestrationCompleted'), 1);
  assert.equal(countKind(history, 'ActivityCompleted'), 4);
  await fresh.stop();
});

test('after a SIGKILL while an orchestration waits on a durable timer a fresh runtime process fires it on time and completes', async (t) => {
  const fx = await PostgresProcessFixture.create(t, 'crash_timer');
  const first = await fx.spawn('first', { runtimeOptions: CRASHING });
  const client = await fx.client();
  const id = uniqueId('pg-crash-timer');

  await client.startOrchestration(id, 'TimerFlow', { timerMs: 1_500 });
  const created = await pollUntil('the timer to be created', WAIT_MS, async () =>
    (await client.readExecutionHistory(id, 1)).find((e) => e.kind === 'TimerCreated'),
  );
  await first.kill();
  const fireAt = (JSON.parse(created.data ?? '{}') as { fireAt?: unknown }).fireAt;
  assert.equal(typeof fireAt, 'number');

  const fresh = await fx.spawn('fresh');
  const status = await client.waitForOrchestration(id, WAIT_MS);
  assert.equal(status.output, 'before:ok|after:ok');
  const history = await client.readExecutionHistory(id, 1);
  assert.equal(countKind(history, 'TimerFired'), 1);
  assert.equal(countKind(history, 'OrchestrationCompleted'), 1);
  const after = runs(fx.allEffects(), id, 'after');
  assert.equal(after.length, 1);
  const [afterRun] = after;
  assert.equal(afterRun?.proc, 'fresh');
  assert.ok(afterRun !== undefined && afterRun.t >= Number(fireAt), 'the timer did not fire early');
  assert.equal(runs(fx.allEffects(), id, 'before').length, 1, 'the activity before the timer was not redone');
  await fresh.stop();
});
