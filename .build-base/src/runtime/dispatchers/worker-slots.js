/**
 * Worker-slot accounting: at most `capacity` activities are fetched-and-running or
 * run-locally-and-not-yet-committed at once (`workerConcurrency`, a hard cap). Fetched and
 * local activities share the slots; a slot is reserved before the work starts and released
 * once its result is committed, so at most `capacity` finished-or-running activities are lost
 * to a crash.
 * @module
 */
export class WorkerSlots {
    #capacity;
    #onFreed;
    #inFlight = 0;
    /** Someone found no free slot and wants to hear when one frees up. */
    #starved = false;
    /** @param onFreed called once at the next release after {@link markStarved} */
    constructor(capacity, onFreed) {
        this.#capacity = capacity;
        this.#onFreed = onFreed;
    }
    get capacity() {
        return this.#capacity;
    }
    /** Slots reserved and not yet released. */
    get inFlight() {
        return this.#inFlight;
    }
    get hasFree() {
        return this.#inFlight < this.#capacity;
    }
    /** Reserves one slot if one is free. */
    tryReserve() {
        return this.reserveUpTo(1) === 1;
    }
    /** Reserves as many of `count` slots as are free; returns how many it reserved. */
    reserveUpTo(count) {
        const granted = Math.max(0, Math.min(count, this.#capacity - this.#inFlight));
        this.#inFlight += granted;
        return granted;
    }
    /**
     * Gives back `count` reserved slots. Never goes below zero: a release without a reservation
     * is ignored rather than lifting the cap.
     */
    release(count = 1) {
        if (count <= 0)
            return;
        this.#inFlight = Math.max(0, this.#inFlight - count);
        if (this.#starved) {
            this.#starved = false;
            this.#onFreed?.();
        }
    }
    /** A fetch was skipped for lack of a slot: wake it (`onFreed`) when one is released. */
    markStarved() {
        this.#starved = true;
    }
}
//# sourceMappingURL=worker-slots.js.map