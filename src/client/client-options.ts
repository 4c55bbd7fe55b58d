/**
 * The Client's constructor options and their checks.
 * @module
 */
import { InvalidInputError } from '../core/errors/duroxide-error.js';
import { DEFAULT_LIMITS } from '../core/limits.js';
import { requireOptionsObject } from './management-arguments.js';

/** Client options. */
export interface ClientOptions {
  /**
   * How long the stored version policies and the node list are reused before they are read
   * again when this client decides the version of a start. Default 1,000.
   */
  readonly fleetRefreshMs?: number;
  /**
   * Largest input, event data or queue message (as JSON, in bytes) this client stores; larger
   * ones are refused with `INVALID_INPUT` before anything is written. Use the same value as the
   * runtimes' `limits.maxPayloadBytes`. Default 4 MiB.
   */
  readonly maxPayloadBytes?: number;
}

/** Checks the options bag of `new Client(provider, options)` and applies the defaults. */
export function parseClientOptions(options: ClientOptions): {
  readonly refreshMs: number;
  readonly maxPayloadBytes: number;
} {
  const fields = requireOptionsObject(options, 'client options', [
    'fleetRefreshMs',
    'maxPayloadBytes',
  ]);
  const refreshMs = fields['fleetRefreshMs'] ?? 1000;
  const maxPayloadBytes = fields['maxPayloadBytes'] ?? DEFAULT_LIMITS.maxPayloadBytes;
  if (
    typeof maxPayloadBytes !== 'number' ||
    !Number.isInteger(maxPayloadBytes) ||
    maxPayloadBytes < 1
  ) {
    throw new InvalidInputError(
      `client option maxPayloadBytes must be a positive integer, got ${JSON.stringify(maxPayloadBytes)}`,
    );
  }
  if (typeof refreshMs !== 'number' || !Number.isInteger(refreshMs) || refreshMs < 0) {
    throw new InvalidInputError(
      `client option fleetRefreshMs must be a non-negative integer, got ${JSON.stringify(refreshMs)}`,
    );
  }
  return { refreshMs, maxPayloadBytes };
}
