/**
 * Classification of driver errors into `ProviderError`.
 * @module
 */
import { DuroxideError } from '../../core/errors/duroxide-error.js';
/**
 * Wraps any error thrown while running `operation` as a `ProviderError`.
 *
 * - `DuroxideError`s (our own token/duplicate errors, `SchemaTooNewError`) pass through.
 * - `SQLITE_BUSY*` / `SQLITE_LOCKED*` (another connection holds the write lock past the busy
 *   timeout) → retryable.
 * - Constraint violations, corruption, SQL errors → permanent.
 * - Other SQLite codes (I/O, full disk, interrupted) → retryable.
 * - Anything else is a bug or unserializable data in our own code: retrying cannot help, so
 *   permanent.
 */
export declare function toProviderError(operation: string, error: unknown): DuroxideError;
/** True when `error` is a SQLite primary-key/unique violation. */
export declare function isUniqueViolation(error: unknown): boolean;
