/**
 * The CLI's exit codes and the error that carries one. Scripts can rely on the codes
 * (docs/cli.md "Exit codes").
 * @module
 */
import { DuroxideError, type ErrorCode } from '../core/errors/duroxide-error.js';
export declare const EXIT_CODES: {
    /** Done. */
    readonly OK: 0;
    /** Unexpected failure (a defect, or a 500 from the server). */
    readonly FAILURE: 1;
    /** Bad command line or request (unknown option, invalid input, missing --yes). */
    readonly USAGE: 2;
    /** The instance (or route) does not exist. */
    readonly NOT_FOUND: 3;
    /** Refused in the current state: still running, sub-orchestration, version not registered, … */
    readonly CONFLICT: 4;
    /** No valid API key, or its role may not do this (or the server is read-only). */
    readonly AUTH: 5;
    /** The server or store cannot be reached. */
    readonly UNAVAILABLE: 6;
    /** No runtime applied the request in time. */
    readonly TIMEOUT: 7;
    /** `replay-check` found instances that diverge, are unregistered or would be rejected. */
    readonly CHECK_FAILED: 8;
};
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
/** A failure the CLI reports in one line and exits with `exitCode`. */
export declare class CliError extends DuroxideError {
    static readonly brand: string;
    readonly exitCode: ExitCode;
    constructor(code: ErrorCode, message: string, exitCode: ExitCode, cause?: unknown);
}
/** The exit code of an HTTP status from the management API. */
export declare function exitCodeForStatus(status: number): ExitCode;
export declare function usageError(message: string): CliError;
