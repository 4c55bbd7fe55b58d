/**
 * The CLI's exit codes and the error that carries one. Scripts can rely on the codes
 * (docs/cli.md "Exit codes").
 * @module
 */
import { DuroxideError, ERROR_CODES } from '../core/errors/duroxide-error.js';
export const EXIT_CODES = {
    /** Done. */
    OK: 0,
    /** Unexpected failure (a defect, or a 500 from the server). */
    FAILURE: 1,
    /** Bad command line or request (unknown option, invalid input, missing --yes). */
    USAGE: 2,
    /** The instance (or route) does not exist. */
    NOT_FOUND: 3,
    /** Refused in the current state: still running, sub-orchestration, version not registered, … */
    CONFLICT: 4,
    /** No valid API key, or its role may not do this (or the server is read-only). */
    AUTH: 5,
    /** The server or store cannot be reached. */
    UNAVAILABLE: 6,
    /** No runtime applied the request in time. */
    TIMEOUT: 7,
    /** `replay-check` found instances that diverge, are unregistered or would be rejected. */
    CHECK_FAILED: 8,
};
/** A failure the CLI reports in one line and exits with `exitCode`. */
export class CliError extends DuroxideError {
    static brand = 'CliError';
    exitCode;
    constructor(code, message, exitCode, cause) {
        super(code, message, { cause });
        this.exitCode = exitCode;
    }
}
/** The exit code of an HTTP status from the management API. */
export function exitCodeForStatus(status) {
    if (status === 400 || status === 413 || status === 415)
        return EXIT_CODES.USAGE;
    if (status === 401 || status === 403)
        return EXIT_CODES.AUTH;
    if (status === 404 || status === 405)
        return EXIT_CODES.NOT_FOUND;
    if (status === 409 || status === 422)
        return EXIT_CODES.CONFLICT;
    if (status === 503)
        return EXIT_CODES.UNAVAILABLE;
    if (status === 504)
        return EXIT_CODES.TIMEOUT;
    return EXIT_CODES.FAILURE;
}
export function usageError(message) {
    return new CliError(ERROR_CODES.INVALID_INPUT, message, EXIT_CODES.USAGE);
}
//# sourceMappingURL=cli-error.js.map