/**
 * The error vocabulary: every stable error code, and for each its category, whether
 * trying again may succeed, and the `kind` under which a failure with that code is stored in
 * history (`ErrorDetails.kind`). The error classes take their category and `retryable` from
 * here, and the engine stores a thrown error under its code's kind, so one code never appears
 * under two spellings. docs/errors.md lists exactly these codes (a test compares them).
 * @module
 */

export const ERROR_CODES = {
  INVALID_INPUT: 'INVALID_INPUT',
  INSTANCE_NOT_FOUND: 'INSTANCE_NOT_FOUND',
  INSTANCE_ALREADY_EXISTS: 'INSTANCE_ALREADY_EXISTS',
  INSTANCE_STILL_RUNNING: 'INSTANCE_STILL_RUNNING',
  CANNOT_DELETE_SUB_ORCHESTRATION: 'CANNOT_DELETE_SUB_ORCHESTRATION',
  INSTANCE_TREE_CHANGED: 'INSTANCE_TREE_CHANGED',
  TIMEOUT: 'TIMEOUT',
  PROVIDER_ERROR: 'PROVIDER_ERROR',
  SCHEMA_TOO_NEW: 'SCHEMA_TOO_NEW',
  NONDETERMINISM: 'NONDETERMINISM',
  NON_DURABLE_AWAIT: 'NON_DURABLE_AWAIT',
  INVALID_REGISTRATION: 'INVALID_REGISTRATION',
  INPUT_REJECTED: 'INPUT_REJECTED',
  INVALID_STATE: 'INVALID_STATE',
  CAPABILITY_MISSING: 'CAPABILITY_MISSING',
  VERSION_NOT_REGISTERED: 'VERSION_NOT_REGISTERED',
  REQUEST_REFUSED: 'REQUEST_REFUSED',
  ACTIVITY_FAILED: 'ACTIVITY_FAILED',
  SUB_ORCHESTRATION_FAILED: 'SUB_ORCHESTRATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  RESOURCE_NOT_FOUND: 'RESOURCE_NOT_FOUND',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
  ORCHESTRATION_FAILED: 'ORCHESTRATION_FAILED',
  ORCHESTRATION_CODE_TIMEOUT: 'ORCHESTRATION_CODE_TIMEOUT',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export const ERROR_CATEGORIES = {
  infrastructure: 'infrastructure',
  configuration: 'configuration',
  application: 'application',
} as const;
export type ErrorCategory = (typeof ERROR_CATEGORIES)[keyof typeof ERROR_CATEGORIES];

/** What a code means. (Not part of the public API.) */
export interface ErrorCodeInfo {
  readonly category: ErrorCategory;
  /** Whether the same call may succeed when tried again (a `ProviderError` decides per error). */
  readonly retryable: boolean;
  /** The `ErrorDetails.kind` a failure with this code is stored under. */
  readonly kind: string;
}

/** @internal */
export const ERROR_VOCABULARY: { readonly [C in ErrorCode]: ErrorCodeInfo } = {
  INVALID_INPUT: { category: 'application', retryable: false, kind: 'InvalidInput' },
  INSTANCE_NOT_FOUND: { category: 'application', retryable: false, kind: 'InstanceNotFound' },
  INSTANCE_ALREADY_EXISTS: {
    category: 'application',
    retryable: false,
    kind: 'InstanceAlreadyExists',
  },
  INSTANCE_STILL_RUNNING: {
    category: 'application',
    retryable: false,
    kind: 'InstanceStillRunning',
  },
  CANNOT_DELETE_SUB_ORCHESTRATION: {
    category: 'application',
    retryable: false,
    kind: 'CannotDeleteSubOrchestration',
  },
  // Not retryable as the same provider call: the tree must be read again (the Client does that).
  INSTANCE_TREE_CHANGED: {
    category: 'infrastructure',
    retryable: false,
    kind: 'InstanceTreeChanged',
  },
  TIMEOUT: { category: 'infrastructure', retryable: true, kind: 'Timeout' },
  PROVIDER_ERROR: { category: 'infrastructure', retryable: false, kind: 'ProviderError' },
  SCHEMA_TOO_NEW: { category: 'configuration', retryable: false, kind: 'SchemaTooNew' },
  NONDETERMINISM: { category: 'configuration', retryable: false, kind: 'Nondeterminism' },
  NON_DURABLE_AWAIT: { category: 'configuration', retryable: false, kind: 'NonDurableAwait' },
  INVALID_REGISTRATION: {
    category: 'configuration',
    retryable: false,
    kind: 'InvalidRegistration',
  },
  INPUT_REJECTED: { category: 'configuration', retryable: false, kind: 'InputRejected' },
  INVALID_STATE: { category: 'configuration', retryable: false, kind: 'InvalidState' },
  CAPABILITY_MISSING: { category: 'configuration', retryable: false, kind: 'CapabilityMissing' },
  VERSION_NOT_REGISTERED: {
    category: 'configuration',
    retryable: false,
    kind: 'VersionNotRegistered',
  },
  REQUEST_REFUSED: { category: 'configuration', retryable: false, kind: 'RequestRefused' },
  ACTIVITY_FAILED: { category: 'application', retryable: false, kind: 'ActivityFailed' },
  SUB_ORCHESTRATION_FAILED: {
    category: 'application',
    retryable: false,
    kind: 'SubOrchestrationFailed',
  },
  // Management server (docs/management-api.md).
  UNAUTHENTICATED: { category: 'application', retryable: false, kind: 'Unauthenticated' },
  PERMISSION_DENIED: { category: 'application', retryable: false, kind: 'PermissionDenied' },
  ROUTE_NOT_FOUND: { category: 'application', retryable: false, kind: 'RouteNotFound' },
  RESOURCE_NOT_FOUND: { category: 'application', retryable: false, kind: 'ResourceNotFound' },
  INTERNAL_ERROR: { category: 'infrastructure', retryable: false, kind: 'InternalError' },
  ORCHESTRATION_FAILED: { category: 'application', retryable: false, kind: 'OrchestrationFailed' },
  ORCHESTRATION_CODE_TIMEOUT: {
    category: 'configuration',
    retryable: false,
    kind: 'OrchestrationCodeTimeout',
  },
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_VOCABULARY, value);
}

/**
 * The stored kind for `kindOrCode`: a code becomes its kind (`NON_DURABLE_AWAIT` →
 * `NonDurableAwait`); anything else is already a kind and is returned unchanged. This also
 * reads failures stored before the kinds were unified, which used the code as the kind.
 */
export function storedKind(kindOrCode: string): string {
  return isErrorCode(kindOrCode) ? ERROR_VOCABULARY[kindOrCode].kind : kindOrCode;
}
