/**
 * The replay check on both stores: KV across continue-as-new (PostgreSQL reads the snapshot
 * through readKvSnapshot), changed activity inputs, and inputs the next version's schema
 * rejects (scenarios in replay-check-cases.ts). Each test gets its own store; every runtime
 * and client opens its own provider on it.
 */
import { describe } from 'node:test';
import { STORE_KINDS, testStore } from '../helpers/test-store.js';
import { registerReplayCheckCases } from './replay-check-cases.js';
for (const kind of STORE_KINDS) {
    describe(`replay check (${kind})`, () => {
        const stores = new WeakMap();
        /** Every provider a test opens is on the test's one store. */
        const open = async (t) => {
            let store = stores.get(t);
            if (store === undefined) {
                store = await testStore(t, kind);
                stores.set(t, store);
            }
            return store.open();
        };
        registerReplayCheckCases(open);
    });
}
//# sourceMappingURL=replay-check.test.js.map