/**
 * The orchestration feature set end to end: retries, cooperative activity cancellation, lock
 * renewal of long activities, tag routing across runtimes, queues across continue-as-new and
 * the activity context.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Runtime, SqliteProvider, } from '../../src/index.js';
import { startHarness, uid } from '../helpers/runtime-harness.js';
import { eventually } from '../helpers/eventually.js';
describe('activity retry', () => {
    test('an activity failing twice succeeds on attempt 3 and the backoff waits are in history', async (t) => {
        let calls = 0;
        const { client } = await startHarness(t, (rt) => {
            rt.registerActivity('Flaky', async () => {
                calls++;
                if (calls < 3)
                    throw new Error(`transient ${calls}`);
                return 'ok';
            });
            rt.registerOrchestration('Retry', async (ctx) => ctx.scheduleActivityWithRetry('Flaky', null, {
                maxAttempts: 5,
                backoff: { kind: 'fixed', baseMs: 20 },
            }));
        });
        const id = uid('retry');
        await client.startOrchestration(id, 'Retry');
        assert.equal((await client.waitForOrchestration(id, 10_000)).output, 'ok');
        assert.equal(calls, 3);
        const h = await client.readExecutionHistory(id, 1);
        assert.equal(h.filter((e) => e.kind === 'ActivityScheduled').length, 3);
        assert.equal(h.filter((e) => e.kind === 'TimerCreated').length, 2);
    });
    test('exhausted retries fail with the last error; a per-attempt timeout fails with a timeout', async (t) => {
        const { client } = await startHarness(t, (rt) => {
            rt.registerActivity('AlwaysFails', async () => {
                throw new Error('still broken');
            });
            rt.registerActivity('Hangs', async (ctx) => {
                await sleep(5_000, undefined, { signal: ctx.signal }).catch(() => undefined);
                return 'late';
            });
            rt.registerOrchestration('Exhaust', async (ctx) => ctx.scheduleActivityWithRetry('AlwaysFails', null, { maxAttempts: 3, backoff: 'none' }));
            rt.registerOrchestration('Timeout', async (ctx) => ctx.scheduleActivityWithRetry('Hangs', null, { maxAttempts: 3, timeoutMs: 100 }));
        }, { workerLockTimeoutMs: 400 });
        const a = uid('exhaust');
        const b = uid('timeout');
        await client.startOrchestration(a, 'Exhaust');
        await client.startOrchestration(b, 'Timeout');
        assert.equal((await client.waitForOrchestration(a, 10_000)).error, 'still broken');
        assert.equal((await client.waitForOrchestration(b, 10_000)).error, "timeout: activity 'Hangs' timed out after 100 ms (attempt 1 of 3)");
    });
});
describe('cancellation and locks', () => {
    test('cancelling an instance cancels its running activity cooperatively through the signal', async (t) => {
        let observed = '';
        const { client } = await startHarness(t, (rt) => {
            rt.registerActivity('Long', async (ctx) => {
                try {
                    await sleep(10_000, undefined, { signal: ctx.signal });
                    observed = 'finished';
                }
                catch {
                    observed = ctx.isCancelled() ? 'cancelled' : 'other';
                }
                return 'done';
            });
            rt.registerOrchestration('RunsLong', async (ctx) => ctx.scheduleActivity('Long'));
        }, { workerLockTimeoutMs: 300, activityCancellationGraceMs: 200 });
        const id = uid('cancel-activity');
        await client.startOrchestration(id, 'RunsLong');
        await eventually('the activity', async () => (await client.readExecutionHistory(id, 1)).some((e) => e.kind === 'ActivityScheduled'));
        await sleep(100);
        await client.cancelInstance(id, 'stop it');
        assert.equal((await client.waitForOrchestration(id, 10_000)).error, 'canceled: stop it');
        await eventually('the activity to observe cancellation', () => observed !== '');
        assert.equal(observed, 'cancelled');
    });
    test('an activity running three times its lock timeout is kept alive by renewal and runs once', async (t) => {
        let runs = 0;
        const { client } = await startHarness(t, (rt) => {
            rt.registerActivity('Slow', async () => {
                runs++;
                await sleep(900);
                return 'slow result';
            });
            rt.registerOrchestration('UsesSlow', async (ctx) => ctx.scheduleActivity('Slow'));
        }, { workerLockTimeoutMs: 300 });
        const id = uid('renewal');
        await client.startOrchestration(id, 'UsesSlow');
        assert.equal((await client.waitForOrchestration(id, 10_000)).output, 'slow result');
        assert.equal(runs, 1);
    });
});
describe('tags and the activity context', () => {
    async function runtimeOn(t, file, options, log, name) {
        const provider = await SqliteProvider.open(`sqlite:${file}`);
        const rt = new Runtime(provider, { logLevel: 'off', ...options });
        rt.registerActivity('Work', async (ctx) => {
            log.push(`${name}:${ctx.tag() ?? 'default'}`);
            return ctx.tag();
        });
        rt.registerOrchestration('Routed', async (ctx) => Promise.all([
            ctx.scheduleActivity('Work').withTag('gpu'),
            ctx.scheduleActivity('Work'),
            ctx.scheduleActivity('Work').withTag('gpu'),
        ]));
        await rt.start();
        t.after(async () => {
            await rt.shutdown(1000);
            await provider.close();
        });
        return new Client(provider);
    }
    test('tagged activities run only on runtimes whose tag filter accepts them', async (t) => {
        const dir = mkdtempSync(join(tmpdir(), 'duroxide-tags-'));
        t.after(() => rmSync(dir, { recursive: true, force: true }));
        const file = join(dir, 'tags.db');
        const log = [];
        const cpu = await runtimeOn(t, file, { workerTagFilter: 'defaultOnly' }, log, 'cpu');
        await runtimeOn(t, file, { workerTagFilter: { tags: ['gpu'] } }, log, 'gpu');
        const id = uid('routed');
        await cpu.startOrchestration(id, 'Routed');
        assert.deepEqual((await cpu.waitForOrchestration(id, 10_000)).output, ['gpu', null, 'gpu']);
        assert.deepEqual(log.sort(), ['cpu:default', 'gpu:gpu', 'gpu:gpu']);
    });
    test('the activity context carries identity, and getClient can start orchestrations', async (t) => {
        let seen = {};
        const { client } = await startHarness(t, (rt) => {
            rt.registerActivity('Inspect', async (ctx) => {
                seen = {
                    instanceId: ctx.instanceId,
                    executionId: ctx.executionId,
                    orchestrationName: ctx.orchestrationName,
                    orchestrationVersion: ctx.orchestrationVersion,
                    activityName: ctx.activityName,
                    workerId: ctx.workerId,
                };
                await ctx.getClient().startOrchestration(`${ctx.instanceId}-spawned`, 'Leaf', 7);
                ctx.traceInfo('inspected');
            });
            rt.registerOrchestration('Leaf', async (_ctx, n) => n * 6);
            rt.registerOrchestrationVersioned('Inspector', '3.1.4', async (ctx) => ctx.scheduleActivity('Inspect'));
        }, { workerNodeId: 'node-a' });
        const id = uid('inspect');
        await client.startOrchestration(id, 'Inspector');
        await client.waitForOrchestration(id, 10_000);
        assert.deepEqual({ ...seen, workerId: String(seen['workerId']).replace(/^work-\d+-/, 'work-N-') }, {
            instanceId: id,
            executionId: 1,
            orchestrationName: 'Inspector',
            orchestrationVersion: '3.1.4',
            activityName: 'Inspect',
            workerId: 'work-N-node-a',
        });
        assert.equal((await client.waitForOrchestration(`${id}-spawned`, 10_000)).output, 42);
    });
});
describe('queues across continue-as-new', () => {
    test('unconsumed queue messages are carried into the next execution in FIFO order', async (t) => {
        const { client } = await startHarness(t, (rt) => rt.registerOrchestration('Drain', async (ctx, got) => {
            const next = [...got, await ctx.dequeueEvent('jobs')];
            if (next.length < 4)
                return ctx.continueAsNew(next);
            return next;
        }));
        const id = uid('drain');
        await client.startOrchestration(id, 'Drain', []);
        for (const j of ['j1', 'j2', 'j3', 'j4'])
            await client.enqueueEvent(id, 'jobs', j);
        assert.deepEqual((await client.waitForOrchestration(id, 10_000)).output, [
            'j1',
            'j2',
            'j3',
            'j4',
        ]);
    });
});
//# sourceMappingURL=features.test.js.map