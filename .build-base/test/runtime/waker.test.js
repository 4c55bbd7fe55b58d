import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Waker } from '../../src/runtime/waker.js';
describe('waker', () => {
    test('wait resolves true on a wake and false on its timeout', async () => {
        const waker = new Waker();
        const woken = waker.wait(5_000);
        waker.wake();
        assert.equal(await woken, true);
        assert.equal(await waker.wait(10), false);
        waker.close();
    });
    test('a wake with nobody waiting is remembered once', async () => {
        const waker = new Waker();
        waker.wake();
        waker.wake();
        assert.equal(await waker.wait(5_000), true);
        assert.equal(await waker.wait(10), false, 'only one wake was remembered');
        waker.close();
    });
    test('every pending wake time wakes a loop, not only the earliest', async () => {
        const waker = new Waker();
        // Far enough ahead that all three are still in the future when registered, even on a busy
        // machine (a time already due wakes at once, and wakes with nobody waiting collapse).
        const start = Date.now() + 300;
        // Registered latest first: each new time is earlier than every pending one.
        for (const delay of [200, 100, 0])
            waker.wakeAt(start + delay);
        const wokenAt = [];
        for (let i = 0; i < 3; i++) {
            assert.equal(await waker.wait(5_000), true, `wake ${i + 1} came from a timer, not the timeout`);
            wokenAt.push(Date.now() - start);
        }
        assert.ok(wokenAt[0] >= -1 && wokenAt[1] >= 99 && wokenAt[2] >= 199, `woken at ${wokenAt.join(', ')} ms after the first time`);
        waker.close();
    });
    test('a time already due wakes at once; close wakes every waiter', async () => {
        const waker = new Waker();
        const a = waker.wait(5_000);
        waker.wakeAt(Date.now() - 1);
        assert.equal(await a, true);
        const waiting = [waker.wait(5_000), waker.wait(5_000)];
        waker.close();
        assert.deepEqual(await Promise.all(waiting), [true, true]);
    });
    test('a wake time beyond 2^31-1 ms neither overflows the timer nor wakes early', async () => {
        const warnings = [];
        const onWarning = (w) => {
            warnings.push(w.name);
        };
        process.on('warning', onWarning);
        const waker = new Waker();
        try {
            waker.wakeAt(Date.now() + 40 * 24 * 3600 * 1000); // a 40-day durable timer
            assert.equal(await waker.wait(50), false, 'nothing woke the loop');
            assert.ok(!warnings.includes('TimeoutOverflowWarning'), warnings.join(','));
        }
        finally {
            waker.close();
            process.off('warning', onWarning);
        }
    });
});
//# sourceMappingURL=waker.test.js.map