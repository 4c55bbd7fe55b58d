/**
 * Size limits, enforced where the data is produced so an
 * oversized value is a clear error at the call site and history is never truncated.
 * @module
 */
/** Most tags in a worker tag filter (duroxide-node's value). */
export const MAX_WORKER_TAGS = 5;
/** Longest activity tag, in UTF-8 bytes (the default of `limits.maxTagBytes`). */
export const MAX_TAG_NAME_BYTES = 256;
/** Most KV keys per instance (the default of `limits.maxKvKeys`). */
export const MAX_KV_KEYS = 150;
/** Largest KV value, in UTF-8 bytes of its JSON text (the default of `limits.maxKvValueBytes`). */
export const MAX_KV_VALUE_BYTES = 65_536;
const MAX_CUSTOM_STATUS_BYTES = 262_144;
export const DEFAULT_LIMITS = {
    maxPayloadBytes: 4 * 1024 * 1024,
    maxCustomStatusBytes: MAX_CUSTOM_STATUS_BYTES,
    maxKvValueBytes: MAX_KV_VALUE_BYTES,
    maxKvKeys: MAX_KV_KEYS,
    maxTagBytes: MAX_TAG_NAME_BYTES,
    maxHistoryEvents: 0,
};
/** UTF-8 length of a string without allocating a buffer. */
export function utf8Bytes(text) {
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c < 0x80)
            bytes += 1;
        else if (c < 0x800)
            bytes += 2;
        else if (c >= 0xd800 && c <= 0xdbff) {
            bytes += 4;
            i++;
        }
        else
            bytes += 3;
    }
    return bytes;
}
//# sourceMappingURL=limits.js.map