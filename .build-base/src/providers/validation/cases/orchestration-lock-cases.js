/**
 * Conformance: abandon, attempt counts, lock expiry and renewal for orchestration batches.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { ack, externalRaised, FETCH, fetchFor, rejectsPermanently, startItem, } from '../conformance-fixtures.js';
/** Short enough to expire within a test, long enough not to expire mid-call on a slow machine. */
const SHORT_LOCK_MS = 150;
export function registerOrchestrationLockCases(h) {
    describe('orchestration abandon and attempts', () => {
        h.test('the first fetch reports attempt 1 and each refetch after abandon one more', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('attempt-1'));
            for (const expected of [1, 2, 3]) {
                const locked = await fetchFor(p, 'attempt-1');
                assert.equal(locked.attemptCount, expected);
                await p.abandonOrchestrationItem(locked.lockToken);
            }
        });
        h.test('abandon makes the batch fetchable again immediately with the same messages', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('abandon-1'));
            await p.enqueueForOrchestrator(externalRaised('abandon-1'));
            const first = await fetchFor(p, 'abandon-1');
            await p.abandonOrchestrationItem(first.lockToken);
            const second = await fetchFor(p, 'abandon-1');
            assert.deepEqual(second.item.messages, first.item.messages);
            assert.notEqual(second.lockToken, first.lockToken);
        });
        h.test('abandon with a delay hides the batch until the delay passes', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('abandon-delay'));
            const locked = await fetchFor(p, 'abandon-delay');
            await p.abandonOrchestrationItem(locked.lockToken, { delayMs: 250 });
            assert.equal(await p.fetchOrchestrationItem(FETCH), null);
            const next = await p.nextOrchestratorVisibleAt();
            assert.ok(next !== null && next > h.clock(t).now(), 'the delayed batch is scheduled in the future');
            await h.clock(t).advance(300);
            assert.equal((await fetchFor(p, 'abandon-delay')).attemptCount, 2);
        });
        h.test('abandon with ignoreAttempt does not count the attempt', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('ignore-1'));
            const first = await fetchFor(p, 'ignore-1');
            await p.abandonOrchestrationItem(first.lockToken, { ignoreAttempt: true });
            assert.equal((await fetchFor(p, 'ignore-1')).attemptCount, 1);
        });
        h.test('abandon with an unknown token fails permanently', async (t) => {
            const p = await h.provider(t);
            await rejectsPermanently(p.abandonOrchestrationItem('no-such-token'), 'no-such-token');
        });
        h.test('abandon of an already released token fails permanently', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('abandon-twice'));
            const locked = await fetchFor(p, 'abandon-twice');
            await p.abandonOrchestrationItem(locked.lockToken);
            await rejectsPermanently(p.abandonOrchestrationItem(locked.lockToken));
        });
        h.test('a batch reports the highest attempt count among its messages', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('max-1'));
            await p.abandonOrchestrationItem((await fetchFor(p, 'max-1')).lockToken);
            await p.abandonOrchestrationItem((await fetchFor(p, 'max-1')).lockToken);
            await p.enqueueForOrchestrator(externalRaised('max-1'));
            const locked = await fetchFor(p, 'max-1');
            assert.equal(locked.item.messages.length, 2);
            assert.equal(locked.attemptCount, 3);
        });
    });
    describe('orchestration lock expiry and renewal', () => {
        h.test('an expired instance lock makes the batch fetchable again and the old token can no longer ack', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('expire-1'));
            const first = await fetchFor(p, 'expire-1', { lockTimeoutMs: SHORT_LOCK_MS });
            assert.equal(await p.fetchOrchestrationItem(FETCH), null);
            await h.clock(t).advance(SHORT_LOCK_MS + 60);
            const second = await fetchFor(p, 'expire-1');
            assert.equal(second.attemptCount, 2);
            assert.notEqual(second.lockToken, first.lockToken);
            await rejectsPermanently(p.ackOrchestrationItem(first.lockToken, ack(1)), first.lockToken);
            await rejectsPermanently(p.abandonOrchestrationItem(first.lockToken));
            await p.ackOrchestrationItem(second.lockToken, ack(1));
        });
        h.test('an expired lock cannot ack even when nobody took the instance over', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('expire-2'));
            const locked = await fetchFor(p, 'expire-2', { lockTimeoutMs: SHORT_LOCK_MS });
            await h.clock(t).advance(SHORT_LOCK_MS + 60);
            await rejectsPermanently(p.ackOrchestrationItem(locked.lockToken, ack(1)));
            await fetchFor(p, 'expire-2');
        });
        h.test('renewing extends the instance lock past its original expiry', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('renew-1'));
            const locked = await fetchFor(p, 'renew-1', { lockTimeoutMs: 200 });
            await h.clock(t).advance(80);
            await p.renewOrchestrationItemLock(locked.lockToken, 1_000);
            await h.clock(t).advance(220);
            assert.equal(await p.fetchOrchestrationItem(FETCH), null, 'the renewed lock still holds');
            await p.ackOrchestrationItem(locked.lockToken, ack(1));
        });
        h.test('renewing an expired lock fails permanently', async (t) => {
            const p = await h.provider(t);
            await p.enqueueForOrchestrator(startItem('renew-2'));
            const locked = await fetchFor(p, 'renew-2', { lockTimeoutMs: SHORT_LOCK_MS });
            await h.clock(t).advance(SHORT_LOCK_MS + 60);
            await rejectsPermanently(p.renewOrchestrationItemLock(locked.lockToken, 1_000), locked.lockToken);
        });
        h.test('renewing an unknown lock fails permanently', async (t) => {
            const p = await h.provider(t);
            await rejectsPermanently(p.renewOrchestrationItemLock('no-such-token', 1_000), 'no-such-token');
        });
    });
}
//# sourceMappingURL=orchestration-lock-cases.js.map