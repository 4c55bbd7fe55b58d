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
export const MAX_WORKER_TAGS = 5;
/** Longest activity tag, in UTF-8 bytes (the default of `limits.maxTagBytes`). */
export const MAX_TAG_NAME_BYTES = 256;
/** Most KV keys per instance (the default of `limits.maxKvKeys`). */
export const MAX_KV_KEYS = 150;
/** Largest KV value, in UTF-8 bytes of its JSON text (the default of `limits.maxKvValueBytes`). */
export const MAX_KV_VALUE_BYTES = 65_536;
const MAX_CUSTOM_STATUS_BYTES = 262_144;

export const DEFAULT_LIMITS: Limits = {
  maxPayloadBytes: 4 * 1024 * 1024,
  maxCustomStatusBytes: MAX_CUSTOM_STATUS_BYTES,
  maxKvValueBytes: MAX_KV_VALUE_BYTES,
  maxKvKeys: MAX_KV_KEYS,
  maxTagBytes: MAX_TAG_NAME_BYTES,
  maxHistoryEvents: 0,
};

/** UTF-8 length of a string without allocating a buffer. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
