/**
 * The permanent errors both providers raise when a caller's lock token no longer holds what it
 * locked, and when an ack hands the queues something they do not accept. One wording for both
 * providers, so callers and docs/errors.md see the same message whichever store runs.
 * @module
 */
import { ProviderError } from '../../core/errors/duroxide-error.js';
import type { WorkItem } from '../../core/history/work-item.js';

/** Why an instance lock token is not valid: no lock row has it, or its lock ran out. */
export type LockTokenState = 'unknown' | 'expired';

/** The instance lock behind `token` is gone: the turn's batch can no longer be acked or abandoned. */
export function instanceLockLostError(
  operation: 'ackOrchestrationItem' | 'abandonOrchestrationItem',
  token: string,
  state: LockTokenState,
  instanceId: string | null | undefined,
): ProviderError {
  const consequence =
    operation === 'ackOrchestrationItem'
      ? 'the instance lock was lost (expired and possibly taken by another dispatcher), nothing was written'
      : 'the batch is no longer held by this caller';
  return lockError(operation, `lock token '${token}' is ${state}; ${consequence}`, instanceId);
}

export function instanceLockNotRenewedError(token: string): ProviderError {
  return new ProviderError(
    'renewOrchestrationItemLock',
    `lock token '${token}' is unknown or expired; the instance lock cannot be renewed`,
    false,
  );
}

/** An activity's worker lock is gone (the orchestration cancelled it, or the lock expired). */
export function workLockLostError(
  operation: 'ackWorkItem' | 'renewWorkItemLock',
  token: string,
): ProviderError {
  return new ProviderError(
    operation,
    `lock token '${token}' is unknown or expired; the activity was cancelled or its lock was lost` +
      (operation === 'ackWorkItem' ? ', so its result is discarded' : ''),
    false,
  );
}

/** A completion handed over with an orchestration ack whose worker lock is gone. */
export function completedWorkLockLostError(
  token: string,
  instanceId: string | null | undefined,
): ProviderError {
  return lockError(
    'ackOrchestrationItem',
    `worker lock token '${token}' is unknown or expired; the activity was cancelled or its lock was lost, ` +
      'so its completion cannot be committed and nothing was written',
    instanceId,
  );
}

export function workItemNotAbandonedError(token: string): ProviderError {
  return new ProviderError(
    'abandonWorkItem',
    `lock token '${token}' is unknown; the activity was cancelled or is locked by another worker`,
    false,
  );
}

/**
 * Checks the completion of `ackWorkItem`.
 * @throws ProviderError (not retryable) for anything but ActivityCompleted or ActivityFailed.
 */
export function checkWorkCompletion(completion: WorkItem | undefined): void {
  if (
    completion !== undefined &&
    completion.type !== 'ActivityCompleted' &&
    completion.type !== 'ActivityFailed'
  ) {
    throw new ProviderError(
      'ackWorkItem',
      `a work item completion must be ActivityCompleted or ActivityFailed, got ${completion.type}`,
      false,
    );
  }
}

/** A permanent error naming the locked instance when it is known. */
function lockError(
  operation: string,
  message: string,
  instanceId: string | null | undefined,
): ProviderError {
  return new ProviderError(
    operation,
    message,
    false,
    undefined,
    instanceId === null || instanceId === undefined ? {} : { instanceId },
  );
}
