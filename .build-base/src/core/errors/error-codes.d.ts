/**
 * The error vocabulary: every stable error code, and for each its category, whether
 * trying again may succeed, and the `kind` under which a failure with that code is stored in
 * history (`ErrorDetails.kind`). The error classes take their category and `retryable` from
 * here, and the engine stores a thrown error under its code's kind, so one code never appears
 * under two spellings. docs/errors.md lists exactly these codes (a test compares them).
 * @module
 */
export declare const ERROR_CODES: {
    readonly INVALID_INPUT: "INVALID_INPUT";
    readonly INSTANCE_NOT_FOUND: "INSTANCE_NOT_FOUND";
    readonly INSTANCE_ALREADY_EXISTS: "INSTANCE_ALREADY_EXISTS";
    readonly INSTANCE_STILL_RUNNING: "INSTANCE_STILL_RUNNING";
    readonly CANNOT_DELETE_SUB_ORCHESTRATION: "CANNOT_DELETE_SUB_ORCHESTRATION";
    readonly INSTANCE_TREE_CHANGED: "INSTANCE_TREE_CHANGED";
    readonly TIMEOUT: "TIMEOUT";
    readonly PROVIDER_ERROR: "PROVIDER_ERROR";
    readonly SCHEMA_TOO_NEW: "SCHEMA_TOO_NEW";
    readonly NONDETERMINISM: "NONDETERMINISM";
    readonly NON_DURABLE_AWAIT: "NON_DURABLE_AWAIT";
    readonly INVALID_REGISTRATION: "INVALID_REGISTRATION";
    readonly INPUT_REJECTED: "INPUT_REJECTED";
    readonly INVALID_STATE: "INVALID_STATE";
    readonly CAPABILITY_MISSING: "CAPABILITY_MISSING";
    readonly VERSION_NOT_REGISTERED: "VERSION_NOT_REGISTERED";
    readonly REQUEST_REFUSED: "REQUEST_REFUSED";
    readonly ACTIVITY_FAILED: "ACTIVITY_FAILED";
    readonly SUB_ORCHESTRATION_FAILED: "SUB_ORCHESTRATION_FAILED";
    readonly UNAUTHENTICATED: "UNAUTHENTICATED";
    readonly PERMISSION_DENIED: "PERMISSION_DENIED";
    readonly ROUTE_NOT_FOUND: "ROUTE_NOT_FOUND";
    readonly INTERNAL_ERROR: "INTERNAL_ERROR";
    readonly ORCHESTRATION_FAILED: "ORCHESTRATION_FAILED";
};
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];
export declare const ERROR_CATEGORIES: {
    readonly infrastructure: "infrastructure";
    readonly configuration: "configuration";
    readonly application: "application";
};
export type ErrorCategory = (typeof ERROR_CATEGORIES)[keyof typeof ERROR_CATEGORIES];
/** What a code means. @internal */
export interface ErrorCodeInfo {
    readonly category: ErrorCategory;
    /** Whether the same call may succeed when tried again (a `ProviderError` decides per error). */
    readonly retryable: boolean;
    /** The `ErrorDetails.kind` a failure with this code is stored under. */
    readonly kind: string;
}
/** @internal */
export declare const ERROR_VOCABULARY: {
    readonly [C in ErrorCode]: ErrorCodeInfo;
};
export declare function isErrorCode(value: unknown): value is ErrorCode;
/**
 * The stored kind for `kindOrCode`: a code becomes its kind (`NON_DURABLE_AWAIT` →
 * `NonDurableAwait`); anything else is already a kind and is returned unchanged. This also
 * reads failures stored before the kinds were unified, which used the code as the kind.
 */
export declare function storedKind(kindOrCode: string): string;
