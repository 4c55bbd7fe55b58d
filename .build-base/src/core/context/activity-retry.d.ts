import { DurableTask } from '../replay/durable-task.js';
import type { RaceResult } from './task-combinators.js';
/** Backoff between retry attempts. `n` below is the number of failures so far. */
export type BackoffPolicy = 'exponential' | 'linear' | 'fixed' | 'none' | {
    /** `exponential`: min(base × multiplier^(n−1), max); `linear`: min(base × n, max); `fixed`: base. */
    readonly kind: 'exponential' | 'linear' | 'fixed' | 'none';
    readonly baseMs?: number;
    readonly multiplier?: number;
    readonly maxMs?: number;
};
/** Retry policy of `OrchestrationContext.scheduleActivityWithRetry`. */
export interface RetryPolicy {
    /** Attempts in total, at least 1. */
    readonly maxAttempts: number;
    /** Per-attempt timeout. A timed-out attempt is cancelled and, unless `retryOnTimeout`, not retried. */
    readonly timeoutMs?: number;
    /** Deadline for all attempts together, backoff included. */
    readonly totalTimeoutMs?: number;
    /** Default `'exponential'` (100 ms, ×2, at most 30 s). `'fixed'` waits 1 s; `'linear'` 100 ms × n. */
    readonly backoff?: BackoffPolicy;
    /** Retry attempts that timed out too. Default false. */
    readonly retryOnTimeout?: boolean;
}
/** A backoff policy with its defaults filled in. */
interface ResolvedBackoff {
    readonly kind: 'exponential' | 'linear' | 'fixed' | 'none';
    readonly baseMs: number;
    readonly multiplier: number;
    readonly maxMs: number;
}
/** A retry policy checked, with its backoff resolved. */
export interface CheckedRetryPolicy {
    readonly maxAttempts: number;
    readonly timeoutMs: number | undefined;
    readonly totalTimeoutMs: number | undefined;
    readonly backoff: ResolvedBackoff;
    readonly retryOnTimeout: boolean;
}
/** Validates a retry policy at the call site, so a mistake throws where it was made. */
export declare function checkRetryPolicy(retry: unknown): CheckedRetryPolicy;
/** The context calls a retry loop makes; all of them are recorded in history. @internal */
export interface RetryHost {
    scheduleActivity<T>(name: string, input: unknown, sessionId: string | undefined): DurableTask<T>;
    scheduleTimer(delayMs: number): DurableTask<null>;
    race(a: DurableTask<unknown>, b: DurableTask<unknown>): DurableTask<RaceResult<unknown>>;
    utcNow(): DurableTask<number>;
    traceWarn(message: string): void;
    track(task: DurableTask<unknown>): void;
}
/**
 * Runs the attempts of `name` as one composite task. The composite's children are the tasks in
 * flight (attempt and its timer, or the backoff timer), so cancelling it cancels them.
 */
export declare function scheduleWithRetry<T>(host: RetryHost, name: string, input: unknown, policy: CheckedRetryPolicy, sessionId: string | undefined): DurableTask<T>;
export {};
