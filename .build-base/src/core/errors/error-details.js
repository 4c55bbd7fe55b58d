/**
 * `ErrorDetails`: the plain-JSON form of an error as stored in history, queue messages and
 * execution output. Never a serialized class instance.
 * @module
 */
import { ERROR_VOCABULARY, storedKind } from './error-codes.js';
/**
 * The contract string that orchestration code, execution output and clients see.
 */
export function displayMessage(d) {
    switch (d.category) {
        case 'application':
            if (d.kind === 'Cancelled')
                return `canceled: ${String(d.details?.['reason'] ?? d.message)}`;
            return d.message;
        case 'configuration':
            return storedKind(d.kind) === ERROR_VOCABULARY.NONDETERMINISM.kind
                ? `nondeterministic: ${d.message}`
                : d.message;
        case 'infrastructure':
            return `infrastructure:${d.kind}: ${d.message}`;
        case 'poison':
            return d.message;
    }
}
export function applicationError(kind, message, details) {
    return details === undefined
        ? { category: 'application', kind, message, retryable: false }
        : { category: 'application', kind, message, retryable: false, details };
}
export function cancelledError(reason) {
    return {
        category: 'application',
        kind: 'Cancelled',
        message: '',
        retryable: false,
        details: { reason },
    };
}
export function nondeterminismError(message, divergence) {
    const kind = ERROR_VOCABULARY.NONDETERMINISM.kind;
    return divergence === undefined
        ? { category: 'configuration', kind, message, retryable: false }
        : { category: 'configuration', kind, message, retryable: false, details: { ...divergence } };
}
/**
 * A configuration failure. `kindOrCode` may be an error code: a thrown `DuroxideError` is
 * stored under its code's kind (`NON_DURABLE_AWAIT` → `NonDurableAwait`), so a failure has one
 * stored kind however it was raised.
 */
export function configurationError(kindOrCode, message) {
    return { category: 'configuration', kind: storedKind(kindOrCode), message, retryable: false };
}
export function infrastructureError(operation, message, retryable = false) {
    return { category: 'infrastructure', kind: operation, message, retryable };
}
//# sourceMappingURL=error-details.js.map