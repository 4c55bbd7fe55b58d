/**
 * Payload encoding at the edges. Payloads are JSON values; anything that would not survive a
 * JSON round trip (BigInt, functions, symbols, NaN/Infinity, circular structures, class
 * instances such as Date or Map, `undefined` inside arrays) is rejected with a message that
 * names the offending path, so bad data never reaches storage.
 * @module
 */
/** Thrown by {@link encodeJson}; callers wrap it in their own error class. */
export class JsonEncodeError extends Error {
    constructor(message) {
        super(message);
        this.name = 'JsonEncodeError';
    }
}
function describe(value) {
    if (value === null)
        return 'null';
    if (typeof value === 'object') {
        const ctor = value.constructor;
        return typeof ctor?.name === 'string' ? `a ${ctor.name}` : 'an object';
    }
    return `a ${typeof value}`;
}
function check(value, path, seen) {
    switch (typeof value) {
        case 'string':
        case 'boolean':
            return;
        case 'number':
            if (!Number.isFinite(value))
                throw new JsonEncodeError(`${path} is ${String(value)}, which JSON cannot represent`);
            return;
        case 'undefined':
            throw new JsonEncodeError(`${path} is undefined, which JSON cannot represent`);
        case 'bigint':
            throw new JsonEncodeError(`${path} is a BigInt, which JSON cannot represent (convert it to a string)`);
        case 'function':
        case 'symbol':
            throw new JsonEncodeError(`${path} is ${describe(value)}, which JSON cannot represent`);
        case 'object': {
            if (value === null)
                return;
            if (seen.has(value))
                throw new JsonEncodeError(`${path} is a circular reference`);
            seen.add(value);
            if (Array.isArray(value)) {
                for (let i = 0; i < value.length; i++)
                    check(value[i], `${path}[${i}]`, seen);
            }
            else {
                const proto = Object.getPrototypeOf(value);
                if (proto !== Object.prototype && proto !== null) {
                    throw new JsonEncodeError(`${path} is ${describe(value)}; only plain objects, arrays, strings, numbers, booleans and null are allowed`);
                }
                for (const key of Object.keys(value)) {
                    const v = value[key];
                    // An undefined property is dropped by JSON, which is how callers mean "absent".
                    if (v !== undefined)
                        check(v, `${path}.${key}`, seen);
                }
            }
            seen.delete(value);
            return;
        }
    }
}
/**
 * Encodes a payload as JSON text. `undefined` at the top level encodes as `null` (an omitted
 * optional input). Throws {@link JsonEncodeError} naming the offending path.
 */
export function encodeJson(value, what = 'value') {
    if (value === undefined)
        return 'null';
    try {
        check(value, what, new Set());
        return JSON.stringify(value);
    }
    catch (e) {
        if (e instanceof RangeError) {
            // The call stack ran out: a structure nested thousands of levels deep.
            throw new JsonEncodeError(`${what} is nested too deeply to store as JSON (the call stack ran out while encoding it)`);
        }
        throw e;
    }
}
/** Decodes stored JSON text. `null`/`undefined` text decodes to `undefined`. */
export function decodeJson(text) {
    if (text === null || text === undefined)
        return undefined;
    return JSON.parse(text);
}
//# sourceMappingURL=json-codec.js.map