/**
 * Wakes idle dispatcher loops: immediately when this process enqueues work, at the exact
 * visibility time of a known timer, or after an idle backoff (DESIGN.md "Providers").
 * @module
 */

export class Waker {
  #waiters: (() => void)[] = [];
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Number.POSITIVE_INFINITY;
  #pending = false;

  /**
   * Wakes ONE waiting loop (the longest waiting); a wake with nobody waiting is remembered
   * once. One signal usually means one new item, so waking every idle slot would make all but
   * one of them fetch nothing; a slot that does find work calls `wake()` again, so a burst still
   * spreads over the slots.
   */
  wake(): void {
    const waiter = this.#waiters.shift();
    if (waiter === undefined) {
      this.#pending = true;
      return;
    }
    waiter();
  }

  /** Wakes every waiting loop (shutdown). */
  wakeAll(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  /** Wakes loops at `at` (epoch ms); keeps only the earliest pending time. */
  wakeAt(at: number): void {
    const delay = at - Date.now();
    if (delay <= 0) {
      this.wake();
      return;
    }
    if (at >= this.#timerAt) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#timerAt = Number.POSITIVE_INFINITY;
      this.wake();
    }, delay);
    this.#timer.unref();
  }

  /** Resolves on the next wake (true) or after `timeoutMs` (false). */
  wait(timeoutMs: number): Promise<boolean> {
    if (this.#pending) {
      this.#pending = false;
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      let done = false;
      const finish = (woken: boolean): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(woken);
      };
      const wake = (): void => finish(true);
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== wake);
        finish(false);
      }, Math.max(0, timeoutMs));
      this.#waiters.push(wake);
    });
  }

  close(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = true;
    this.wakeAll();
  }
}
