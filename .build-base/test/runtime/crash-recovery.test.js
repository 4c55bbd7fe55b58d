/**
 * Crash recovery across processes: a runtime child process is SIGKILLed in the middle of an
 * orchestration, and a fresh runtime process on the same store finishes it (the chain and the
 * timer on SQLite and PostgreSQL, the rest on SQLite). Committed
 * work must not be redone, interrupted work must be redone, and the orchestration must end
 * exactly once. Also: a graceful shutdown that times out mid-activity must hand the activity
 * over just like a crash does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Runtime, SqliteProvider, } from '../../src/index.js';
import { ProcessFixture, completedActivities, countKind } from '../helpers/process-harness.js';
import { eventually } from '../helpers/eventually.js';
import { STORE_KINDS } from '../helpers/test-store.js';
/**
 * Locks of a killed process stay until they expire; short ones keep recovery quick. The
 * fresh process uses the defaults: how fast it recovers depends on the dead process's locks.
 */
const CRASHING = {
    workerLockTimeoutMs: 1000,
    orchestratorLockTimeoutMs: 1000,
    dispatcherPollIntervalMs: 20,
};
const WAIT_MS = 20_000;
let seq = 0;
function uniqueId(prefix) {
    seq++;
    return `${prefix}-${process.pid}-${Date.now().toString(36)}-${seq}`;
}
function runs(effects, instanceId, label) {
    return effects.filter((e) => e.ev === 'run' &&
        e.instanceId === instanceId &&
        e.input.label === label);
}
for (const kind of STORE_KINDS) {
    test(`after a SIGKILL mid-activity a fresh runtime process completes the chain once without redoing committed activities (${kind})`, async (t) => {
        const fx = await ProcessFixture.on(t, kind, 'crash_chain');
        const first = await fx.spawn('first', { slowMs: 60_000, runtimeOptions: CRASHING });
        const client = await fx.client();
        const id = uniqueId('crash-chain');
        await client.startOrchestration(id, 'Chain');
        await eventually('the slow activity to start in the first process', () => runs(first.effects(), id, 'c').length > 0, { timeoutMs: WAIT_MS });
        const exit = await first.kill();
        assert.equal(exit.signal, 'SIGKILL');
        // What survived the crash: the orchestration is mid-way; a and b are committed, c is not.
        assert.equal((await client.getStatus(id)).status, 'Running');
        const atCrash = await client.readExecutionHistory(id, 1);
        const committed = completedActivities(atCrash);
        assert.deepEqual(committed, [
            { name: 'Step', input: { label: 'a' } },
            { name: 'Step', input: { label: 'b' } },
        ]);
        assert.equal(countKind(atCrash, 'OrchestrationCompleted'), 0);
        assert.equal(runs(first.effects(), id, 'c').length, 1, 'the first process started the slow activity once');
        assert.equal(first.effects().filter((e) => e.ev === 'done').length, 0, 'the slow activity was interrupted');
        const fresh = await fx.spawn('fresh', { slowMs: 20 });
        const status = await client.waitForOrchestration(id, WAIT_MS);
        assert.equal(status.status, 'Completed');
        assert.equal(status.output, 'a:ok,b:ok,c:slow-ok,d:ok');
        const effects = fx.allEffects();
        for (const { input } of committed) {
            const label = input.label;
            assert.equal(runs(effects, id, label).length, 1, `committed activity ${label} ran exactly once across both processes`);
        }
        assert.ok(runs(fresh.effects(), id, 'c').length >= 1, 'the interrupted activity ran again in the fresh process');
        assert.equal(runs(effects, id, 'd').length, 1, 'the activity after the crash point ran once');
        assert.equal(runs(first.effects(), id, 'd').length, 0);
        const history = await client.readExecutionHistory(id, 1);
        assert.equal(countKind(history, 'OrchestrationStarted'), 1);
        assert.equal(countKind(history, 'OrchestrationCompleted'), 1);
        assert.equal(countKind(history, 'ActivityScheduled'), 4);
        assert.equal(countKind(history, 'ActivityCompleted'), 4);
        assert.equal(countKind(history, 'ActivityFailed'), 0);
        assert.deepEqual(await client.listExecutions(id), [1]);
        // Re-reading after the fresh runtime went idle: nothing ran or was appended afterwards.
        await fresh.stop();
        assert.deepEqual(await client.readExecutionHistory(id, 1), history);
    });
    test(`after a SIGKILL while an orchestration waits on a durable timer a fresh runtime process fires it and completes (${kind})`, async (t) => {
        const fx = await ProcessFixture.on(t, kind, 'crash_timer');
        const first = await fx.spawn('first', { runtimeOptions: CRASHING });
        const client = await fx.client();
        const id = uniqueId('crash-timer');
        const timerMs = 1500;
        await client.startOrchestration(id, 'TimerFlow', { timerMs });
        const created = await eventually('the timer to be created', async () => (await client.readExecutionHistory(id, 1)).find((e) => e.kind === 'TimerCreated'), { timeoutMs: WAIT_MS });
        await first.kill();
        const fireAt = JSON.parse(created.data ?? '{}').fireAt;
        assert.equal(typeof fireAt, 'number');
        const atCrash = await client.readExecutionHistory(id, 1);
        assert.equal(countKind(atCrash, 'TimerFired'), 0, 'the timer had not fired when the process died');
        assert.equal(runs(first.effects(), id, 'before').length, 1);
        assert.equal(runs(first.effects(), id, 'after').length, 0);
        const fresh = await fx.spawn('fresh');
        const status = await client.waitForOrchestration(id, WAIT_MS);
        assert.equal(status.status, 'Completed');
        assert.equal(status.output, 'before:ok|after:ok');
        const history = await client.readExecutionHistory(id, 1);
        assert.equal(countKind(history, 'TimerCreated'), 1);
        assert.equal(countKind(history, 'TimerFired'), 1);
        assert.equal(JSON.parse(history.find((e) => e.kind === 'TimerFired')?.data ?? '{}').fireAt, fireAt);
        assert.equal(countKind(history, 'OrchestrationCompleted'), 1);
        const effects = fx.allEffects();
        assert.equal(runs(effects, id, 'before').length, 1, 'the activity before the timer was not redone');
        const after = runs(effects, id, 'after');
        assert.equal(after.length, 1);
        assert.equal(after[0]?.proc, 'fresh');
        assert.ok(after[0].t >= fireAt, 'the timer did not fire early');
        await fresh.stop();
    });
}
test('an activity interrupted by two successive crashes is redone by each new process and the chain still completes once', async (t) => {
    const fx = ProcessFixture.create(t);
    const client = await fx.client();
    const id = uniqueId('crash-twice');
    const first = await fx.spawn('first', { slowMs: 60_000, runtimeOptions: CRASHING });
    await client.startOrchestration(id, 'Chain');
    await eventually('the slow activity to start in the first process', () => runs(first.effects(), id, 'c').length > 0, { timeoutMs: WAIT_MS });
    await first.kill();
    const second = await fx.spawn('second', { slowMs: 60_000, runtimeOptions: CRASHING });
    await eventually('the slow activity to restart in the second process', () => runs(second.effects(), id, 'c').length > 0, { timeoutMs: WAIT_MS });
    await second.kill();
    assert.equal((await client.getStatus(id)).status, 'Running');
    assert.equal(countKind(await client.readExecutionHistory(id, 1), 'ActivityCompleted'), 2);
    const third = await fx.spawn('third', { slowMs: 20 });
    const status = await client.waitForOrchestration(id, WAIT_MS);
    assert.equal(status.status, 'Completed');
    assert.equal(status.output, 'a:ok,b:ok,c:slow-ok,d:ok');
    const effects = fx.allEffects();
    assert.equal(runs(effects, id, 'a').length, 1);
    assert.equal(runs(effects, id, 'b').length, 1);
    assert.equal(runs(effects, id, 'd').length, 1);
    assert.deepEqual(runs(effects, id, 'c')
        .map((e) => e.proc)
        .filter((p, i, all) => all.indexOf(p) === i)
        .sort(), ['first', 'second', 'third'], 'each process ran the interrupted activity');
    const history = await client.readExecutionHistory(id, 1);
    assert.equal(countKind(history, 'OrchestrationCompleted'), 1);
    assert.equal(countKind(history, 'ActivityCompleted'), 4);
    await third.stop();
});
test('a graceful shutdown that times out mid-activity leaves the activity to the next runtime process', async (t) => {
    const fx = ProcessFixture.create(t);
    const client = await fx.client();
    const id = uniqueId('shutdown-timeout');
    const first = await fx.spawn('first', {
        slowMs: 60_000,
        shutdownTimeoutMs: 200,
        runtimeOptions: CRASHING,
    });
    await client.startOrchestration(id, 'Chain');
    await eventually('the slow activity to start in the first process', () => runs(first.effects(), id, 'c').length > 0, { timeoutMs: WAIT_MS });
    await first.stop();
    assert.deepEqual(await first.exited, { code: 0, signal: null });
    assert.equal(countKind(await client.readExecutionHistory(id, 1), 'ActivityCompleted'), 2);
    const fresh = await fx.spawn('fresh', { slowMs: 20 });
    const status = await client.waitForOrchestration(id, WAIT_MS);
    assert.equal(status.status, 'Completed');
    assert.equal(status.output, 'a:ok,b:ok,c:slow-ok,d:ok');
    assert.ok(runs(fresh.effects(), id, 'c').length >= 1, 'the abandoned activity ran again in the fresh process');
    assert.equal(runs(fx.allEffects(), id, 'a').length, 1);
    assert.equal(runs(fx.allEffects(), id, 'b').length, 1);
    assert.equal(countKind(await client.readExecutionHistory(id, 1), 'OrchestrationCompleted'), 1);
    await fresh.stop();
});
test('a runtime whose shutdown times out mid-activity leaves the activity to another runtime on the same open provider', async (t) => {
    const fx = ProcessFixture.create(t);
    const provider = await SqliteProvider.open(`sqlite:${fx.dbFile}`);
    const runtimes = [];
    fx.defer(async () => {
        for (const rt of runtimes)
            await rt.shutdown(500);
        await provider.close();
    });
    const started = [];
    const build = (name, slowMs, options) => {
        const rt = new Runtime(provider, { logLevel: 'error', ...options });
        rt.registerActivity('Slow', async (ctx) => {
            started.push(name);
            await sleep(slowMs, undefined, { signal: ctx.signal });
            return 'slow-ok';
        });
        rt.registerOrchestration('One', async (ctx) => ctx.scheduleActivity('Slow'));
        runtimes.push(rt);
        return rt;
    };
    const client = new Client(provider);
    const id = uniqueId('inproc-shutdown');
    const first = build('first', 60_000, { workerLockTimeoutMs: 1000 });
    await first.start();
    await client.startOrchestration(id, 'One');
    await eventually('the activity to start in the first runtime', () => started.includes('first'), {
        timeoutMs: WAIT_MS,
    });
    await first.shutdown(100);
    await build('second', 10, {}).start();
    const status = await client.waitForOrchestration(id, 5000);
    assert.deepEqual(status, { status: 'Completed', output: 'slow-ok', customStatusVersion: 0 });
    assert.deepEqual(started, ['first', 'second']);
});
test('a runtime killed between two retry attempts resumes the backoff and the retries from history', async (t) => {
    const fx = ProcessFixture.create(t);
    const client = await fx.client();
    const first = await fx.spawn('retry-1');
    const id = 'retry-crash';
    await client.startOrchestration(id, 'RetryFlow');
    // The first attempt failed and the durable backoff timer is recorded: kill now.
    await eventually('the first failure and its backoff timer', async () => {
        const h = await client.readExecutionHistory(id, 1).catch(() => []);
        return countKind(h, 'ActivityFailed') === 1 && countKind(h, 'TimerCreated') === 1;
    }, { timeoutMs: 10_000 });
    await first.kill();
    const fresh = await fx.spawn('retry-2');
    const s = await client.waitForOrchestration(id, 20_000);
    assert.equal(s.status, 'Completed', s.error);
    assert.equal(s.output, 'flaky:ok|after:ok');
    const runs = fx
        .allEffects()
        .filter((e) => e.instanceId === id && e.activity === 'FlakyStep' && e.ev === 'run');
    assert.equal(runs.length, 3, 'two failures and one success, no attempt lost or repeated');
    const h = await client.readExecutionHistory(id, 1);
    assert.equal(countKind(h, 'ActivityScheduled'), 4);
    assert.equal(countKind(h, 'OrchestrationCompleted'), 1);
    await fresh.stop();
});
test('an orchestration that crashes its process on every turn ends as poison with a clear reason', async (t) => {
    const fx = ProcessFixture.create(t);
    const client = await fx.client();
    const id = 'crash-loop';
    await client.startOrchestration(id, 'CrashTurn');
    const options = { runtimeOptions: { maxAttempts: 2, orchestratorLockTimeoutMs: 200 } };
    for (let i = 0; i < 10 && (await client.getStatus(id)).status !== 'Failed'; i++) {
        try {
            const child = await fx.spawn(`crash-${i}`, options);
            await Promise.race([child.exited, new Promise((r) => setTimeout(r, 3_000))]);
        }
        catch {
            // The child may crash before it reports ready; that is the point.
        }
    }
    const s = await client.waitForOrchestration(id, 10_000);
    assert.equal(s.status, 'Failed');
    assert.match(s.error, /^poison: orchestration crash-loop exceeded 3 attempts \(max 2\)$/);
});
//# sourceMappingURL=crash-recovery.test.js.map