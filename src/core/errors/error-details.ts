/**
 * `ErrorDetails`: the plain-JSON form of an error as stored in history, queue messages and
 * execution output. Never a serialized class instance.
 * @module
 */
import { ERROR_VOCABULARY, storedKind } from './error-codes.js';

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
export function displayMessage(d: ErrorDetails): string {
  switch (d.category) {
    case 'application':
      if (d.kind === 'Cancelled') return `canceled: ${String(d.details?.['reason'] ?? d.message)}`;
      return d.message;
    case 'configuration':
      return storedKind(d.kind) === ERROR_VOCABULARY.NONDETERMINISM.kind
        ? `nondeterministic: ${d.message}`
        : d.message;
    case 'infrastructure':
      return `infrastructure:${d.kind}: ${d.message}`;
    case 'poison':
      return d.message;
  }
}

export function applicationError(
  kind: string,
  message: string,
  details?: Record<string, string | number | boolean | null>,
): ErrorDetails {
  return details === undefined
    ? { category: 'application', kind, message, retryable: false }
    : { category: 'application', kind, message, retryable: false, details };
}

export function cancelledError(reason: string): ErrorDetails {
  return {
    category: 'application',
    kind: 'Cancelled',
    message: '',
    retryable: false,
    details: { reason },
  };
}

/** Where a replay diverged: the event id, what history has there, and what the code did. */
export interface Divergence {
  readonly eventId: number;
  readonly expected: string;
  readonly actual: string;
}

export function nondeterminismError(message: string, divergence?: Divergence): ErrorDetails {
  const kind = ERROR_VOCABULARY.NONDETERMINISM.kind;
  return divergence === undefined
    ? { category: 'configuration', kind, message, retryable: false }
    : { category: 'configuration', kind, message, retryable: false, details: { ...divergence } };
}

/**
 * A configuration failure. `kindOrCode` may be an error code: a thrown `DuroxideError` is
 * stored under its code's kind (`NON_DURABLE_AWAIT` → `NonDurableAwait`), so a failure has one
 * stored kind however it was raised.
 */
export function configurationError(kindOrCode: string, message: string): ErrorDetails {
  return { category: 'configuration', kind: storedKind(kindOrCode), message, retryable: false };
}

export function infrastructureError(
  operation: string,
  message: string,
  retryable = false,
): ErrorDetails {
  return { category: 'infrastructure', kind: operation, message, retryable };
}
