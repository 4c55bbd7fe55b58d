/**
 * `eventually`: the one polling wait of the test suite, for conditions another process, another
 * runtime or a background loop makes true. Tests wait for a state, never for a length of time.
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
/**
 * Calls `check` until it returns a value other than `undefined` or `false`, and returns that
 * value. Throws, naming `what`, when `timeoutMs` passes first; an error thrown by `check`
 * fails the wait at once.
 * @example
 * const info = await eventually('the instance to continue as new', async () => {
 *   const i = await client.getInstanceInfo(id);
 *   return i.currentExecutionId > 1 ? i : undefined;
 * });
 */
export async function eventually(what, check, options = {}) {
    const { timeoutMs = 10_000, intervalMs = 10 } = options;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await check();
        if (value !== undefined && value !== false)
            return value;
        if (Date.now() > deadline)
            throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await sleep(intervalMs);
    }
}
//# sourceMappingURL=eventually.js.map