export interface EventuallyOptions {
    /** Give up after this long (default 10 s): the failure then names what was awaited. */
    readonly timeoutMs?: number;
    /** Pause between two checks (default 10 ms). */
    readonly intervalMs?: number;
}
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
export declare function eventually<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, options?: EventuallyOptions): Promise<T>;
