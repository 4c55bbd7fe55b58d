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

  /** Wakes every waiting loop now. A wake with nobody waiting is remembered once. */
  wake(): void {
    const waiters = this.#waiters;
    if (waiters.length === 0) {
      this.#pending = true;
      return;
    }
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

  /** Resolves on the next wake or after `timeoutMs`. */
  wait(timeoutMs: number): Promise<void> {
    if (this.#pending) {
      this.#pending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== finish);
        finish();
      }, Math.max(0, timeoutMs));
      this.#waiters.push(finish);
    });
  }

  close(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.wake();
  }
}
