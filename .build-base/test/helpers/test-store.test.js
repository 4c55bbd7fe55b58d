import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testStore } from './test-store.js';
describe('test stores', () => {
    test('a test store closes its providers only after the hooks its test registers later', async (t) => {
        let provider;
        let usableInLaterHook;
        const usable = async (p) => p.instanceExists('any').then(() => true, () => false);
        await t.test('a test that starts work on a store and stops it in its own hook', async (inner) => {
            const store = await testStore(inner, 'sqlite');
            const opened = await store.open();
            provider = opened;
            // Registered after the store's cleanup, as a runtime's shutdown would be.
            inner.after(async () => {
                usableInLaterHook = await usable(opened);
            });
        });
        assert.equal(usableInLaterHook, true, 'the provider was still open in the later hook');
        assert.ok(provider !== undefined);
        assert.equal(await usable(provider), false, 'the store closed the provider after the test');
    });
});
//# sourceMappingURL=test-store.test.js.map