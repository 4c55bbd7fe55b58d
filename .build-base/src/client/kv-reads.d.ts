import type { Provider } from '../providers/provider.js';
/** `client.getValue`: the latest value of `key`, or null. */
export declare function readKvValue<T>(provider: Provider, instanceId: string, key: string): Promise<T | null>;
/** `client.waitForValue`: waits until `key` exists and returns its value. */
export declare function waitForKvValue<T>(provider: Provider, instanceId: string, key: string, timeoutMs: number): Promise<T>;
/** `client.getKvAllValues`: every key-value pair, decoded. */
export declare function readKvAllValues(provider: Provider, instanceId: string): Promise<Record<string, unknown>>;
