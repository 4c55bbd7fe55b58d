/** Category of a stored error. `poison` marks items that exceeded `maxAttempts`. */
type ErrorDetailsCategory = 'application' | 'configuration' | 'infrastructure' | 'poison';
export interface ErrorDetails {
    readonly category: ErrorDetailsCategory;
    /**
     * What kind of failure: `ActivityFailed`, `OrchestrationFailed`, `Cancelled`, `Timeout`
     * (application); for configuration errors the kind of their code (`Nondeterminism`,
     * `NonDurableAwait`, … — see `ERROR_VOCABULARY`); the failed operation (infrastructure);
     * `Orchestration`, `Activity`, `FailedDeserialization` (poison).
     */
    readonly kind: string;
    readonly message: string;
    readonly retryable?: boolean | undefined;
    /** Extra structured context: cancellation reason, error name, attempt counts, … */
    readonly details?: Readonly<Record<string, string | number | boolean | null>> | undefined;
}
/**
 * The contract string that orchestration code, execution output and clients see.
 */
export declare function displayMessage(d: ErrorDetails): string;
export declare function applicationError(kind: string, message: string, details?: Record<string, string | number | boolean | null>): ErrorDetails;
export declare function cancelledError(reason: string): ErrorDetails;
/** Where a replay diverged: the event id, what history has there, and what the code did. */
export interface Divergence {
    readonly eventId: number;
    readonly expected: string;
    readonly actual: string;
}
export declare function nondeterminismError(message: string, divergence?: Divergence): ErrorDetails;
/**
 * A configuration failure. `kindOrCode` may be an error code: a thrown `DuroxideError` is
 * stored under its code's kind (`NON_DURABLE_AWAIT` → `NonDurableAwait`), so a failure has one
 * stored kind however it was raised.
 */
export declare function configurationError(kindOrCode: string, message: string): ErrorDetails;
export declare function infrastructureError(operation: string, message: string, retryable?: boolean): ErrorDetails;
export {};
