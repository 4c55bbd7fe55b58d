/**
 * Worker-slot accounting: at most `capacity` activities are fetched-and-running or
 * run-locally-and-not-yet-committed at once (`workerConcurrency`, a hard cap). Fetched and
 * local activities share the slots; a slot is reserved before the work starts and released
 * once its result is committed, so at most `capacity` finished-or-running activities are lost
 * to a crash.
 * @module
 */
export declare class WorkerSlots {
    #private;
    /** @param onFreed called once at the next release after {@link markStarved} */
    constructor(capacity: number, onFreed?: () => void);
    get capacity(): number;
    /** Slots reserved and not yet released. */
    get inFlight(): number;
    get hasFree(): boolean;
    /** Reserves one slot if one is free. */
    tryReserve(): boolean;
    /** Reserves as many of `count` slots as are free; returns how many it reserved. */
    reserveUpTo(count: number): number;
    /**
     * Gives back `count` reserved slots. Never goes below zero: a release without a reservation
     * is ignored rather than lifting the cap.
     */
    release(count?: number): void;
    /** A fetch was skipped for lack of a slot: wake it (`onFreed`) when one is released. */
    markStarved(): void;
}
