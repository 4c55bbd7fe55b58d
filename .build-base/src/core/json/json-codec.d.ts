/**
 * Payload encoding at the edges. Payloads are JSON values; anything that would not survive a
 * JSON round trip (BigInt, functions, symbols, NaN/Infinity, circular structures, class
 * instances such as Date or Map, `undefined` inside arrays) is rejected with a message that
 * names the offending path, so bad data never reaches storage.
 * @module
 */
/** A value that survives `JSON.stringify` → `JSON.parse` unchanged. */
export type JsonValue = null | boolean | number | string | JsonValue[] | {
    [key: string]: JsonValue;
};
/** Thrown by {@link encodeJson}; callers wrap it in their own error class. */
export declare class JsonEncodeError extends Error {
    constructor(message: string);
}
/**
 * Encodes a payload as JSON text. `undefined` at the top level encodes as `null` (an omitted
 * optional input). Throws {@link JsonEncodeError} naming the offending path.
 */
export declare function encodeJson(value: unknown, what?: string): string;
/** Decodes stored JSON text. `null`/`undefined` text decodes to `undefined`. */
export declare function decodeJson(text: string | null | undefined): unknown;
