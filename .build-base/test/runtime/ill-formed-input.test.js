/**
 * Strings that are not valid Unicode (a lone UTF-16 surrogate) and absurd durations are refused
 * where they enter — the Client, the orchestration context — on both stores, so they never reach
 * storage: SQLite would read such an id back as a different string and starve the queue, and
 * PostgreSQL would store U+FFFD, making distinct ids collide.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client, InvalidInputError, Runtime } from '../../src/index.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS, testStore } from '../helpers/test-store.js';
const LONE = '\uD800';
for (const kind of STORE_KINDS) {
    describe(`ill-formed input is refused at the edge (${kind})`, () => {
        test('a client start, event, queue message or KV read with a lone surrogate is refused and nothing is stored', async (t) => {
            const store = await testStore(t, kind);
            const provider = await store.open();
            const client = new Client(provider);
            await assert.rejects(client.startOrchestration(`ls-${LONE}`, 'Flow', null), (e) => e instanceof InvalidInputError &&
                /not valid Unicode text/.test(e.message) &&
                /index 3/.test(e.message));
            await assert.rejects(client.startOrchestration('ok-id', `Flow${LONE}`, null), /orchestration name .* not valid Unicode text/);
            await assert.rejects(client.raiseEvent('ok-id', `ev${LONE}`, null), /event name .* not valid Unicode text/);
            await assert.rejects(client.enqueueEvent('ok-id', `q${LONE}`, null), /queue name .* not valid Unicode text/);
            await assert.rejects(client.getValue('ok-id', `k${LONE}`), /key .* not valid Unicode text/);
            assert.deepEqual(await client.listAllInstances(), []);
            // A surrogate pair (an emoji) is valid text and works.
            await client.startOrchestration('ok-😀', 'Flow', null);
            assert.equal(await provider.instanceExists('ok-😀'), true);
        });
        test('an orchestration that picks an ill-formed child id or an absurd timer fails with the problem named; nothing else is created', async (t) => {
            const store = await testStore(t, kind);
            const provider = await store.open();
            const runtime = new Runtime(provider, { logLevel: 'off' });
            runtime.registerOrchestration('Child', async () => 'child');
            runtime.registerOrchestration('BadChild', async (ctx) => ctx.scheduleSubOrchestrationWithId('Child', `kid-${LONE}`, null));
            runtime.registerOrchestration('BadTimer', async (ctx) => ctx.scheduleTimer(1e300));
            await runtime.start();
            t.after(() => runtime.shutdown(2000));
            const client = new Client(await store.open());
            const bad = uid('bad-child');
            await client.startOrchestration(bad, 'BadChild', null);
            const status = await client.waitForOrchestration(bad, 15_000);
            assert.equal(status.status, 'Failed');
            assert.match(status.error ?? '', /not valid Unicode text/);
            assert.deepEqual(await client.listAllInstances(), [bad], 'no child instance was created');
            const timer = uid('bad-timer');
            await client.startOrchestration(timer, 'BadTimer', null);
            const timed = await client.waitForOrchestration(timer, 15_000);
            assert.equal(timed.status, 'Failed');
            assert.match(timed.error ?? '', /timer delay is 1e\+300 ms; the longest accepted is .* \(100 years\)/);
        });
    });
}
//# sourceMappingURL=ill-formed-input.test.js.map