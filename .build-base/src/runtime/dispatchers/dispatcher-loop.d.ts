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
export declare class DispatcherLoop<T> {
    #private;
    constructor(opts: DispatcherLoopOptions<T>);
    start(): void;
    /** Asks the slots to stop after their current item; resolves when all have stopped. */
    stop(): Promise<void>;
    get isStopping(): boolean;
}
