/**
 * The parts of duroxide-node's client semantics that need more than a delegation: the output of
 * `waitForOrchestrationTyped`, and KV value sizes counted as duroxide-node counts them.
 * @module
 */
import { OrchestrationFailedError } from '../core/errors/duroxide-error.js';
import { kvValueSize } from '../core/replay/instance-kv.js';
/** The output of a finished instance; throws `OrchestrationFailedError` for a Failed one. */
export function waitForOutput(instanceId, status) {
    if (status.status === 'Failed')
        throw new OrchestrationFailedError(instanceId, status.error ?? 'failed');
    return status.output;
}
/** Total size of stored KV values (JSON text) as duroxide-node counts it (see `kvValueSize`). */
export function kvValueBytes(values) {
    let total = 0;
    for (const text of values.values())
        total += kvValueSize(text);
    return total;
}
//# sourceMappingURL=typed-client.js.map