/**
 * The Client's constructor options and their checks.
 * @module
 */
import { InvalidInputError } from '../core/errors/duroxide-error.js';
import { DEFAULT_LIMITS } from '../core/limits.js';
import { requireOptionsObject } from './management-arguments.js';
/** Checks the options bag of `new Client(provider, options)` and applies the defaults. */
export function parseClientOptions(options) {
    const fields = requireOptionsObject(options, 'client options', [
        'fleetRefreshMs',
        'maxPayloadBytes',
    ]);
    const refreshMs = fields['fleetRefreshMs'] ?? 1000;
    const maxPayloadBytes = fields['maxPayloadBytes'] ?? DEFAULT_LIMITS.maxPayloadBytes;
    if (typeof maxPayloadBytes !== 'number' ||
        !Number.isInteger(maxPayloadBytes) ||
        maxPayloadBytes < 1) {
        throw new InvalidInputError(`client option maxPayloadBytes must be a positive integer, got ${JSON.stringify(maxPayloadBytes)}`);
    }
    if (typeof refreshMs !== 'number' || !Number.isInteger(refreshMs) || refreshMs < 0) {
        throw new InvalidInputError(`client option fleetRefreshMs must be a non-negative integer, got ${JSON.stringify(refreshMs)}`);
    }
    return { refreshMs, maxPayloadBytes };
}
//# sourceMappingURL=client-options.js.map