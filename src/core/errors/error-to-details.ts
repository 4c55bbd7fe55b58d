/**
 * `errorToDetails`: how a value thrown by orchestration code is stored when it ends the
 * orchestration (plain-JSON `ErrorDetails`, never a serialized class instance; see
 * docs/errors.md).
 * @module
 */
import { DuroxideError } from './duroxide-error.js';
import { applicationError, configurationError, infrastructureError, type ErrorDetails } from './error-details.js';

/**
 * Configuration and infrastructure `DuroxideError`s keep their category; anything else is an
 * application `OrchestrationFailed` with the thrown value's message (and its class name, when
 * it is not a plain `Error`).
 */
export function errorToDetails(e: unknown): ErrorDetails {
  if (e instanceof DuroxideError && e.category === 'configuration') {
    return configurationError(e.code, e.message);
  }
  if (e instanceof DuroxideError && e.category === 'infrastructure') {
    return infrastructureError(e.context.operation ?? e.code, e.message, e.retryable);
  }
  const name = e instanceof Error ? e.name : undefined;
  return applicationError(
    'OrchestrationFailed',
    errorMessage(e),
    name !== undefined && name !== 'Error' ? { errorName: name } : undefined,
  );
}

/** The message of a thrown value: `Error#message`, or the value as a string. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
