/**
 * `maxPayloadBytes` holds at every entry point, on both stores: client start input, event data
 * and queue messages are refused before anything is written; an orchestration output or an
 * activity output over the limit fails that execution or activity with the sizes named,
 * instead of being stored.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client, InvalidInputError, Runtime } from '../../src/index.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS, testStore } from '../helpers/test-store.js';
const LIMIT = 1024;
const big = () => 'x'.repeat(LIMIT + 1);
for (const kind of STORE_KINDS) {
    describe(`payload limits (${kind})`, () => {
        test('the client refuses an input, event or queue message over the limit and stores nothing', async (t) => {
            const store = await testStore(t, kind);
            const provider = await store.open();
            const client = new Client(provider, { maxPayloadBytes: LIMIT });
            await assert.rejects(client.startOrchestration('too-big', 'Flow', big()), (e) => e instanceof InvalidInputError &&
                /orchestration input is 1027 bytes as JSON; the limit is 1024/.test(e.message));
            assert.deepEqual(await client.listAllInstances(), []);
            await client.startOrchestration('fits', 'Flow', 'x'.repeat(LIMIT - 2));
            await assert.rejects(client.raiseEvent('fits', 'ev', big()), /event data is 1027 bytes as JSON; the limit is 1024/);
            await assert.rejects(client.enqueueEvent('fits', 'q', big()), /queue message is 1027 bytes as JSON; the limit is 1024/);
            assert.throws(() => new Client(provider, { maxPayloadBytes: 0 }), /maxPayloadBytes must be a positive integer, got 0/);
        });
        test('an orchestration or activity output over the limit fails with the sizes named instead of being stored', async (t) => {
            const store = await testStore(t, kind);
            const runtime = new Runtime(await store.open(), {
                logLevel: 'off',
                limits: { maxPayloadBytes: LIMIT },
            });
            runtime.registerActivity('Big', async () => big());
            runtime.registerOrchestration('BigOutput', async () => big());
            runtime.registerOrchestration('BigActivity', async (ctx) => ctx.scheduleActivity('Big', null));
            await runtime.start();
            t.after(() => runtime.shutdown(2000));
            const client = new Client(await store.open());
            const out = uid('big-output');
            await client.startOrchestration(out, 'BigOutput', null);
            const s1 = await client.waitForOrchestration(out, 15_000);
            assert.equal(s1.status, 'Failed');
            assert.match(s1.error ?? '', /orchestration output .* is 1027 bytes as JSON; the limit is 1024/);
            const act = uid('big-activity');
            await client.startOrchestration(act, 'BigActivity', null);
            const s2 = await client.waitForOrchestration(act, 15_000);
            assert.equal(s2.status, 'Failed');
            assert.match(s2.error ?? '', /activity 'Big' returned a value that cannot be stored: activity output is 1027 bytes as JSON; the limit is 1024/);
        });
    });
}
//# sourceMappingURL=payload-limits.test.js.map