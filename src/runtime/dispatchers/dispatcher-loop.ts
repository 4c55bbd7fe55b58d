/**
 * A pool of dispatcher slots: each slot fetches one item, processes it, and repeats until the
 * runtime shuts down. Idle slots sleep on a {@link Waker} with an exponential backoff capped at
 * the poll interval, and never longer than the next known visibility time (timers).
 * @module
 */
import type { Logger } from '../logger.js';
import type { Waker } from '../waker.js';

export interface DispatcherLoopOptions<T> {
  readonly name: string;
  readonly slots: number;
  readonly waker: Waker;
  readonly maxIdleMs: number;
  readonly logger: Logger;
  readonly fetch: (slot: number) => Promise<T | null>;
  readonly process: (item: T, slot: number) => Promise<void>;
  /** Earliest time new work becomes visible, if known (e.g. the next timer). */
  readonly nextVisibleAt?: () => Promise<number | null>;
  /** The clock `nextVisibleAt` is in (the runtime clock); default real time. */
  readonly now?: () => number;
  readonly onFetchError?: (error: unknown) => void;
  /**
   * The provider also signals commits of other processes (PostgreSQL LISTEN/NOTIFY, with a
   * catch-up signal after a reconnect), so idle polling is only a safety net: every
   * {@link SAFETY_NET_POLL_MS} at least instead of backing off from a few milliseconds (which,
   * with many slots, floods a networked database), and `nextVisibleAt` is asked only after such
   * a poll (timers committed anywhere are signalled with their due time).
   */
  readonly signalsAcrossProcesses?: boolean;
}

const FIRST_IDLE_MS = 2;
/** Idle poll interval (at least) when every commit is signalled. */
const SAFETY_NET_POLL_MS = 1000;

export class DispatcherLoop<T> {
  readonly #opts: DispatcherLoopOptions<T>;
  #running: Promise<void>[] = [];
  #stopping = false;

  constructor(opts: DispatcherLoopOptions<T>) {
    this.#opts = opts;
  }

  start(): void {
    this.#stopping = false;
    for (let slot = 0; slot < this.#opts.slots; slot++) this.#running.push(this.#run(slot));
  }

  /** Asks the slots to stop after their current item; resolves when all have stopped. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#opts.waker.close();
    await Promise.all(this.#running);
    this.#running = [];
  }

  get isStopping(): boolean {
    return this.#stopping;
  }

  async #run(slot: number): Promise<void> {
    const { waker, maxIdleMs, logger, name } = this.#opts;
    const signalled = this.#opts.signalsAcrossProcesses === true;
    const idleCapMs = signalled ? Math.max(maxIdleMs, SAFETY_NET_POLL_MS) : maxIdleMs;
    const firstIdleMs = signalled ? idleCapMs : FIRST_IDLE_MS;
    let idleMs = firstIdleMs;
    let errors = 0;
    /** Whether the last idle wait ended by timeout (a poll) rather than a signal. */
    let polled = true;
    while (!this.#stopping) {
      let item: T | null;
      try {
        item = await this.#opts.fetch(slot);
        errors = 0;
      } catch (error) {
        errors++;
        this.#opts.onFetchError?.(error);
        const backoff = Math.min(100 * 2 ** Math.min(errors - 1, 5), 3000);
        logger.warn('duroxide::runtime', `${name} fetch failed; retrying in ${backoff} ms`, {
          error: String(error),
        });
        await waker.wait(backoff);
        continue;
      }
      if (this.#stopping) {
        // Fetched just as we stopped: the lock expires and another node (or restart) takes it.
        if (item !== null) await this.#opts.process(item, slot).catch(() => undefined);
        break;
      }
      if (item === null) {
        let sleep = Math.min(idleMs, idleCapMs);
        idleMs = Math.min(idleMs * 2, idleCapMs);
        if (this.#opts.nextVisibleAt !== undefined && (!signalled || polled)) {
          try {
            const next = await this.#opts.nextVisibleAt();
            if (next !== null) {
              const now = this.#opts.now?.() ?? Date.now();
              sleep = Math.min(sleep, Math.max(0, next - now));
            }
          } catch {
            // best effort; the poll interval still bounds the sleep
          }
        }
        polled = !(await waker.wait(sleep));
        continue;
      }
      idleMs = firstIdleMs;
      // There may be more: let one idle sibling look too (it passes the wake on if it finds work).
      if (this.#opts.slots > 1) waker.wake();
      try {
        await this.#opts.process(item, slot);
      } catch (error) {
        logger.error('duroxide::runtime', `${name} failed to process an item`, {
          error: String(error),
        });
      }
    }
  }
}
