/**
 * The bodies of the Client's key-value reads: `getValue`, `waitForValue`, `getKvAllValues`.
 * @module
 */
import {
  requireDurationMs,
  requireInstanceId,
  requireKvKey,
} from '../core/validation/arguments.js';
import type { Provider } from '../providers/provider.js';
import { waitForInstance } from './instance-wait.js';
import { decodeOrRaw } from './read-models.js';

/** `client.getValue`: the latest value of `key`, or null. */
export async function readKvValue<T>(
  provider: Provider,
  instanceId: string,
  key: string,
): Promise<T | null> {
  const id = requireInstanceId(instanceId);
  const text = await provider.getKvValue(id, requireKvKey(key));
  return text === null ? null : (decodeOrRaw(text) as T);
}

/** `client.waitForValue`: waits until `key` exists and returns its value. */
export async function waitForKvValue<T>(
  provider: Provider,
  instanceId: string,
  key: string,
  timeoutMs: number,
): Promise<T> {
  const id = requireInstanceId(instanceId);
  const k = requireKvKey(key);
  requireDurationMs(timeoutMs, 'timeoutMs');
  return waitForInstance(provider, {
    instanceId: id,
    timeoutMs,
    check: async () => {
      const text = await provider.getKvValue(id, k);
      return text === null ? undefined : (decodeOrRaw(text) as T);
    },
    message: `key '${k}' of instance '${id}' was not set within ${timeoutMs} ms`,
  });
}

/** `client.getKvAllValues`: every key-value pair, decoded. */
export async function readKvAllValues(
  provider: Provider,
  instanceId: string,
): Promise<Record<string, unknown>> {
  const all = await provider.getKvAllValues(requireInstanceId(instanceId));
  const out: Record<string, unknown> = {};
  for (const [k, v] of all) out[k] = decodeOrRaw(v);
  return out;
}
