import { type ErrorDetails } from './error-details.js';
/**
 * Configuration and infrastructure `DuroxideError`s keep their category; anything else is an
 * application `OrchestrationFailed` with the thrown value's message (and its class name, when
 * it is not a plain `Error`).
 */
export declare function errorToDetails(e: unknown): ErrorDetails;
/**
 * The message of a thrown value, never throwing itself: `Error#message` (a getter that throws
 * or returns a non-string is survived), a string as is, other values as JSON when they have any
 * (`{ code: 42 }`, not `[object Object]`), else `String(value)`.
 */
export declare function errorMessage(e: unknown): string;
/** The name of a thrown Error, when it is not the plain `Error` (never throwing). */
export declare function errorName(e: unknown): string | undefined;
