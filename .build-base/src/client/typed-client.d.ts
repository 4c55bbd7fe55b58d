import type { OrchestrationStatus } from './types.js';
/** The output of a finished instance; throws `OrchestrationFailedError` for a Failed one. */
export declare function waitForOutput<T>(instanceId: string, status: OrchestrationStatus<T>): T;
/** Total size of stored KV values (JSON text) as duroxide-node counts it (see `kvValueSize`). */
export declare function kvValueBytes(values: ReadonlyMap<string, string>): number;
