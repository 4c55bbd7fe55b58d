/**
 * The bodies of the Client's key-value reads: `getValue`, `waitForValue`, `getKvAllValues`.
 * @module
 */
import { requireDurationMs, requireInstanceId, requireKvKey, } from '../core/validation/arguments.js';
import { waitForInstance } from './instance-wait.js';
import { decodeOrRaw } from './read-models.js';
/** `client.getValue`: the latest value of `key`, or null. */
export async function readKvValue(provider, instanceId, key) {
    const id = requireInstanceId(instanceId);
    const text = await provider.getKvValue(id, requireKvKey(key));
    return text === null ? null : decodeOrRaw(text);
}
/** `client.waitForValue`: waits until `key` exists and returns its value. */
export async function waitForKvValue(provider, instanceId, key, timeoutMs) {
    const id = requireInstanceId(instanceId);
    const k = requireKvKey(key);
    requireDurationMs(timeoutMs, 'timeoutMs');
    return waitForInstance(provider, {
        instanceId: id,
        timeoutMs,
        check: async () => {
            const text = await provider.getKvValue(id, k);
            return text === null ? undefined : decodeOrRaw(text);
        },
        message: `key '${k}' of instance '${id}' was not set within ${timeoutMs} ms`,
    });
}
/** `client.getKvAllValues`: every key-value pair, decoded. */
export async function readKvAllValues(provider, instanceId) {
    const all = await provider.getKvAllValues(requireInstanceId(instanceId));
    const out = {};
    for (const [k, v] of all)
        out[k] = decodeOrRaw(v);
    return out;
}
//# sourceMappingURL=kv-reads.js.map