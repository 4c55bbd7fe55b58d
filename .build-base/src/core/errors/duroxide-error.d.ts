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
import { type ErrorCategory, type ErrorCode } from './error-codes.js';
export { ERROR_CATEGORIES, ERROR_CODES } from './error-codes.js';
export type { ErrorCategory, ErrorCode } from './error-codes.js';
/** Identifiers of what the error is about; only the known ones are set. */
export interface ErrorContext {
    readonly instanceId?: string;
    readonly executionId?: number;
    readonly orchestrationName?: string;
    readonly orchestrationVersion?: string;
    readonly activityName?: string;
    readonly eventId?: number;
    readonly operation?: string;
}
export interface DuroxideErrorOptions {
    /** Defaults to the code's category; kept for callers that construct errors directly. */
    readonly category?: ErrorCategory;
    /** Defaults to the code's. */
    readonly retryable?: boolean;
    readonly context?: ErrorContext;
    readonly cause?: unknown;
}
/** Base class of every error duroxide-ts throws. */
export declare class DuroxideError extends Error {
    /** Brand used for cross-copy `instanceof`; subclasses override it. */
    static readonly brand: string;
    readonly code: ErrorCode;
    readonly category: ErrorCategory;
    readonly retryable: boolean;
    readonly context: ErrorContext;
    constructor(code: ErrorCode, message: string, options?: DuroxideErrorOptions);
    static [Symbol.hasInstance](value: unknown): boolean;
    /** A JSON-friendly view (for logs and HTTP problem bodies). */
    toJSON(): Record<string, unknown>;
}
/** True for any `DuroxideError`, from any copy of the package. */
export declare function isDuroxideError(value: unknown): value is DuroxideError;
/** Bad arguments: malformed ids, non-JSON payloads, invalid options. */
export declare class InvalidInputError extends DuroxideError {
    static readonly brand: string;
    constructor(message: string, context?: ErrorContext, cause?: unknown);
}
export declare class InstanceNotFoundError extends DuroxideError {
    static readonly brand: string;
    constructor(instanceId: string, message?: string);
}
export declare class InstanceAlreadyExistsError extends DuroxideError {
    static readonly brand: string;
    constructor(instanceId: string, message?: string);
}
export declare class InstanceStillRunningError extends DuroxideError {
    static readonly brand: string;
    constructor(instanceId: string, message?: string);
}
export declare class CannotDeleteSubOrchestrationError extends DuroxideError {
    static readonly brand: string;
    constructor(instanceId: string, message?: string);
}
/**
 * The set of instances to delete no longer matches the instance tree: a child was created
 * after the tree was read. Nothing was deleted; read the tree again and retry (`Client.deleteInstance`
 * does so itself). Providers throw it from `deleteInstances`. Not `retryable` as the same
 * provider call; calling `Client.deleteInstance` again is.
 */
export declare class InstanceTreeChangedError extends DuroxideError {
    static readonly brand: string;
    constructor(instanceId: string, parentInstanceId: string);
}
/** A wait (`waitForOrchestration`, …) reached its deadline. Retryable. */
export declare class TimeoutError extends DuroxideError {
    static readonly brand: string;
    constructor(message: string, context?: ErrorContext);
}
/** A storage operation failed. `retryable` tells transient (busy, connection) from permanent. */
export declare class ProviderError extends DuroxideError {
    static readonly brand: string;
    readonly operation: string;
    constructor(operation: string, message: string, retryable: boolean, cause?: unknown, context?: ErrorContext);
}
/** The database was written by a newer duroxide-ts than this one. */
export declare class SchemaTooNewError extends DuroxideError {
    static readonly brand: string;
    constructor(message: string);
}
/** Misconfiguration: bad registrations, calls in the wrong runtime state, unknown names. */
export declare class ConfigurationError extends DuroxideError {
    static readonly brand: string;
    constructor(code: ErrorCode, message: string, context?: ErrorContext, cause?: unknown);
}
/** Orchestration code diverged from its recorded history. */
export declare class NondeterminismError extends DuroxideError {
    static readonly brand: string;
    constructor(message: string, context?: ErrorContext);
}
/**
 * Thrown into orchestration code when an awaited activity failed. `message` is the activity's
 * error message; `details` is the stored error.
 */
export declare class ActivityFailedError extends DuroxideError {
    static readonly brand: string;
    readonly details: unknown;
    constructor(message: string, details: unknown, context?: ErrorContext);
}
/** Thrown into orchestration code when an awaited sub-orchestration failed. */
export declare class SubOrchestrationFailedError extends DuroxideError {
    static readonly brand: string;
    readonly details: unknown;
    constructor(message: string, details: unknown, context?: ErrorContext);
}
/**
 * Thrown by `client.waitForOrchestrationTyped` when the instance ended Failed. `message` is the
 * stored error text (as `getStatus().error` gives it).
 */
export declare class OrchestrationFailedError extends DuroxideError {
    static readonly brand: string;
    constructor(instanceId: string, error: string);
}
