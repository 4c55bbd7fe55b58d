/**
 * Wakes idle dispatcher loops: immediately when this process enqueues work, at the exact
 * visibility time of a known timer, or after an idle backoff.
 * @module
 */
/**
 * Node's timers hold at most 2^31 − 1 ms (about 24.8 days); a longer delay fires after 1 ms
 * with a TimeoutOverflowWarning. Longer waits are cut to that: the timer fires early, finds
 * nothing due and re-arms.
 */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;
/** A delay `setTimeout` accepts as is: 0 to {@link MAX_TIMER_DELAY_MS}. */
export function timerDelay(ms) {
    return Math.min(Math.max(0, ms), MAX_TIMER_DELAY_MS);
}
/** Most pending wake times kept; later ones are left to the idle poll. */
const MAX_TIMES = 10_000;
export class Waker {
    #waiters = [];
    #timer;
    /** Pending wake times, ascending. */
    #times = [];
    #pending = false;
    /**
     * Wakes ONE waiting loop (the longest waiting); a wake with nobody waiting is remembered
     * once. One signal usually means one new item, so waking every idle slot would make all but
     * one of them fetch nothing; a slot that does find work calls `wake()` again, so a burst still
     * spreads over the slots.
     */
    wake() {
        const waiter = this.#waiters.shift();
        if (waiter === undefined) {
            this.#pending = true;
            return;
        }
        waiter();
    }
    /** Wakes every waiting loop (shutdown). */
    wakeAll() {
        const waiters = this.#waiters;
        this.#waiters = [];
        for (const w of waiters)
            w();
    }
    /**
     * Wakes a loop at `at` (epoch ms). Every pending time is kept (up to {@link MAX_TIMES}, the
     * earliest), so timers due at different moments each wake a loop on time.
     */
    wakeAt(at) {
        if (at - Date.now() <= 0) {
            this.wake();
            return;
        }
        const times = this.#times;
        // Sorted insert; times within a millisecond of a pending one share its wake.
        let lo = 0;
        let hi = times.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (times[mid] < at)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (Math.abs((times[lo] ?? Number.POSITIVE_INFINITY) - at) < 1 ||
            Math.abs((times[lo - 1] ?? Number.NEGATIVE_INFINITY) - at) < 1)
            return;
        if (lo >= MAX_TIMES)
            return; // far in the future: the idle poll covers it
        times.splice(lo, 0, at);
        if (times.length > MAX_TIMES)
            times.pop();
        if (lo === 0)
            this.#arm();
    }
    /** Arms the timer for the earliest pending time. */
    #arm() {
        if (this.#timer !== undefined)
            clearTimeout(this.#timer);
        this.#timer = undefined;
        const next = this.#times[0];
        if (next === undefined)
            return;
        this.#timer = setTimeout(() => {
            this.#timer = undefined;
            const now = Date.now();
            while (this.#times.length > 0 && this.#times[0] <= now) {
                this.#times.shift();
                this.wake();
            }
            this.#arm();
        }, timerDelay(next - Date.now()));
        this.#timer.unref();
    }
    /** Resolves on the next wake (true) or after `timeoutMs` (false). */
    wait(timeoutMs) {
        if (this.#pending) {
            this.#pending = false;
            return Promise.resolve(true);
        }
        return new Promise((resolve) => {
            let done = false;
            const finish = (woken) => {
                if (done)
                    return;
                done = true;
                clearTimeout(timer);
                resolve(woken);
            };
            const wake = () => finish(true);
            const timer = setTimeout(() => {
                this.#waiters = this.#waiters.filter((w) => w !== wake);
                finish(false);
            }, timerDelay(timeoutMs));
            this.#waiters.push(wake);
        });
    }
    close() {
        if (this.#timer !== undefined)
            clearTimeout(this.#timer);
        this.#timer = undefined;
        this.#times = [];
        this.#pending = true;
        this.wakeAll();
    }
}
//# sourceMappingURL=waker.js.map