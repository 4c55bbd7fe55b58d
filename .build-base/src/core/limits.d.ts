/**
 * Size limits, enforced where the data is produced so an
 * oversized value is a clear error at the call site and history is never truncated.
 * @module
 */
export interface Limits {
    /** Largest JSON payload (inputs, outputs, event data, values), in bytes. */
    readonly maxPayloadBytes: number;
    /** Largest custom status, in bytes. */
    readonly maxCustomStatusBytes: number;
    /** Largest KV value, in bytes. */
    readonly maxKvValueBytes: number;
    /** Most KV keys per instance. */
    readonly maxKvKeys: number;
    /** Longest activity tag, in bytes. */
    readonly maxTagBytes: number;
    /** Most history events per execution; exceeding it fails the execution. 0 = no limit. */
    readonly maxHistoryEvents: number;
}
/** Most tags in a worker tag filter (duroxide-node's value). */
export declare const MAX_WORKER_TAGS = 5;
/** Longest activity tag, in UTF-8 bytes (the default of `limits.maxTagBytes`). */
export declare const MAX_TAG_NAME_BYTES = 256;
/** Most KV keys per instance (the default of `limits.maxKvKeys`). */
export declare const MAX_KV_KEYS = 150;
/** Largest KV value, in UTF-8 bytes of its JSON text (the default of `limits.maxKvValueBytes`). */
export declare const MAX_KV_VALUE_BYTES = 65536;
export declare const DEFAULT_LIMITS: Limits;
/** UTF-8 length of a string without allocating a buffer. */
export declare function utf8Bytes(text: string): number;
