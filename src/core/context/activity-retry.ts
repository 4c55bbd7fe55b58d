/**
 * Activity retry: `ctx.scheduleActivityWithRetry` as ordinary orchestration code —
 * each attempt is an activity, each per-attempt timeout a race with a durable timer, each
 * backoff wait a durable timer — so a crash between attempts resumes from history.
 * @module
 */
import { ActivityFailedError, InvalidInputError } from '../errors/duroxide-error.js';
import { DurableTask, settleTask } from '../replay/durable-task.js';
import { describeValue, requireDurationMs } from '../validation/arguments.js';
import type { RaceResult } from './task-combinators.js';

/** Backoff between retry attempts. `n` below is the number of failures so far. */
export type BackoffPolicy =
  | 'exponential'
  | 'linear'
  | 'fixed'
  | 'none'
  | {
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

const BACKOFF_KINDS: readonly string[] = ['exponential', 'linear', 'fixed', 'none'];

function resolveBackoff(b: BackoffPolicy | undefined): ResolvedBackoff {
  const kind =
    b === undefined
      ? 'exponential'
      : typeof b === 'string'
        ? b
        : (b as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !BACKOFF_KINDS.includes(kind)) {
    throw new InvalidInputError(
      `backoff must be 'exponential', 'linear', 'fixed', 'none' or { kind, baseMs?, multiplier?, maxMs? }, got ${JSON.stringify(b)}`,
    );
  }
  const k = kind as ResolvedBackoff['kind'];
  const o = typeof b === 'object' ? b : undefined;
  let multiplier = 2;
  if (o?.multiplier !== undefined) {
    if (typeof o.multiplier !== 'number' || !Number.isFinite(o.multiplier) || o.multiplier <= 0) {
      throw new InvalidInputError(
        `backoff.multiplier must be a positive number, got ${describeValue(o.multiplier)}`,
      );
    }
    multiplier = o.multiplier;
  }
  return {
    kind: k,
    baseMs:
      o?.baseMs === undefined
        ? k === 'fixed'
          ? 1000
          : 100
        : requireDurationMs(o.baseMs, 'backoff.baseMs'),
    multiplier,
    maxMs: o?.maxMs === undefined ? 30_000 : requireDurationMs(o.maxMs, 'backoff.maxMs'),
  };
}

/** Delay after the `failures`-th failure. */
function backoffDelayMs(b: ResolvedBackoff, failures: number): number {
  switch (b.kind) {
    case 'none':
      return 0;
    case 'fixed':
      return b.baseMs;
    case 'linear':
      return Math.min(b.baseMs * failures, b.maxMs);
    case 'exponential':
      return Math.min(b.baseMs * b.multiplier ** Math.max(failures - 1, 0), b.maxMs);
  }
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
export function checkRetryPolicy(retry: unknown): CheckedRetryPolicy {
  if (typeof retry !== 'object' || retry === null)
    throw new InvalidInputError('retry policy must be an object like { maxAttempts: 3 }');
  const r = retry as RetryPolicy;
  if (!Number.isInteger(r.maxAttempts) || r.maxAttempts < 1) {
    throw new InvalidInputError(
      `retry.maxAttempts must be an integer >= 1, got ${String(r.maxAttempts)}`,
    );
  }
  return {
    maxAttempts: r.maxAttempts,
    timeoutMs:
      r.timeoutMs === undefined
        ? undefined
        : requireDurationMs(r.timeoutMs, 'retry.timeoutMs', false),
    totalTimeoutMs:
      r.totalTimeoutMs === undefined
        ? undefined
        : requireDurationMs(r.totalTimeoutMs, 'retry.totalTimeoutMs', false),
    backoff: resolveBackoff(r.backoff),
    retryOnTimeout: r.retryOnTimeout === true,
  };
}

/** The context calls a retry loop makes; all of them are recorded in history. (Not part of the public API.) */
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
export function scheduleWithRetry<T>(
  host: RetryHost,
  name: string,
  input: unknown,
  policy: CheckedRetryPolicy,
  sessionId: string | undefined,
): DurableTask<T> {
  const { maxAttempts, timeoutMs, totalTimeoutMs: totalMs, backoff } = policy;
  const current: DurableTask<unknown>[] = [];
  const composite = new DurableTask<T>('retry', current);
  host.track(composite);
  const timeout = (ms: number, attempt: number, total: boolean): ActivityFailedError => {
    const message = total
      ? `timeout: activity '${name}' did not succeed within its total timeout of ${ms} ms (attempt ${attempt} of ${maxAttempts})`
      : `timeout: activity '${name}' timed out after ${ms} ms (attempt ${attempt} of ${maxAttempts})`;
    return new ActivityFailedError(
      message,
      { category: 'application', kind: 'Timeout', message, retryable: false },
      { activityName: name },
    );
  };
  const run = async (): Promise<T> => {
    const start = totalMs === undefined ? 0 : await host.utcNow();
    let last: unknown;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      let budget = timeoutMs;
      let remaining = Number.POSITIVE_INFINITY;
      if (totalMs !== undefined) {
        remaining = totalMs - ((await host.utcNow()) - start);
        if (remaining <= 0) throw timeout(totalMs, attempt, true);
        budget = budget === undefined ? remaining : Math.min(budget, remaining);
      }
      const activity = host.scheduleActivity<T>(name, input, sessionId);
      current.splice(0, current.length, activity as DurableTask<unknown>);
      let timedOut: { error: ActivityFailedError; retryable: boolean } | undefined;
      try {
        if (budget === undefined) return await activity;
        const timer = host.scheduleTimer(budget);
        current.push(timer);
        const r = await host.race(activity, timer);
        if (r.index === 0) return r.value as T;
        // The timer won; the race cancelled the activity.
        const byTotal = budget !== timeoutMs;
        timedOut = {
          error: timeout(byTotal ? totalMs! : budget, attempt, byTotal),
          retryable: !byTotal && policy.retryOnTimeout,
        };
      } catch (e) {
        last = e;
      }
      if (timedOut !== undefined) {
        if (!timedOut.retryable) throw timedOut.error;
        last = timedOut.error;
      }
      if (attempt < maxAttempts) {
        const delay = Math.min(backoffDelayMs(backoff, attempt), Math.max(remaining - 1, 0));
        host.traceWarn(
          `activity '${name}' attempt ${attempt} of ${maxAttempts} failed: ${last instanceof Error ? last.message : String(last)}; retrying in ${delay} ms`,
        );
        if (delay > 0) {
          const wait = host.scheduleTimer(delay);
          current.splice(0, current.length, wait);
          await wait;
        }
      }
    }
    throw last;
  };
  run().then(
    (value) => settleTask(composite, { ok: true, value }),
    (error: unknown) => settleTask(composite, { ok: false, error }),
  );
  return composite;
}
