/**
 * `InstanceKv`: the instance's key-value state as the orchestration sees it — the values
 * merged at the end of earlier executions plus this execution's writes, within the size
 * limits. The writes are recorded in history as `KeyValueSet`/`KeyValueCleared`/
 * `KeyValuesCleared` by the engine.
 * @module
 */
import { InvalidInputError } from '../errors/duroxide-error.js';
import { utf8Bytes } from '../limits.js';
/**
 * Size of a value (JSON text) against the KV limit, as duroxide-node measures it: its values are
 * plain strings, so a string counts its own UTF-8 bytes (no JSON quotes or escapes); any other
 * value counts its JSON text.
 */
export function kvValueSize(json) {
    if (json.startsWith('"')) {
        try {
            const value = JSON.parse(json);
            if (typeof value === 'string')
                return utf8Bytes(value);
        }
        catch {
            // Not JSON after all: count the text.
        }
    }
    return utf8Bytes(json);
}
export class InstanceKv {
    #entries;
    #limits;
    #scope;
    constructor(snapshot, limits, scope) {
        this.#entries = new Map(snapshot);
        this.#limits = limits;
        this.#scope = scope;
    }
    get entries() {
        return this.#entries;
    }
    /** Throws `InvalidInputError` if setting `key` to `value` would exceed a limit. */
    checkSet(key, value) {
        const bytes = kvValueSize(value);
        if (bytes > this.#limits.maxKvValueBytes) {
            throw new InvalidInputError(`value of key '${key}' is ${bytes} bytes; the limit is ${this.#limits.maxKvValueBytes}`, this.#scope.context());
        }
        if (!this.#entries.has(key) && this.#entries.size >= this.#limits.maxKvKeys) {
            throw new InvalidInputError(`instance '${this.#scope.instanceId}' already has ${this.#entries.size} keys, the limit; clear some before setting '${key}'`, this.#scope.context());
        }
    }
    set(key, value, lastUpdatedAt) {
        this.#entries.set(key, { value, lastUpdatedAt });
    }
    delete(key) {
        this.#entries.delete(key);
    }
    clear() {
        this.#entries.clear();
    }
}
//# sourceMappingURL=instance-kv.js.map