/**
 * The parts of duroxide-node's client semantics that need more than a delegation: the output of
 * `waitForOrchestrationTyped`, and KV value sizes counted as duroxide-node counts them.
 * @module
 */
import { OrchestrationFailedError } from '../core/errors/duroxide-error.js';
import { utf8Bytes } from '../core/limits.js';
import type { OrchestrationStatus } from './types.js';

/** The output of a finished instance; throws `OrchestrationFailedError` for a Failed one. */
export function waitForOutput<T>(instanceId: string, status: OrchestrationStatus<T>): T {
  if (status.status === 'Failed') throw new OrchestrationFailedError(instanceId, status.error ?? 'failed');
  return (status as { output?: T }).output as T;
}

/**
 * Total UTF-8 bytes of stored KV values (JSON text) as duroxide-node counts them: its values are
 * plain strings, so a string value counts its characters' bytes without JSON quotes or escapes;
 * any other value counts its JSON text.
 */
export function kvValueBytes(values: ReadonlyMap<string, string>): number {
  let total = 0;
  for (const text of values.values()) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    total += utf8Bytes(typeof value === 'string' ? value : text);
  }
  return total;
}
