/**
 * The error classes users can catch. Every error thrown by duroxide-ts is a `DuroxideError`
 * with a stable `code`, a `category`, `retryable` and an identifying `context`.
 *
 * Category and default `retryable` come from the code (`error-codes.ts`), so a code means the
 * same thing whichever class carries it.
 *
 * `instanceof` works across package copies (the ESM and CJS builds, or two installed copies):
 * each class is branded with a `Symbol.for` key and checked by `Symbol.hasInstance`.
 * @module
 */
import { ERROR_CODES, ERROR_VOCABULARY, } from './error-codes.js';
export { ERROR_CATEGORIES, ERROR_CODES } from './error-codes.js';
const BRANDS = Symbol.for('duroxide-ts.error.brands');
/** Base class of every error duroxide-ts throws. */
export class DuroxideError extends Error {
    /** Brand used for cross-copy `instanceof`; subclasses override it. */
    static brand = 'DuroxideError';
    code;
    category;
    retryable;
    context;
    constructor(code, message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        const info = ERROR_VOCABULARY[code];
        this.code = code;
        this.category = options.category ?? info.category;
        this.retryable = options.retryable ?? info.retryable;
        this.context = options.context ?? {};
        const brands = [];
        for (let c = new.target; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
            const brand = c.brand;
            if (typeof brand === 'string' && Object.prototype.hasOwnProperty.call(c, 'brand')) {
                brands.push(brand);
            }
            if (c === DuroxideError)
                break;
        }
        Object.defineProperty(this, BRANDS, { value: brands, enumerable: false });
        this.name = new.target.brand;
    }
    static [Symbol.hasInstance](value) {
        if (typeof value !== 'object' || value === null)
            return false;
        const brands = value[BRANDS];
        return Array.isArray(brands) && brands.includes(this.brand);
    }
    /** A JSON-friendly view (for logs and HTTP problem bodies). */
    toJSON() {
        return {
            name: this.name,
            code: this.code,
            category: this.category,
            retryable: this.retryable,
            message: this.message,
            context: this.context,
        };
    }
}
/** True for any `DuroxideError`, from any copy of the package. */
export function isDuroxideError(value) {
    return value instanceof DuroxideError;
}
/** Bad arguments: malformed ids, non-JSON payloads, invalid options. */
export class InvalidInputError extends DuroxideError {
    static brand = 'InvalidInputError';
    constructor(message, context, cause) {
        super(ERROR_CODES.INVALID_INPUT, message, { context: context ?? {}, cause });
    }
}
export class InstanceNotFoundError extends DuroxideError {
    static brand = 'InstanceNotFoundError';
    constructor(instanceId, message) {
        super(ERROR_CODES.INSTANCE_NOT_FOUND, message ?? `instance '${instanceId}' not found`, {
            context: { instanceId },
        });
    }
}
export class InstanceAlreadyExistsError extends DuroxideError {
    static brand = 'InstanceAlreadyExistsError';
    constructor(instanceId, message) {
        super(ERROR_CODES.INSTANCE_ALREADY_EXISTS, message ??
            `instance '${instanceId}' already exists; pick a new instance id, or delete the old instance first (deleteInstance)`, { context: { instanceId } });
    }
}
export class InstanceStillRunningError extends DuroxideError {
    static brand = 'InstanceStillRunningError';
    constructor(instanceId, message) {
        super(ERROR_CODES.INSTANCE_STILL_RUNNING, message ?? `instance '${instanceId}' is still running; cancel it first or pass force`, { context: { instanceId } });
    }
}
export class CannotDeleteSubOrchestrationError extends DuroxideError {
    static brand = 'CannotDeleteSubOrchestrationError';
    constructor(instanceId, message) {
        super(ERROR_CODES.CANNOT_DELETE_SUB_ORCHESTRATION, message ??
            `instance '${instanceId}' is a sub-orchestration; delete its root instance instead`, { context: { instanceId } });
    }
}
/**
 * The set of instances to delete no longer matches the instance tree: a child was created
 * after the tree was read. Nothing was deleted; read the tree again and retry (`Client.deleteInstance`
 * does so itself). Providers throw it from `deleteInstances`. Not `retryable` as the same
 * provider call; calling `Client.deleteInstance` again is.
 */
export class InstanceTreeChangedError extends DuroxideError {
    static brand = 'InstanceTreeChangedError';
    constructor(instanceId, parentInstanceId) {
        super(ERROR_CODES.INSTANCE_TREE_CHANGED, `instance '${instanceId}' is a child of '${parentInstanceId}' but not in the set to delete: it was created ` +
            'after the tree was read. Nothing was deleted; read the tree again and retry', { context: { instanceId } });
    }
}
/** A wait (`waitForOrchestration`, …) reached its deadline. Retryable. */
export class TimeoutError extends DuroxideError {
    static brand = 'TimeoutError';
    constructor(message, context) {
        super(ERROR_CODES.TIMEOUT, message, { context: context ?? {} });
    }
}
/** A storage operation failed. `retryable` tells transient (busy, connection) from permanent. */
export class ProviderError extends DuroxideError {
    static brand = 'ProviderError';
    operation;
    constructor(operation, message, retryable, cause, context) {
        super(ERROR_CODES.PROVIDER_ERROR, `${operation}: ${message}`, {
            retryable,
            context: { ...context, operation },
            cause,
        });
        this.operation = operation;
    }
}
/** The database was written by a newer duroxide-ts than this one. */
export class SchemaTooNewError extends DuroxideError {
    static brand = 'SchemaTooNewError';
    constructor(message) {
        super(ERROR_CODES.SCHEMA_TOO_NEW, message);
    }
}
/** Misconfiguration: bad registrations, calls in the wrong runtime state, unknown names. */
export class ConfigurationError extends DuroxideError {
    static brand = 'ConfigurationError';
    constructor(code, message, context, cause) {
        super(code, message, { category: 'configuration', context: context ?? {}, cause });
    }
}
/** Orchestration code diverged from its recorded history. */
export class NondeterminismError extends DuroxideError {
    static brand = 'NondeterminismError';
    constructor(message, context) {
        super(ERROR_CODES.NONDETERMINISM, message, { context: context ?? {} });
    }
}
/**
 * Thrown into orchestration code when an awaited activity failed. `message` is the activity's
 * error message; `details` is the stored error.
 */
export class ActivityFailedError extends DuroxideError {
    static brand = 'ActivityFailedError';
    details;
    constructor(message, details, context) {
        super(ERROR_CODES.ACTIVITY_FAILED, message, { context: context ?? {} });
        this.details = details;
    }
}
/** Thrown into orchestration code when an awaited sub-orchestration failed. */
export class SubOrchestrationFailedError extends DuroxideError {
    static brand = 'SubOrchestrationFailedError';
    details;
    constructor(message, details, context) {
        super(ERROR_CODES.SUB_ORCHESTRATION_FAILED, message, { context: context ?? {} });
        this.details = details;
    }
}
/**
 * Thrown by `client.waitForOrchestrationTyped` when the instance ended Failed. `message` is the
 * stored error text (as `getStatus().error` gives it).
 */
export class OrchestrationFailedError extends DuroxideError {
    static brand = 'OrchestrationFailedError';
    constructor(instanceId, error) {
        super(ERROR_CODES.ORCHESTRATION_FAILED, error, { context: { instanceId } });
    }
}
//# sourceMappingURL=duroxide-error.js.map