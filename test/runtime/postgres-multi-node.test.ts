/**
 * Many runtime nodes on ONE PostgreSQL schema: three runtime processes share 300 fan-out
 * orchestrations (10 activities each) through the database alone. Each orchestration turn
 * must be committed once and each activity completion applied once; a node SIGKILLed mid-run
 * and a database restart mid-run must not fail or duplicate any orchestration.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client, MetricsSnapshot, RuntimeOptions } from '../../src/index.js';
import type { EffectLine } from '../helpers/runtime-process.js';
import { PostgresProvider } from '../../src/providers/postgres/postgres-provider.js';
import { ProcessFixture, countKind } from '../helpers/process-harness.js';
import { adminQuery } from '../helpers/postgres-cluster.js';
import { eventually } from '../helpers/eventually.js';

const ORCHESTRATIONS = 300;
const ACTIVITIES = 10;
const WAIT_MS = 90_000;

let seq = 0;
function runTag(): string {
  seq++;
  return `${process.pid}-${Date.now().toString(36)}-${seq}`;
}

function expectedOutput(n: number): string[] {
  return Array.from({ length: ACTIVITIES }, (_, i) => `${n}-${i + 1}:ok`);
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

async function startFanOuts(client: Client, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < ORCHESTRATIONS; n++) {
    const id = `${prefix}-${n}`;
    await client.startOrchestration(id, 'FanOut', { n, count: ACTIVITIES });
    ids.push(id);
  }
  return ids;
}

/**
 * Every instance completed with the right output, and its history shows one start, one
 * completion, and each activity scheduled and completed once: a turn committed twice would
 * have duplicated events (or failed on the append-only history key).
 */
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
    assert.equal(countKind(history, 'ActivityScheduled'), ACTIVITIES, id);
    assert.equal(countKind(history, 'ActivityCompleted'), ACTIVITIES, id);
    assert.equal(countKind(history, 'ActivityFailed'), 0, id);
    assert.deepEqual(await client.listExecutions(id), [1], id);
  }
  assert.deepEqual(await client.listInstancesByStatus('Failed'), [], 'no instance failed');
}

/** When the last of `ids` completed (epoch ms, from the instance records). */
async function lastCompletionAt(client: Client, ids: readonly string[]): Promise<number> {
  let last = 0;
  for (const id of ids) last = Math.max(last, (await client.getInstanceInfo(id)).updatedAt);
  return last;
}

/** Every activity of every instance ran; returns the runs per activity. */
function assertEveryActivityRan(
  effects: readonly EffectLine[],
  ids: readonly string[],
): Map<string, EffectLine[]> {
  const byActivity = runsByActivity(effects);
  assert.equal(
    byActivity.size,
    ORCHESTRATIONS * ACTIVITIES,
    'every activity of every instance ran',
  );
  for (const [n, id] of ids.entries()) {
    for (let i = 1; i <= ACTIVITIES; i++)
      assert.ok(byActivity.has(`${id}|${n}-${i}`), `${id} activity ${i} ran`);
  }
  return byActivity;
}

test('three runtime processes on one PostgreSQL schema complete 300 fan-outs of 10 activities, each effect and completion exactly once', async (t) => {
  const fx = await ProcessFixture.on(t, 'postgres', 'multinode');
  // All three connect to (and migrate) the fresh schema at the same time.
  const nodes = await Promise.all(['A', 'B', 'C'].map((name) => fx.spawn(name)));
  const client = await fx.client();
  const started = Date.now();
  const ids = await startFanOuts(client, `mn-${runTag()}`);

  await assertAllCompletedOnce(client, ids);
  const elapsedMs = (await lastCompletionAt(client, ids)) - started;

  const byActivity = assertEveryActivityRan(fx.allEffects(), ids);
  for (const [key, runs] of byActivity)
    assert.equal(runs.length, 1, `${key} ran exactly once (nothing crashed)`);

  const perNode = nodes.map((n) => n.effects().length);
  const metrics = (await Promise.all(nodes.map((n) => n.stop()))) as MetricsSnapshot[];
  const sum = (key: keyof MetricsSnapshot): number => metrics.reduce((s, m) => s + m[key], 0);
  t.diagnostic(
    `${ORCHESTRATIONS} fan-outs x ${ACTIVITIES} activities on 3 processes in ${elapsedMs} ms; ` +
      `activities per node ${perNode.join('/')}; turns per node ${metrics.map((m) => m.orchDispatcherItemsFetched).join('/')}`,
  );
  assert.equal(
    sum('activitySuccess'),
    ORCHESTRATIONS * ACTIVITIES,
    'each activity completion was applied once',
  );
  assert.equal(
    sum('orchStarts'),
    ORCHESTRATIONS,
    'each instance was started by exactly one process',
  );
  assert.equal(
    sum('orchCompletions'),
    ORCHESTRATIONS,
    'each instance was completed by exactly one process',
  );
  assert.ok(
    perNode.every((count) => count > 0),
    `every node ran activities (${perNode.join('/')})`,
  );
  assert.ok(
    metrics.every((m) => m.orchDispatcherItemsFetched > 0),
    'every node ran orchestration turns',
  );
});

