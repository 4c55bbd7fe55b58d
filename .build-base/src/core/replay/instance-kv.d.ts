import { type Limits } from '../limits.js';
import type { ExecutionScope } from './execution-scope.js';
/** One KV entry as the orchestration sees it. */
export interface KvEntry {
    readonly value: string;
    readonly lastUpdatedAt: number;
}
/**
 * Size of a value (JSON text) against the KV limit, as duroxide-node measures it: its values are
 * plain strings, so a string counts its own UTF-8 bytes (no JSON quotes or escapes); any other
 * value counts its JSON text.
 */
export declare function kvValueSize(json: string): number;
export declare class InstanceKv {
    #private;
    constructor(snapshot: ReadonlyMap<string, KvEntry> | undefined, limits: Limits, scope: ExecutionScope);
    get entries(): ReadonlyMap<string, KvEntry>;
    /** Throws `InvalidInputError` if setting `key` to `value` would exceed a limit. */
    checkSet(key: string, value: string): void;
    set(key: string, value: string, lastUpdatedAt: number): void;
    delete(key: string): void;
    clear(): void;
}
