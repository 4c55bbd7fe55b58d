/**
 * The clock a runtime reads everything an orchestration observes from: `ctx.utcNow()`, timer
 * fire times, event timestamps, and when the next timer is due. Lock renewal, idle polling and
 * other safety intervals keep running on real timers; only the test kit's virtual clock
 * (`duroxide-ts/testing`) replaces this one, and it hands the provider the same `now`.
 * @module
 */

export interface RuntimeClock {
  /** Now, in epoch ms. */
  now(): number;
  /**
   * Calls `listener` each time the clock jumps forward (a test advancing virtual time), so
   * sleeping dispatchers look for newly due timers at once. Returns the unsubscribe function.
   */
  onJump?(listener: () => void): () => void;
}

/** Real time. */
export const SYSTEM_CLOCK: RuntimeClock = { now: () => Date.now() };
