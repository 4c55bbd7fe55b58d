import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eventually } from './eventually.js';
describe('eventually', () => {
    test('returns the first value that is neither undefined nor false', async () => {
        let calls = 0;
        const value = await eventually('the third call', () => (++calls >= 3 ? { calls } : calls === 1 ? undefined : false), { intervalMs: 1 });
        assert.deepEqual(value, { calls: 3 });
    });
    test('times out with an error naming what it waited for', async () => {
        await assert.rejects(eventually('a condition that never holds', () => false, { timeoutMs: 20, intervalMs: 5 }), {
            message: 'timed out after 20 ms waiting for a condition that never holds',
        });
    });
    test('fails at once when the check throws', async () => {
        let calls = 0;
        await assert.rejects(eventually('a broken check', () => {
            calls++;
            throw new Error('broken');
        }), { message: 'broken' });
        assert.equal(calls, 1);
    });
});
//# sourceMappingURL=eventually.test.js.map