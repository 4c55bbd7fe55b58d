import type { Provider } from '../providers/provider.js';
/**
 * Enqueues an external event (`ExternalRaised`) or a queue message (`QueueMessage`) for an
 * existing instance, its data checked against `maxPayloadBytes` before anything is read.
 * @throws InstanceNotFoundError when no such instance exists.
 */
export declare function sendToInstance(provider: Provider, type: 'ExternalRaised' | 'QueueMessage', instanceId: string, name: string, data: unknown, maxPayloadBytes: number): Promise<void>;
/** `client.cancelInstance`: a no-op for unknown instances. */
export declare function requestCancel(provider: Provider, instanceId: string, reason: string): Promise<void>;
