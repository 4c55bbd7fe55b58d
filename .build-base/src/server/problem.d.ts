/**
 * Errors as `application/problem+json` (RFC 9457) carrying the stable error `code`. One table
 * maps each `DuroxideError` code to its HTTP status; anything else is a 500 with code
 * `INTERNAL_ERROR` and no stack trace or message from inside the server.
 * @module
 */
import { type ErrorCode } from '../core/errors/duroxide-error.js';
export interface ProblemDetails {
    readonly type: string;
    readonly title: string;
    readonly status: number;
    readonly code: string;
    readonly detail: string;
    readonly context?: Readonly<Record<string, unknown>>;
    readonly errors?: readonly {
        readonly path: string;
        readonly message: string;
    }[];
}
export declare const PROBLEM_CONTENT_TYPE = "application/problem+json";
export declare function problem(status: number, code: ErrorCode, detail: string, extra?: Pick<ProblemDetails, 'context' | 'errors'>): ProblemDetails;
export declare function problemResponse(body: ProblemDetails, headers?: Record<string, string>): Response;
/** The problem for a thrown error; `isInternal` says it was not a DuroxideError (log it). */
export declare function problemFor(error: unknown): {
    body: ProblemDetails;
    isInternal: boolean;
};
