/**
 * Replay-check and input-schema scenarios shared by the SQLite and PostgreSQL test files: each
 * opens its own providers on one store, so the runtime under test, the checker runtime and the
 * client talk only through storage.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { Client, Runtime } from '../../src/index.js';
import { uid } from '../helpers/runtime-harness.js';
import { eventually } from '../helpers/eventually.js';
async function running(t, open, setup) {
    const provider = await open(t);
    const runtime = new Runtime(provider, { logLevel: 'off' });
    setup(runtime);
    await runtime.start();
    t.after(async () => {
        await runtime.shutdown(2000);
        await provider.close();
    });
    return { runtime, client: new Client(provider) };
}
/** A runtime that is never started: it only runs checkReplay. */
async function checker(t, open, setup) {
    const provider = await open(t);
    t.after(() => provider.close());
    const runtime = new Runtime(provider, { logLevel: 'off' });
    setup(runtime);
    return runtime;
}
async function waitForEvent(client, id, executionId, kind) {
    await eventually(`${id} execution ${executionId} to record ${kind}`, async () => (await client.readExecutionHistory(id, executionId).catch(() => [])).some((e) => e.kind === kind));
}
/** Seeds a KV value in execution 1, then reads it in execution 2 to decide what to schedule. */
function kvFlow(rt) {
    rt.registerActivity('Seed', async () => 'seeded');
    rt.registerOrchestration('KvFlow', async (ctx, n) => {
        if (n === 0) {
            ctx.setValue('seed', 'from execution 1');
            return ctx.continueAsNew(1);
        }
        if (ctx.getValue('seed') === null)
            await ctx.scheduleActivity('Seed');
        return ctx.waitForEvent('go');
    });
}
export function registerReplayCheckCases(open) {
    test('the replay check sees KV values carried across continue-as-new: unchanged code replays cleanly', async (t) => {
        const { client } = await running(t, open, kvFlow);
        const id = uid('rc-kv');
        await client.startOrchestration(id, 'KvFlow', 0);
        await waitForEvent(client, id, 2, 'ExternalSubscribed');
        const report = await (await checker(t, open, kvFlow)).checkReplay({ instanceIds: [id] });
        assert.deepEqual(report.results.map((r) => [r.outcome, r.executionId, r.message]), [['ok', 2, 'replays cleanly']]);
    });
    test('the replay check flags a changed activity input as a divergence', async (t) => {
        const v1 = (rt) => {
            rt.registerActivity('Charge', async () => 'charged');
            rt.registerOrchestration('Pay', async (ctx) => {
                await ctx.scheduleActivity('Charge', { amount: 10 });
                return ctx.waitForEvent('done');
            });
        };
        const { client } = await running(t, open, v1);
        const id = uid('rc-input');
        await client.startOrchestration(id, 'Pay', null);
        await waitForEvent(client, id, 1, 'ExternalSubscribed');
        const changed = await checker(t, open, (rt) => rt.registerOrchestration('Pay', async (ctx) => {
            await ctx.scheduleActivity('Charge', { amount: 10, currency: 'EUR' });
            return ctx.waitForEvent('done');
        }));
        const report = await changed.checkReplay({ instanceIds: [id] });
        assert.equal(report.diverged, 1);
        const result = report.results[0];
        assert.equal(result.eventId, 2);
        assert.match(result.message, /history has activity 'Charge'.*input \{"amount":10\} vs \{"amount":10,"currency":"EUR"\}/);
        assert.equal((await changed.checkReplay({ instanceIds: [id] })).diverged, 1, 'still read-only: the same answer again');
    });
    test('the replay check lists running instances whose input the next version’s schema rejects', async (t) => {
        const v1 = async (ctx) => ctx.waitForEvent('next');
        const { client } = await running(t, open, (rt) => rt.registerOrchestration('Counter', v1));
        const bad = uid('rc-schema-bad');
        const good = uid('rc-schema-good');
        await client.startOrchestration(bad, 'Counter', { count: 'three' });
        await client.startOrchestration(good, 'Counter', { count: 3 });
        await waitForEvent(client, bad, 1, 'ExternalSubscribed');
        await waitForEvent(client, good, 1, 'ExternalSubscribed');
        const next = await checker(t, open, (rt) => {
            rt.registerOrchestration('Counter', v1);
            rt.registerOrchestrationVersioned('Counter', '2.0.0', v1, {
                inputSchema: z.object({ count: z.number() }),
            });
        });
        const report = await next.checkReplay({ instanceIds: [bad, good] });
        assert.deepEqual(report.results.map((r) => r.outcome), ['ok', 'ok'], 'both replay cleanly on 1.0.0');
        assert.equal(report.inputRejected, 1);
        const rejection = report.inputRejections[0];
        assert.deepEqual([
            rejection.instanceId,
            rejection.executionId,
            rejection.orchestrationName,
            rejection.fromVersion,
            rejection.toVersion,
        ], [bad, 1, 'Counter', '1.0.0', '2.0.0']);
        assert.deepEqual(rejection.issues.map((i) => i.path), ['count']);
        assert.match(rejection.message, /Counter@2\.0\.0's input schema: count: .*INPUT_REJECTED/);
    });
}
//# sourceMappingURL=replay-check-cases.js.map