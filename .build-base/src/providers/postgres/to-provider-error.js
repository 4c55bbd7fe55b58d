/**
 * Classification of driver errors into `ProviderError`.
 * @module
 */
import { DuroxideError, ProviderError } from '../../core/errors/duroxide-error.js';
/**
 * SQLSTATEs that a retry can cure: the server is going away or coming back, the transaction
 * lost a race it can win next time, or a resource is momentarily exhausted.
 */
const RETRYABLE_SQLSTATES = new Set([
    '40001', // serialization_failure
    '40P01', // deadlock_detected
    '55P03', // lock_not_available
    '57P01', // admin_shutdown (pg_ctl stop/restart -m fast)
    '57P02', // crash_shutdown
    '57P03', // cannot_connect_now (starting up / shutting down)
    '57014', // query_canceled (statement timeout)
    '53000', // insufficient_resources
    '53100', // disk_full
    '53200', // out_of_memory
    '53300', // too_many_connections
    '0A000', // feature_not_supported: "cached plan must not change result type" after DDL
]);
/** Node socket errors: the connection could not be made or was cut. */
const RETRYABLE_SYSTEM_CODES = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ECONNABORTED',
    'EPIPE',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ENETDOWN',
    'EAI_AGAIN',
    'ENOTFOUND',
    'ENOENT', // unix socket not there yet (server restarting)
]);
/** node-postgres reports lost connections and pool exhaustion without a code; match its messages. */
const RETRYABLE_MESSAGES = [
    /connection terminated/i,
    /connection (was )?closed/i,
    /timeout exceeded when trying to connect/i,
    /not queryable/i,
    /terminating connection/i,
    /the database system is (starting up|shutting down|in recovery mode)/i,
    /server closed the connection/i,
    /socket hang up/i,
];
function errorCode(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const code = error.code;
    return typeof code === 'string' ? code : undefined;
}
/** True when `error` is a transient condition (connection loss, restart, deadlock, pool timeout). */
export function isTransient(error) {
    if (error instanceof DuroxideError)
        return error.retryable;
    const code = errorCode(error);
    if (code !== undefined) {
        if (RETRYABLE_SQLSTATES.has(code) || code.startsWith('08'))
            return true;
        if (RETRYABLE_SYSTEM_CODES.has(code))
            return true;
        if (/^[0-9A-Z]{5}$/.test(code))
            return false; // any other SQLSTATE is the statement's fault
    }
    const message = error instanceof Error ? error.message : String(error);
    // AggregateError (happy-eyeballs connects) carries the per-address errors.
    if (error instanceof AggregateError && error.errors.some(isTransient))
        return true;
    return RETRYABLE_MESSAGES.some((re) => re.test(message));
}
/** True when `error` is a unique/primary-key violation. */
export function isUniqueViolation(error) {
    return errorCode(error) === '23505';
}
/**
 * Wraps any error thrown while running `operation` as a `ProviderError`.
 *
 * - `DuroxideError`s (our own token/duplicate errors, `SchemaTooNewError`) pass through.
 * - Connection loss, server shutdown/restart (57P01…), `08xxx`, deadlocks (40P01),
 *   serialization failures (40001) and pool timeouts → retryable.
 * - Every other SQLSTATE (constraint violations, syntax, permissions) → permanent.
 * - Anything else is a bug or unserializable data in our own code → permanent.
 */
export function toProviderError(operation, error) {
    if (error instanceof DuroxideError)
        return error;
    const message = error instanceof Error ? error.message : String(error);
    const code = errorCode(error);
    const shown = code === undefined ? message : `${message} (${code})`;
    if (isTransient(error)) {
        return new ProviderError(operation, `transient PostgreSQL error, safe to retry: ${shown}`, true, error);
    }
    return new ProviderError(operation, shown, false, error);
}
//# sourceMappingURL=to-provider-error.js.map