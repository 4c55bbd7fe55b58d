/**
 * The bodies of the Client's messages to an instance: `raiseEvent`, `enqueueEvent` and
 * `cancelInstance`.
 * @module
 */
import { InstanceNotFoundError, InvalidInputError } from '../core/errors/duroxide-error.js';
import { encodePayload, requireEventName, requireInstanceId, requireQueueName, } from '../core/validation/arguments.js';
/**
 * Enqueues an external event (`ExternalRaised`) or a queue message (`QueueMessage`) for an
 * existing instance, its data checked against `maxPayloadBytes` before anything is read.
 * @throws InstanceNotFoundError when no such instance exists.
 */
export async function sendToInstance(provider, type, instanceId, name, data, maxPayloadBytes) {
    const id = requireInstanceId(instanceId);
    const event = type === 'ExternalRaised';
    const checkedName = event ? requireEventName(name) : requireQueueName(name);
    const encoded = encodePayload(data, event ? 'event data' : 'queue message', {
        maxBytes: maxPayloadBytes,
        context: { instanceId: id },
    });
    if (!(await provider.instanceExists(id)))
        throw new InstanceNotFoundError(id);
    await provider.enqueueForOrchestrator({ type, instance: id, name: checkedName, data: encoded });
}
/** `client.cancelInstance`: a no-op for unknown instances. */
export async function requestCancel(provider, instanceId, reason) {
    const id = requireInstanceId(instanceId);
    if (typeof reason !== 'string')
        throw new InvalidInputError('cancel reason must be a string');
    if (!(await provider.instanceExists(id)))
        return;
    await provider.enqueueForOrchestrator({ type: 'CancelInstance', instance: id, reason });
}
//# sourceMappingURL=instance-messages.js.map