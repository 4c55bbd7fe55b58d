/**
 * Classification of driver errors into `ProviderError`.
 * @module
 */
import { DuroxideError } from '../../core/errors/duroxide-error.js';
/** True when `error` is a transient condition (connection loss, restart, deadlock, pool timeout). */
export declare function isTransient(error: unknown): boolean;
/** True when `error` is a unique/primary-key violation. */
export declare function isUniqueViolation(error: unknown): boolean;
/**
 * Wraps any error thrown while running `operation` as a `ProviderError`.
 *
 * - `DuroxideError`s (our own token/duplicate errors, `SchemaTooNewError`) pass through.
 * - Connection loss, server shutdown/restart (57P01…), `08xxx`, deadlocks (40P01),
 *   serialization failures (40001) and pool timeouts → retryable.
 * - Every other SQLSTATE (constraint violations, syntax, permissions) → permanent.
 * - Anything else is a bug or unserializable data in our own code → permanent.
 */
export declare function toProviderError(operation: string, error: unknown): DuroxideError;
