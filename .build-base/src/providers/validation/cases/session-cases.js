/**
 * Conformance: activity sessions — routing session-bound work to the owner of the session's
 * lease, claiming and taking over leases, lease renewal and idleness, orphan cleanup, and how
 * session leases interact with item locks and abandons.
 *
 * Times: session leases and item locks in these cases are 100–200 ms where expiry matters,
 * 30 s where it must not happen.
 * @module
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { ack, activityCompleted, activityExecute, externalRaised, fetchFor, rejectsPermanently, startInstance, } from '../conformance-fixtures.js';
const LONG_MS = 30_000;
const SHORT_MS = 120;
/** Past a {@link SHORT_MS} lease or lock, with margin for timer jitter. */
const PAST_SHORT_MS = SHORT_MS + 60;
/** Fetch options of a worker slot of `ownerId` (item lock and session lease both given). */
function asOwner(ownerId, sessionLockMs = LONG_MS, itemLockMs = LONG_MS) {
    return {
        lockTimeoutMs: itemLockMs,
        tagFilter: 'any',
        session: { ownerId, lockTimeoutMs: sessionLockMs },
    };
}
/** Fetch options of a worker without session routing. */
const UNROUTED = { lockTimeoutMs: LONG_MS, tagFilter: 'any' };
/** An activity of `instanceId` execution 1 with id `id`, on `sessionId` when given. */
function work(instanceId, id, sessionId) {
    return activityExecute(instanceId, 1, id, sessionId === undefined ? {} : { sessionId });
}
/** Creates `instanceId` with `items` scheduled in its first turn. */
async function schedule(p, instanceId, items) {
    await startInstance(p, instanceId, { workerItems: items });
}
/** Schedules more activities for an existing instance in a new turn. */
async function scheduleMore(p, instanceId, items) {
    await p.enqueueForOrchestrator(externalRaised(instanceId));
    const locked = await fetchFor(p, instanceId);
    await p.ackOrchestrationItem(locked.lockToken, ack(1, { workerItems: items }));
}
/** The activity id of a fetched item, or null. */
function idOf(locked) {
    if (locked === null)
        return null;
    assert.equal(locked.item.type, 'ActivityExecute');
    return locked.item.type === 'ActivityExecute' ? locked.item.id : null;
}
/** Fetches with `options` until nothing comes back; returns the activity ids in order. */
async function drain(p, options) {
    const ids = [];
    for (let locked = await p.fetchWorkItem(options); locked !== null; locked = await p.fetchWorkItem(options)) {
        const id = idOf(locked);
        if (id !== null)
            ids.push(id);
    }
    return ids;
}
export function registerSessionCases(h) {
    describe('sessions: routing', () => {
        h.test('items without a session are fetched by workers with and without session routing', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-plain', [work('ses-plain', 2), work('ses-plain', 3)]);
            assert.equal(idOf(await p.fetchWorkItem(UNROUTED)), 2);
            assert.equal(idOf(await p.fetchWorkItem(asOwner('w1'))), 3);
        });
        h.test('a fetch without session routing skips session-bound items', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-skip', [
                work('ses-skip', 2, 's1'),
                work('ses-skip', 3),
                work('ses-skip', 4, 's2'),
            ]);
            assert.deepEqual(await drain(p, UNROUTED), [3]);
            assert.deepEqual(await drain(p, asOwner('w1')), [2, 4], 'they stay queued for session workers');
        });
        h.test('a session-bound item is claimable when nobody holds its session', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-claim', [work('ses-claim', 2, 's1')]);
            const locked = await p.fetchWorkItem(asOwner('w1'));
            assert.equal(idOf(locked), 2);
            assert.equal(locked?.item.type === 'ActivityExecute' && locked.item.sessionId, 's1');
            assert.equal(locked?.attemptCount, 1);
        });
        h.test('a session routing fetch returns session-bound and session-free items in FIFO order', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-fifo', [
                work('ses-fifo', 2, 's1'),
                work('ses-fifo', 3),
                work('ses-fifo', 4, 's1'),
                work('ses-fifo', 5, 's2'),
                work('ses-fifo', 6, 's1'),
            ]);
            assert.deepEqual(await drain(p, asOwner('w1')), [2, 3, 4, 5, 6]);
        });
        h.test('items of a session go to the worker that holds it', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-aff', [work('ses-aff', 2, 's1')]);
            assert.equal(idOf(await p.fetchWorkItem(asOwner('w1'))), 2);
            await scheduleMore(p, 'ses-aff', [work('ses-aff', 3, 's1')]);
            assert.equal(await p.fetchWorkItem(asOwner('w2')), null, 'w2 cannot take s1 from w1');
            assert.equal(idOf(await p.fetchWorkItem(asOwner('w1'))), 3);
        });
        h.test('a session held by another worker blocks only that session’s items', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-block', [
                work('ses-block', 2, 's1'),
                work('ses-block', 3, 's1'),
                work('ses-block', 4),
            ]);
            assert.equal(idOf(await p.fetchWorkItem(asOwner('w1'))), 2);
            assert.deepEqual(await drain(p, asOwner('w2')), [4]);
            assert.deepEqual(await drain(p, asOwner('w1')), [3]);
        });
        h.test('different sessions can be held by different workers at once', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-diff', [
                work('ses-diff', 2, 's1'),
                work('ses-diff', 3, 's2'),
                work('ses-diff', 4, 's1'),
                work('ses-diff', 5, 's2'),
            ]);
            assert.equal(idOf(await p.fetchWorkItem(asOwner('w1'))), 2);
            assert.deepEqual(await drain(p, asOwner('w2')), [3, 5]);
            assert.deepEqual(await drain(p, asOwner('w1')), [4]);
        });
        h.test('any slot sharing an owner id can fetch the items of that owner’s session', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-shared', [work('ses-shared', 2, 's1'), work('ses-shared', 3, 's1')]);
            const first = await p.fetchWorkItem(asOwner('node-a'));
            const second = await p.fetchWorkItem(asOwner('node-a'));
            assert.deepEqual([idOf(first), idOf(second)], [2, 3], 'both in flight at once');
        });
        h.test('concurrent fetches by two owners never both claim one session', async (t) => {
            const p = await h.provider(t);
            const items = [2, 3, 4, 5, 6, 7].map((id) => work('ses-race', id, id % 2 === 0 ? 's-even' : 's-odd'));
            await schedule(p, 'ses-race', items);
            const owners = ['w1', 'w2', 'w1', 'w2', 'w1', 'w2', 'w1', 'w2'];
            const results = await Promise.all(owners.map(async (o) => ({ o, locked: await p.fetchWorkItem(asOwner(o)) })));
            const ownerOf = new Map();
            let fetched = 0;
            for (const { o, locked } of results) {
                if (locked?.item.type !== 'ActivityExecute')
                    continue;
                fetched += 1;
                const session = locked.item.sessionId ?? '';
                ownerOf.set(session, (ownerOf.get(session) ?? new Set()).add(o));
            }
            assert.equal(fetched, 6, 'every item fetched exactly once');
            for (const [session, owners_] of ownerOf)
                assert.equal(owners_.size, 1, `${session} served by one owner`);
        });
    });
    describe('sessions: claiming and takeover', () => {
        h.test('another worker takes over a session once its lease expires', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-take', [work('ses-take', 2, 's1')]);
            // The lease must outlast a whole scheduling turn on a loaded machine (a networked provider
            // makes several round trips before w2's first fetch), so this test uses a longer one.
            const lease = 1_000;
            const first = await p.fetchWorkItem(asOwner('w1', lease));
            assert.ok(first);
            await p.ackWorkItem(first.lockToken, activityCompleted('ses-take', 1, 2));
            await scheduleMore(p, 'ses-take', [work('ses-take', 3, 's1')]);
            assert.equal(await p.fetchWorkItem(asOwner('w2', SHORT_MS)), null);
            await h.clock(t).advance(lease + 100);
            assert.equal(idOf(await p.fetchWorkItem(asOwner('w2'))), 3);
            await scheduleMore(p, 'ses-take', [work('ses-take', 4, 's1')]);
            assert.equal(await p.fetchWorkItem(asOwner('w1')), null, 'w2 now holds s1');
        });
        h.test('the original owner reclaims its expired session when nobody else did', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-reclaim', [
                work('ses-reclaim', 2, 's1'),
                work('ses-reclaim', 3, 's1'),
            ]);
            const first = await p.fetchWorkItem(asOwner('w1', SHORT_MS));
            assert.ok(first);
            await p.ackWorkItem(first.lockToken);
            await h.clock(t).advance(PAST_SHORT_MS);
            assert.equal(idOf(await p.fetchWorkItem(asOwner('w1'))), 3);
            assert.equal(await p.fetchWorkItem(asOwner('w2')), null, 'the reclaimed lease is valid again');
        });
        h.test('when the item lock expires but the session lease is valid, only the owner gets the item again', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-relock', [work('ses-relock', 2, 's1')]);
            const first = await p.fetchWorkItem(asOwner('w1', LONG_MS, SHORT_MS));
            assert.ok(first);
            await h.clock(t).advance(PAST_SHORT_MS);
            assert.equal(await p.fetchWorkItem(asOwner('w2')), null);
            const again = await p.fetchWorkItem(asOwner('w1'));
            assert.equal(idOf(again), 2);
            assert.equal(again?.attemptCount, 2);
        });
        h.test('when both the item lock and the session lease expire, another worker gets the item', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-redeliver', [work('ses-redeliver', 2, 's1')]);
            const first = await p.fetchWorkItem(asOwner('w1', SHORT_MS, SHORT_MS));
            assert.ok(first);
            await h.clock(t).advance(PAST_SHORT_MS);
            const redelivered = await p.fetchWorkItem(asOwner('w2'));
            assert.equal(idOf(redelivered), 2);
            assert.equal(redelivered?.attemptCount, 2);
            await rejectsPermanently(p.ackWorkItem(first.lockToken), first.lockToken);
        });
        h.test('an activity keeps its own lock and can be acked after its session lease expired or moved', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-keep', [work('ses-keep', 2, 's1'), work('ses-keep', 3, 's1')]);
            const running = await p.fetchWorkItem(asOwner('w1', SHORT_MS, LONG_MS));
            assert.ok(running);
            await h.clock(t).advance(PAST_SHORT_MS);
            assert.equal(idOf(await p.fetchWorkItem(asOwner('w2'))), 3, 'w2 took the session over');
            await p.ackWorkItem(running.lockToken, activityCompleted('ses-keep', 1, 2));
            const batch = await fetchFor(p, 'ses-keep');
            assert.deepEqual(batch.item.messages, [activityCompleted('ses-keep', 1, 2)]);
        });
        h.test('an abandoned session item is fetched again by its owner with a higher attempt count', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-abandon', [work('ses-abandon', 2, 's1')]);
            const first = await p.fetchWorkItem(asOwner('w1'));
            assert.ok(first);
            await p.abandonWorkItem(first.lockToken);
            assert.equal(await p.fetchWorkItem(asOwner('w2')), null, 'the session stays with w1');
            const again = await p.fetchWorkItem(asOwner('w1'));
            assert.equal(idOf(again), 2);
            assert.equal(again?.attemptCount, 2);
        });
        h.test('abandoning a session item with ignoreAttempt does not count the attempt', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-ignore', [work('ses-ignore', 2, 's1')]);
            const first = await p.fetchWorkItem(asOwner('w1'));
            assert.ok(first);
            await p.abandonWorkItem(first.lockToken, { ignoreAttempt: true });
            assert.equal((await p.fetchWorkItem(asOwner('w1')))?.attemptCount, 1);
        });
    });
    describe('sessions: lease renewal', () => {
        h.test('renewing an active session extends its lease past the original timeout', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-renew', [work('ses-renew', 2, 's1'), work('ses-renew', 3, 's1')]);
            assert.ok(await p.fetchWorkItem(asOwner('w1', SHORT_MS)));
            assert.equal(await p.renewSessionLocks(['w1'], 1_000, LONG_MS), 1);
            await h.clock(t).advance(PAST_SHORT_MS);
            assert.equal(await p.fetchWorkItem(asOwner('w2')), null, 'still held by w1');
        });
        h.test('renewal extends only the sessions of the given owners', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-renew-own', [
                work('ses-renew-own', 2, 's1'),
                work('ses-renew-own', 3, 's2'),
            ]);
            assert.ok(await p.fetchWorkItem(asOwner('w1', SHORT_MS)));
            assert.ok(await p.fetchWorkItem(asOwner('w2', SHORT_MS)));
            assert.equal(await p.renewSessionLocks(['w1', 'w3'], 1_000, LONG_MS), 1);
            assert.equal(await p.renewSessionLocks(['w1', 'w2'], 1_000, LONG_MS), 2);
        });
        h.test('renewal skips a session that has been idle longer than the idle timeout', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-idle', [work('ses-idle', 2, 's1')]);
            assert.ok(await p.fetchWorkItem(asOwner('w1')));
            await h.clock(t).advance(80);
            assert.equal(await p.renewSessionLocks(['w1'], 1_000, 40), 0);
            assert.equal(await p.renewSessionLocks(['w1'], 1_000, LONG_MS), 1);
        });
        h.test('renewal with no sessions or no owners extends nothing', async (t) => {
            const p = await h.provider(t);
            assert.equal(await p.renewSessionLocks(['w1'], 1_000, LONG_MS), 0);
            await schedule(p, 'ses-none', [work('ses-none', 2, 's1')]);
            assert.ok(await p.fetchWorkItem(asOwner('w1')));
            assert.equal(await p.renewSessionLocks([], 1_000, LONG_MS), 0);
        });
        h.test('renewal of an expired lease extends nothing', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-late', [work('ses-late', 2, 's1')]);
            assert.ok(await p.fetchWorkItem(asOwner('w1', SHORT_MS)));
            await h.clock(t).advance(PAST_SHORT_MS);
            assert.equal(await p.renewSessionLocks(['w1'], 1_000, LONG_MS), 0);
        });
        h.test('acking a session item counts as session activity', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-ack-act', [work('ses-ack-act', 2, 's1')]);
            const locked = await p.fetchWorkItem(asOwner('w1'));
            assert.ok(locked);
            await h.clock(t).advance(150);
            await p.ackWorkItem(locked.lockToken, activityCompleted('ses-ack-act', 1, 2));
            assert.equal(await p.renewSessionLocks(['w1'], 1_000, 100), 1, 'active thanks to the ack');
        });
        h.test('renewing a session item lock counts as session activity', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-renew-act', [work('ses-renew-act', 2, 's1')]);
            const locked = await p.fetchWorkItem(asOwner('w1'));
            assert.ok(locked);
            await h.clock(t).advance(150);
            assert.equal(await p.renewSessionLocks(['w1'], 1_000, 100), 0, 'idle without progress');
            await p.renewWorkItemLock(locked.lockToken, LONG_MS);
            assert.equal(await p.renewSessionLocks(['w1'], 1_000, 100), 1, 'active thanks to the renewal');
        });
    });
    describe('sessions: cleanup', () => {
        h.test('cleanup removes expired sessions that no item references', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-clean', [work('ses-clean', 2, 's1'), work('ses-clean', 3, 's2')]);
            for (const token of [
                (await p.fetchWorkItem(asOwner('w1', SHORT_MS)))?.lockToken,
                (await p.fetchWorkItem(asOwner('w1', SHORT_MS)))?.lockToken,
            ]) {
                assert.ok(token);
                await p.ackWorkItem(token);
            }
            await h.clock(t).advance(PAST_SHORT_MS);
            assert.equal(await p.cleanupOrphanedSessions(LONG_MS), 2);
            assert.equal(await p.cleanupOrphanedSessions(LONG_MS), 0);
        });
        h.test('cleanup keeps an expired session that still has queued items', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-clean-ref', [
                work('ses-clean-ref', 2, 's1'),
                work('ses-clean-ref', 3, 's1'),
            ]);
            const first = await p.fetchWorkItem(asOwner('w1', SHORT_MS));
            assert.ok(first);
            await p.ackWorkItem(first.lockToken);
            await h.clock(t).advance(PAST_SHORT_MS);
            assert.equal(await p.cleanupOrphanedSessions(LONG_MS), 0);
            assert.equal(idOf(await p.fetchWorkItem(asOwner('w2'))), 3);
        });
        h.test('cleanup keeps a session whose lease is still valid', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-clean-live', [work('ses-clean-live', 2, 's1')]);
            const first = await p.fetchWorkItem(asOwner('w1'));
            assert.ok(first);
            await p.ackWorkItem(first.lockToken);
            assert.equal(await p.cleanupOrphanedSessions(0), 0);
            await scheduleMore(p, 'ses-clean-live', [work('ses-clean-live', 3, 's1')]);
            assert.equal(await p.fetchWorkItem(asOwner('w2')), null, 'w1 still holds s1');
        });
        h.test('a new item for a cleaned-up session is claimed afresh by any worker', async (t) => {
            const p = await h.provider(t);
            await schedule(p, 'ses-recreate', [work('ses-recreate', 2, 's1')]);
            const first = await p.fetchWorkItem(asOwner('w1', SHORT_MS));
            assert.ok(first);
            await p.ackWorkItem(first.lockToken);
            await h.clock(t).advance(PAST_SHORT_MS);
            assert.equal(await p.cleanupOrphanedSessions(LONG_MS), 1);
            await scheduleMore(p, 'ses-recreate', [work('ses-recreate', 3, 's1')]);
            assert.equal(idOf(await p.fetchWorkItem(asOwner('w2'))), 3);
            assert.equal(await p.renewSessionLocks(['w2'], 1_000, LONG_MS), 1, 'the claim created a fresh lease');
        });
    });
}
//# sourceMappingURL=session-cases.js.map