/**
 * Activity retry: `ctx.scheduleActivityWithRetry` as ordinary orchestration code —
 * each attempt is an activity, each per-attempt timeout a race with a durable timer, each
 * backoff wait a durable timer — so a crash between attempts resumes from history.
 * @module
 */
import { ActivityFailedError, InvalidInputError } from '../errors/duroxide-error.js';
import { DurableTask } from '../replay/durable-task.js';
import { describeValue, requireDurationMs } from '../validation/arguments.js';
const BACKOFF_KINDS = ['exponential', 'linear', 'fixed', 'none'];
function resolveBackoff(b) {
    const kind = b === undefined
        ? 'exponential'
        : typeof b === 'string'
            ? b
            : b?.kind;
    if (typeof kind !== 'string' || !BACKOFF_KINDS.includes(kind)) {
        throw new InvalidInputError(`backoff must be 'exponential', 'linear', 'fixed', 'none' or { kind, baseMs?, multiplier?, maxMs? }, got ${JSON.stringify(b)}`);
    }
    const k = kind;
    const o = typeof b === 'object' ? b : undefined;
    let multiplier = 2;
    if (o?.multiplier !== undefined) {
        if (typeof o.multiplier !== 'number' || !Number.isFinite(o.multiplier) || o.multiplier <= 0) {
            throw new InvalidInputError(`backoff.multiplier must be a positive number, got ${describeValue(o.multiplier)}`);
        }
        multiplier = o.multiplier;
    }
    return {
        kind: k,
        baseMs: o?.baseMs === undefined
            ? k === 'fixed'
                ? 1000
                : 100
            : requireDurationMs(o.baseMs, 'backoff.baseMs'),
        multiplier,
        maxMs: o?.maxMs === undefined ? 30_000 : requireDurationMs(o.maxMs, 'backoff.maxMs'),
    };
}
/** Delay after the `failures`-th failure. */
function backoffDelayMs(b, failures) {
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
/** Validates a retry policy at the call site, so a mistake throws where it was made. */
export function checkRetryPolicy(retry) {
    if (typeof retry !== 'object' || retry === null)
        throw new InvalidInputError('retry policy must be an object like { maxAttempts: 3 }');
    const r = retry;
    if (!Number.isInteger(r.maxAttempts) || r.maxAttempts < 1) {
        throw new InvalidInputError(`retry.maxAttempts must be an integer >= 1, got ${String(r.maxAttempts)}`);
    }
    return {
        maxAttempts: r.maxAttempts,
        timeoutMs: r.timeoutMs === undefined
            ? undefined
            : requireDurationMs(r.timeoutMs, 'retry.timeoutMs', false),
        totalTimeoutMs: r.totalTimeoutMs === undefined
            ? undefined
            : requireDurationMs(r.totalTimeoutMs, 'retry.totalTimeoutMs', false),
        backoff: resolveBackoff(r.backoff),
        retryOnTimeout: r.retryOnTimeout === true,
    };
}
/**
 * Runs the attempts of `name` as one composite task. The composite's children are the tasks in
 * flight (attempt and its timer, or the backoff timer), so cancelling it cancels them.
 */
export function scheduleWithRetry(host, name, input, policy, sessionId) {
    const { maxAttempts, timeoutMs, totalTimeoutMs: totalMs, backoff } = policy;
    const current = [];
    const composite = new DurableTask('retry', current);
    host.track(composite);
    const timeout = (ms, attempt, total) => {
        const message = total
            ? `timeout: activity '${name}' did not succeed within its total timeout of ${ms} ms (attempt ${attempt} of ${maxAttempts})`
            : `timeout: activity '${name}' timed out after ${ms} ms (attempt ${attempt} of ${maxAttempts})`;
        return new ActivityFailedError(message, { category: 'application', kind: 'Timeout', message, retryable: false }, { activityName: name });
    };
    const run = async () => {
        const start = totalMs === undefined ? 0 : await host.utcNow();
        let last;
        for (let attempt = 1; attempt <= maxAttempts; attempt++) {
            let budget = timeoutMs;
            let remaining = Number.POSITIVE_INFINITY;
            if (totalMs !== undefined) {
                remaining = totalMs - ((await host.utcNow()) - start);
                if (remaining <= 0)
                    throw timeout(totalMs, attempt, true);
                budget = budget === undefined ? remaining : Math.min(budget, remaining);
            }
            const activity = host.scheduleActivity(name, input, sessionId);
            current.splice(0, current.length, activity);
            let timedOut;
            try {
                if (budget === undefined)
                    return await activity;
                const timer = host.scheduleTimer(budget);
                current.push(timer);
                const r = await host.race(activity, timer);
                if (r.index === 0)
                    return r.value;
                // The timer won; the race cancelled the activity.
                const byTotal = budget !== timeoutMs;
                timedOut = {
                    error: timeout(byTotal ? totalMs : budget, attempt, byTotal),
                    retryable: !byTotal && policy.retryOnTimeout,
                };
            }
            catch (e) {
                last = e;
            }
            if (timedOut !== undefined) {
                if (!timedOut.retryable)
                    throw timedOut.error;
                last = timedOut.error;
            }
            if (attempt < maxAttempts) {
                const delay = Math.min(backoffDelayMs(backoff, attempt), Math.max(remaining - 1, 0));
                host.traceWarn(`activity '${name}' attempt ${attempt} of ${maxAttempts} failed: ${last instanceof Error ? last.message : String(last)}; retrying in ${delay} ms`);
                if (delay > 0) {
                    const wait = host.scheduleTimer(delay);
                    current.splice(0, current.length, wait);
                    await wait;
                }
            }
        }
        throw last;
    };
    run().then((value) => composite.settle({ ok: true, value }), (error) => composite.settle({ ok: false, error }));
    return composite;
}
//# sourceMappingURL=activity-retry.js.map