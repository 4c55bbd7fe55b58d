/** Drives a generator orchestration to its return value. */
export declare function driveGenerator(gen: Generator<unknown, unknown, unknown>): Promise<unknown>;
/** True for what a generator function returns. */
export declare function isGenerator(value: unknown): value is Generator<unknown, unknown, unknown>;
