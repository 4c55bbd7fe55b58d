/**
 * Classification of driver errors into `ProviderError`.
 * @module
 */
import { DuroxideError, ProviderError } from '../../core/errors/duroxide-error.js';
/**
 * SQLite result codes that mean "this will never succeed by retrying": constraint violations
 * (duplicate event id), a corrupt or foreign file, a value too big, a read-only database.
 */
const PERMANENT_CODE_PREFIXES = [
    'SQLITE_CONSTRAINT',
    'SQLITE_CORRUPT',
    'SQLITE_NOTADB',
    'SQLITE_TOOBIG',
    'SQLITE_MISMATCH',
    'SQLITE_READONLY',
    'SQLITE_RANGE',
    'SQLITE_ERROR',
];
function sqliteCode(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const code = error.code;
    return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}
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
export function toProviderError(operation, error) {
    if (error instanceof DuroxideError)
        return error;
    const message = error instanceof Error ? error.message : String(error);
    const code = sqliteCode(error);
    if (code === undefined)
        return new ProviderError(operation, message, false, error);
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
        return new ProviderError(operation, `database is busy (${code}): ${message}; another connection held the write lock past the busy timeout`, true, error);
    }
    const isPermanent = PERMANENT_CODE_PREFIXES.some((p) => code === p || code.startsWith(`${p}_`));
    return new ProviderError(operation, `${message} (${code})`, !isPermanent, error);
}
/** True when `error` is a SQLite primary-key/unique violation. */
export function isUniqueViolation(error) {
    const code = sqliteCode(error);
    return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
//# sourceMappingURL=to-provider-error.js.map