/**
 * `errorToDetails`: how a value thrown by orchestration code is stored when it ends the
 * orchestration (plain-JSON `ErrorDetails`, never a serialized class instance; see
 * docs/errors.md).
 * @module
 */
import { DuroxideError } from './duroxide-error.js';
import { applicationError, configurationError, infrastructureError, } from './error-details.js';
/**
 * Configuration and infrastructure `DuroxideError`s keep their category; anything else is an
 * application `OrchestrationFailed` with the thrown value's message (and its class name, when
 * it is not a plain `Error`).
 */
export function errorToDetails(e) {
    if (e instanceof DuroxideError && e.category === 'configuration') {
        return configurationError(e.code, e.message);
    }
    if (e instanceof DuroxideError && e.category === 'infrastructure') {
        return infrastructureError(e.context.operation ?? e.code, e.message, e.retryable);
    }
    const name = errorName(e);
    return applicationError('OrchestrationFailed', errorMessage(e), name !== undefined ? { errorName: name } : undefined);
}
/**
 * The message of a thrown value, never throwing itself: `Error#message` (a getter that throws
 * or returns a non-string is survived), a string as is, other values as JSON when they have any
 * (`{ code: 42 }`, not `[object Object]`), else `String(value)`.
 */
export function errorMessage(e) {
    try {
        if (e instanceof Error) {
            const message = e.message;
            return typeof message === 'string' ? message : describeThrown(message);
        }
        return describeThrown(e);
    }
    catch {
        return 'an error whose message could not be read';
    }
}
/** The name of a thrown Error, when it is not the plain `Error` (never throwing). */
export function errorName(e) {
    try {
        const name = e instanceof Error ? e.name : undefined;
        return typeof name === 'string' && name !== 'Error' ? name : undefined;
    }
    catch {
        return undefined;
    }
}
function describeThrown(value) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'object' && value !== null) {
        try {
            const json = JSON.stringify(value);
            if (json !== undefined && json !== '{}')
                return json;
        }
        catch {
            // circular or a throwing toJSON: fall back to String
        }
    }
    return String(value);
}
//# sourceMappingURL=error-to-details.js.map