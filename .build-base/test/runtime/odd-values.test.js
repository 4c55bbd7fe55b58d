/**
 * Values a careless or hostile caller produces — an error whose `message` getter throws, a
 * thrown plain object, an input nested thousands of levels deep — end as clear errors, on both
 * stores, never as a stuck item or a raw RangeError.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client, InvalidInputError, Runtime } from '../../src/index.js';
import { uid } from '../helpers/runtime-harness.js';
import { STORE_KINDS, testStore } from '../helpers/test-store.js';
function deeplyNested(depth) {
    let v = 'leaf';
    for (let i = 0; i < depth; i++)
        v = { v };
    return v;
}
for (const kind of STORE_KINDS) {
    describe(`odd values end as clear errors (${kind})`, () => {
        test('an activity error whose message getter throws, or a thrown plain object, fails the activity with a readable message', async (t) => {
            const store = await testStore(t, kind);
            const runtime = new Runtime(await store.open(), { logLevel: 'off' });
            runtime.registerActivity('Hostile', async () => {
                const e = new Error('x');
                Object.defineProperty(e, 'message', {
                    get() {
                        throw new Error('no message for you');
                    },
                });
                throw e;
            });
            runtime.registerActivity('ThrowsObject', async () => {
                // eslint-disable-next-line @typescript-eslint/only-throw-error -- the point of the test
                throw { code: 42, reason: 'quota' };
            });
            runtime.registerOrchestration('Call', async (ctx, name) => {
                try {
                    await ctx.scheduleActivity(name, null);
                    return 'no error';
                }
                catch (e) {
                    return e.message;
                }
            });
            await runtime.start();
            t.after(() => runtime.shutdown(2000));
            const client = new Client(await store.open());
            const hostile = uid('hostile');
            await client.startOrchestration(hostile, 'Call', 'Hostile');
            assert.equal((await client.waitForOrchestration(hostile, 15_000)).output, 'an error whose message could not be read');
            const object = uid('object');
            await client.startOrchestration(object, 'Call', 'ThrowsObject');
            assert.equal((await client.waitForOrchestration(object, 15_000)).output, '{"code":42,"reason":"quota"}');
        });
        test('an input nested 20,000 levels deep is refused with INVALID_INPUT, not a RangeError', async (t) => {
            const store = await testStore(t, kind);
            const client = new Client(await store.open());
            await assert.rejects(client.startOrchestration(uid('deep'), 'Flow', deeplyNested(20_000)), (e) => e instanceof InvalidInputError && /nested too deeply/.test(e.message));
            assert.deepEqual(await client.listAllInstances(), []);
        });
    });
}
//# sourceMappingURL=odd-values.test.js.map