/**
 * Short locks so the killed node's work is taken over within seconds, but not so short that a
 * live node stalled by a loaded machine loses its own lock between renewals (every half lock):
 * with 1 s locks a 500 ms stall let a node run an activity twice itself.
 */
// workerConcurrency 8 bounds what a killed node can have in flight (asserted below).
const CRASHING: RuntimeOptions = {
  workerLockTimeoutMs: 3_000,
  orchestratorLockTimeoutMs: 3_000,
  workerConcurrency: 8,
};

test('when one of three runtime processes is SIGKILLed mid-run the other two finish every fan-out exactly once', async (t) => {
  const fx = await ProcessFixture.on(t, 'postgres', 'multinode_kill');
  // Steps take a little while so that activities are in flight when the victim dies.
  const [victim, ...survivors] = await Promise.all(
    ['victim', 'survivor1', 'survivor2'].map((name) =>
      fx.spawn(name, { stepMs: 5, runtimeOptions: CRASHING }),
    ),
  );
  assert.ok(victim);
  const client = await fx.client();
  const ids = await startFanOuts(client, `mnk-${runTag()}`);

  await eventually(
    'the victim to run a share of the activities',
    () => victim.effects().length >= 300,
    { timeoutMs: WAIT_MS },
  );
  const exit = await victim.kill();
  assert.equal(exit.signal, 'SIGKILL');
  const victimRuns = victim.effects().length;

  await assertAllCompletedOnce(client, ids);

  // Activities at least once: only what the victim had in flight may have run twice.
  const byActivity = assertEveryActivityRan(fx.allEffects(), ids);
  let redone = 0;
  for (const [key, runs] of byActivity) {
    if (runs.length === 1) continue;
    redone++;
    assert.equal(runs.length, 2, `${key} ran at most twice`);
    assert.equal(runs[0]?.proc, 'victim', `${key} was first run by the killed node`);
    assert.notEqual(runs[1]?.proc, 'victim', `${key} was redone by a survivor`);
  }
  const metrics = (await Promise.all(survivors.map((s) => s.stop()))) as MetricsSnapshot[];
  t.diagnostic(
    `the victim ran ${victimRuns} activities before the kill; ${redone} were redone; ` +
      `survivors ran ${metrics.map((m) => m.activitySuccess).join('/')} activities`,
  );
  assert.ok(redone <= 8, `at most the victim's worker slots (8) were redone, got ${redone}`);
  assert.ok(
    metrics.every((m) => m.activitySuccess > 0),
    'both survivors did work after the kill',
  );
});

test('a database restart mid-run is survived: all fan-outs complete exactly once and none fails', async (t) => {
  const fx = await ProcessFixture.on(t, 'postgres', 'multinode_restart');
  if (!fx.server.isOwned) {
    t.skip(
      'DUROXIDE_PG_URL points at a server these tests did not start, so they cannot restart it',
    );
    return;
  }
  const nodes = await Promise.all(['A', 'B', 'C'].map((name) => fx.spawn(name, { stepMs: 2 })));
  const client = await fx.client();
  // The client's provider LISTENs only while someone subscribes: keep it listening across the
  // restart, so the check below proves the LISTEN connection comes back.
  t.after((await fx.provider()).subscribe(() => undefined));
  const ids = await startFanOuts(client, `mnr-${runTag()}`);

  const startedAt = async (): Promise<string> =>
    String(
      (
        await adminQuery<{ at: string }>(
          fx.server.url,
          'SELECT pg_postmaster_start_time()::text AS at',
        )
      )[0]?.at,
    );
  const firstStart = await startedAt();
  await eventually('a third of the activities to run', () => fx.allEffects().length >= 1_000, {
    timeoutMs: WAIT_MS,
  });
  const before = fx.allEffects().length;
  await fx.server.restart();
  assert.notEqual(await startedAt(), firstStart, 'the server really restarted');
  t.diagnostic(
    `restarted PostgreSQL after ${before} of ${ORCHESTRATIONS * ACTIVITIES} activity runs`,
  );

  await assertAllCompletedOnce(client, ids);
  await eventually(
    "the client's LISTEN connection to be back",
    async () => {
      const provider = await fx.provider();
      return provider instanceof PostgresProvider && provider.isListening;
    },
    { timeoutMs: WAIT_MS },
  );
  const byActivity = assertEveryActivityRan(fx.allEffects(), ids);
  const redone = [...byActivity.values()].filter((runs) => runs.length > 1).length;
  const metrics = (await Promise.all(nodes.map((n) => n.stop()))) as MetricsSnapshot[];
  const sum = (key: keyof MetricsSnapshot): number => metrics.reduce((s, m) => s + m[key], 0);
  t.diagnostic(
    `${redone} activities ran twice; provider errors seen by the runtimes: ${sum('providerErrors')}`,
  );
  assert.equal(
    sum('orchCompletions'),
    ORCHESTRATIONS,
    'each instance was completed by exactly one process',
  );
  assert.equal(sum('orchFailures'), 0);
  assert.equal(sum('orchPoison') + sum('activityPoison'), 0);
});
