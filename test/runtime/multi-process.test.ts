/**
 * Several runtime processes on ONE SQLite file: the provider's locks must hand each
 * orchestration turn and each activity to exactly one process, and polling must let every
 * process take a share of the work.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client, MetricsSnapshot, RuntimeOptions } from '../../src/index.js';
import type { EffectLine } from '../helpers/runtime-process.js';
import { ProcessFixture, countKind } from '../helpers/process-harness.js';
import { eventually } from '../helpers/eventually.js';

const WAIT_MS = 40_000;

let seq = 0;
function runTag(): string {
  seq++;
  return `${process.pid}-${Date.now().toString(36)}-${seq}`;
}

function expectedOutput(n: number): string[] {
  return [1, 2, 3].map((i) => `${n}-${i}:ok`);
}

/** `instanceId|label` → the runs recorded for it. */
function runsByActivity(effects: readonly EffectLine[]): Map<string, EffectLine[]> {
  const map = new Map<string, EffectLine[]>();
  for (const e of effects) {
    if (e.ev !== 'run') continue;
    const key = `${e.instanceId}|${(e.input as { label: string }).label}`;
    map.set(key, [...(map.get(key) ?? []), e]);
  }
  return map;
}

/** Starts `count` instances alternating `Seq3` (even n) and `FanOut3` (odd n); returns their ids. */
async function startMany(client: Client, prefix: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const id = `${prefix}-${n}`;
    await client.startOrchestration(id, n % 2 === 0 ? 'Seq3' : 'FanOut3', n);
    ids.push(id);
  }
  return ids;
}

/** Waits for every instance (one at a time: a single poller) and checks output and history. */
async function assertAllCompletedOnce(client: Client, ids: readonly string[]): Promise<void> {
  for (const [n, id] of ids.entries()) {
    const s = await client.waitForOrchestration(id, WAIT_MS);
    assert.equal(s.status, 'Completed', `${id}: ${JSON.stringify(s)}`);
    assert.deepEqual(s.output, expectedOutput(n), id);
  }
  for (const id of ids) {
    const history = await client.readExecutionHistory(id, 1);
    assert.equal(countKind(history, 'OrchestrationStarted'), 1, id);
    assert.equal(countKind(history, 'OrchestrationCompleted'), 1, id);
    assert.equal(countKind(history, 'ActivityScheduled'), 3, id);
    assert.equal(countKind(history, 'ActivityCompleted'), 3, id);
    assert.deepEqual(await client.listExecutions(id), [1], id);
  }
}

test('two runtime processes on one SQLite file complete 100 orchestrations exactly once and both do part of the work', async (t) => {
  const fx = ProcessFixture.create(t);
  // Both children open (and migrate) the fresh file at the same time.
  const [a, b] = await Promise.all([fx.spawn('A'), fx.spawn('B')]);
  const client = await fx.client();
  const ids = await startMany(client, `mp-${runTag()}`, 100);

  await assertAllCompletedOnce(client, ids);

  const effects = fx.allEffects();
  const byActivity = runsByActivity(effects);
  assert.equal(byActivity.size, 300, 'every activity of every instance ran');
  for (const [n, id] of ids.entries()) {
    for (const i of [1, 2, 3]) {
      const key = `${id}|${n}-${i}`;
      assert.equal(byActivity.get(key)?.length, 1, `${key} ran exactly once (nothing crashed)`);
    }
  }

  const activitiesA = a.effects().length;
  const activitiesB = b.effects().length;
  assert.equal(activitiesA + activitiesB, 300);
  const [metricsA, metricsB] = (await Promise.all([a.stop(), b.stop()])) as [
    MetricsSnapshot,
    MetricsSnapshot,
  ];
  t.diagnostic(
    `activities A/B: ${activitiesA}/${activitiesB}; orchestration starts A/B: ${metricsA.orchStarts}/${metricsB.orchStarts}; ` +
      `turns A/B: ${metricsA.orchDispatcherItemsFetched}/${metricsB.orchDispatcherItemsFetched}`,
  );
  assert.ok(
    activitiesA > 0 && activitiesB > 0,
    `both processes ran activities (A ${activitiesA}, B ${activitiesB})`,
  );
  assert.equal(metricsA.activitySuccess + metricsB.activitySuccess, 300);
  assert.equal(
    metricsA.orchStarts + metricsB.orchStarts,
    100,
    'each instance was started by exactly one process',
  );
  assert.equal(
    metricsA.orchCompletions + metricsB.orchCompletions,
    100,
    'each instance was completed by exactly one process',
  );
  assert.ok(
    metricsA.orchDispatcherItemsFetched > 0 && metricsB.orchDispatcherItemsFetched > 0,
    'both processes ran orchestration turns',
  );
});

test('when one of two runtime processes is SIGKILLed mid-run the survivor completes every orchestration exactly once', async (t) => {
  const fx = ProcessFixture.create(t);
  // Slow-ish steps keep activities in flight at the kill; short locks make the victim's expire
  // soon (3 s, not 1 s: a loaded machine can stall a live process past a 500 ms renewal).
  // workerConcurrency 8 bounds what the victim can have in flight (asserted below).
  const options: RuntimeOptions = {
    workerLockTimeoutMs: 3_000,
    orchestratorLockTimeoutMs: 3_000,
    dispatcherPollIntervalMs: 20,
    workerConcurrency: 8,
  };
  const [victim, survivor] = await Promise.all([
    fx.spawn('victim', { stepMs: 30, runtimeOptions: options }),
    fx.spawn('survivor', { stepMs: 30, runtimeOptions: options }),
  ]);
  const client = await fx.client();
  const ids = await startMany(client, `mp-kill-${runTag()}`, 40);

  await eventually('the victim to run some activities', () => victim.effects().length >= 10, {
    timeoutMs: WAIT_MS,
  });
  await victim.kill();
  const victimEffects = victim.effects();

  await assertAllCompletedOnce(client, ids);

  const byActivity = runsByActivity(fx.allEffects());
  assert.equal(byActivity.size, 120, 'every activity of every instance ran');
  let redone = 0;
  for (const [key, list] of byActivity) {
    if (list.length === 1) continue;
    // Only work the victim had in flight may run twice: first in the victim, then in the survivor.
    redone++;
    assert.equal(list.length, 2, `${key} ran at most twice`);
    assert.deepEqual(
      list.map((e) => e.proc),
      ['victim', 'survivor'],
      key,
    );
  }
  t.diagnostic(
    `victim ran ${victimEffects.length} activities before the kill; ${redone} were redone by the survivor`,
  );
  assert.ok(redone <= 8, `at most the victim's worker slots (8) were redone, got ${redone}`);
  assert.ok(survivor.effects().length > 0);
  assert.ok(victimEffects.length >= 10);
  await survivor.stop();
});
