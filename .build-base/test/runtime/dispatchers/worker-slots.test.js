import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WorkerSlots } from '../../../src/runtime/dispatchers/worker-slots.js';
describe('worker slots', () => {
    test('reserves up to the capacity and no further', () => {
        const slots = new WorkerSlots(2);
        assert.equal(slots.tryReserve(), true);
        assert.equal(slots.tryReserve(), true);
        assert.equal(slots.tryReserve(), false);
        assert.equal(slots.inFlight, 2);
        assert.equal(slots.hasFree, false);
    });
    test('reserveUpTo grants only the free slots', () => {
        const slots = new WorkerSlots(3);
        slots.tryReserve();
        assert.equal(slots.reserveUpTo(5), 2);
        assert.equal(slots.inFlight, 3);
        assert.equal(slots.reserveUpTo(1), 0);
    });
    test('release frees slots for new reservations', () => {
        const slots = new WorkerSlots(2);
        slots.reserveUpTo(2);
        slots.release(2);
        assert.equal(slots.inFlight, 0);
        assert.equal(slots.reserveUpTo(3), 2);
    });
    test('releasing more than was reserved never lifts the cap', () => {
        const slots = new WorkerSlots(1);
        slots.tryReserve();
        slots.release(3);
        assert.equal(slots.inFlight, 0);
        assert.equal(slots.reserveUpTo(4), 1, 'still one slot at most');
    });
    test('releasing zero or a negative count changes nothing', () => {
        const slots = new WorkerSlots(2);
        slots.tryReserve();
        slots.release(0);
        slots.release(-1);
        assert.equal(slots.inFlight, 1);
    });
    test('a starved fetch is woken once, at the next release', () => {
        let woken = 0;
        const slots = new WorkerSlots(1, () => woken++);
        slots.tryReserve();
        slots.release();
        assert.equal(woken, 0, 'nobody was waiting');
        slots.tryReserve();
        slots.markStarved();
        slots.release();
        slots.tryReserve();
        slots.release();
        assert.equal(woken, 1);
    });
});
//# sourceMappingURL=worker-slots.test.js.map