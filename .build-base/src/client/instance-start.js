/**
 * How the Client starts an instance: options checked, the version decided once by the fleet's
 * policy and recorded on the start, and a start of an id that already exists either ignored
 * (duroxide-node's behaviour, the default) or refused (`ifExists: 'error'`).
 * @module
 */
import { InstanceAlreadyExistsError, InvalidInputError } from '../core/errors/duroxide-error.js';
import { encodePayload, requireBoolean, requireNewInstanceId, requireOrchestrationName, requireVersion, } from '../core/validation/arguments.js';
import { requireOptionsObject } from './management-arguments.js';
/** Checks the options bag of a start; `allowed` are the option names this method takes. */
export function parseStartOptions(options, allowed) {
    const o = requireOptionsObject(options, 'options', allowed);
    const version = o['version'] === undefined ? undefined : requireVersion(o['version'], 'options.version');
    const pinVersion = o['pinVersion'] === undefined ? false : requireBoolean(o['pinVersion'], 'options.pinVersion');
    const ifExists = o['ifExists'] ?? 'ignore';
    if (ifExists !== 'ignore' && ifExists !== 'error') {
        throw new InvalidInputError(`options.ifExists must be 'ignore' or 'error', got ${JSON.stringify(ifExists)}`);
    }
    return { version, pinVersion, ifExists };
}
/**
 * Enqueues the start unless the id exists. A second start of an existing id is dropped (the
 * instance keeps its first input and history), or refused with `InstanceAlreadyExistsError`
 * under `ifExists: 'error'`.
 */
export async function startInstance(provider, fleet, instanceId, name, input, request, maxPayloadBytes) {
    const id = requireNewInstanceId(instanceId);
    const orchestration = requireOrchestrationName(name);
    const encoded = encodePayload(input, 'orchestration input', {
        maxBytes: maxPayloadBytes,
        context: { instanceId: id },
    });
    const version = request.version ?? (await fleet.resolve(orchestration, id)).version;
    const item = {
        type: 'StartOrchestration',
        instance: id,
        orchestration,
        input: encoded,
        version,
        ...(request.pinVersion ? { pinVersion: true } : {}),
    };
    const enqueued = await provider.enqueueStartIfAbsent(item);
    if (!enqueued && request.ifExists === 'error')
        throw new InstanceAlreadyExistsError(id);
}
//# sourceMappingURL=instance-start.js.map