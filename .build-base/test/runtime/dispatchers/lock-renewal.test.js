import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { keepLockRenewed } from '../../../src/runtime/dispatchers/lock-renewal.js';
import { ProviderError } from '../../../src/core/errors/duroxide-error.js';
/** Waits until `done()` holds, polling every few ms (at most 5 s). */
async function until(done) {
    for (let i = 0; i < 1000 && !done(); i++)
        await sleep(5);
    assert.ok(done(), 'condition reached');
}
describe('lock renewal', () => {
    test('renews the lock by its timeout until stopped', async () => {
        const extensions = [];
        const renewal = keepLockRenewed({
            renew: async (ms) => void extensions.push(ms),
            lockTimeoutMs: 100,
            onFailure: () => 'stop',
        });
        await until(() => extensions.length >= 2);
        renewal.stop();
        const seen = extensions.length;
        await sleep(150);
        assert.equal(extensions.length, seen, 'no renewal after stop');
        assert.deepEqual(new Set(extensions), new Set([100]));
    });
    test("a failure answered with 'stop' ends the renewals", async () => {
        let calls = 0;
        const failures = [];
        const renewal = keepLockRenewed({
            renew: async () => {
                calls++;
                throw new ProviderError('renew', 'lock lost', false);
            },
            lockTimeoutMs: 100,
            onFailure: (error) => {
                failures.push(error);
                return 'stop';
            },
        });
        await until(() => failures.length === 1);
        await sleep(150);
        assert.equal(calls, 1);
        renewal.stop();
    });
    test("a failure answered with 'retry' renews again at the next interval", async () => {
        let calls = 0;
        const renewal = keepLockRenewed({
            renew: async () => {
                calls++;
                if (calls === 1)
                    throw new ProviderError('renew', 'database busy', true);
            },
            lockTimeoutMs: 100,
            onFailure: () => 'retry',
        });
        await until(() => calls >= 3);
        renewal.stop();
    });
});
//# sourceMappingURL=lock-renewal.test.js.map