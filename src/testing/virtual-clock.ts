/**
 * `VirtualClock`: the test environment's time. It runs at the speed of real time plus an offset
 * that only grows, and the offset jumps only while no work is due or in flight (the
 * environment checks that), so lock expiry, renewals and other safety intervals see the same
 * durations as in production while a 30-day timer is reached at once.
 * @module
 */
import type { RuntimeClock } from '../runtime/runtime-clock.js';

export class VirtualClock implements RuntimeClock {
  #offsetMs: number;
  readonly #listeners = new Set<() => void>();

  /** @param startAt virtual now at creation (epoch ms); default the real now */
  constructor(startAt: number = Date.now()) {
    this.#offsetMs = startAt - Date.now();
  }

  now(): number {
    return Date.now() + this.#offsetMs;
  }

  /** Total virtual time skipped so far, in ms. */
  get skippedMs(): number {
    return this.#offsetMs;
  }

  /** Moves now forward to `at` (a time not after now is a no-op) and tells the runtime. */
  jumpTo(at: number): void {
    const by = at - this.now();
    if (by <= 0) return;
    this.#offsetMs += by;
    for (const listener of this.#listeners) listener();
  }

  onJump(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
