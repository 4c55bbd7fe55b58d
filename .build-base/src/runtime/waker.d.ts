/**
 * Wakes idle dispatcher loops: immediately when this process enqueues work, at the exact
 * visibility time of a known timer, or after an idle backoff.
 * @module
 */
/** A delay `setTimeout` accepts as is: 0 to {@link MAX_TIMER_DELAY_MS}. */
export declare function timerDelay(ms: number): number;
export declare class Waker {
    #private;
    /**
     * Wakes ONE waiting loop (the longest waiting); a wake with nobody waiting is remembered
     * once. One signal usually means one new item, so waking every idle slot would make all but
     * one of them fetch nothing; a slot that does find work calls `wake()` again, so a burst still
     * spreads over the slots.
     */
    wake(): void;
    /** Wakes every waiting loop (shutdown). */
    wakeAll(): void;
    /**
     * Wakes a loop at `at` (epoch ms). Every pending time is kept (up to {@link MAX_TIMES}, the
     * earliest), so timers due at different moments each wake a loop on time.
     */
    wakeAt(at: number): void;
    /** Resolves on the next wake (true) or after `timeoutMs` (false). */
    wait(timeoutMs: number): Promise<boolean>;
    close(): void;
}
