/**
 * The permanent errors both providers raise when a caller's lock token no longer holds what it
 * locked, and when an ack hands the queues something they do not accept. One wording for both
 * providers, so callers and docs/errors.md see the same message whichever store runs.
 * @module
 */
import { ProviderError } from '../../core/errors/duroxide-error.js';
/** The instance lock behind `token` is gone: the turn's batch can no longer be acked or abandoned. */
export function instanceLockLostError(operation, token, state, instanceId) {
    const consequence = operation === 'ackOrchestrationItem'
        ? 'the instance lock was lost (expired and possibly taken by another dispatcher), nothing was written'
        : 'the batch is no longer held by this caller';
    return lockError(operation, `lock token '${token}' is ${state}; ${consequence}`, instanceId);
}
export function instanceLockNotRenewedError(token) {
    return new ProviderError('renewOrchestrationItemLock', `lock token '${token}' is unknown or expired; the instance lock cannot be renewed`, false);
}
/** An activity's worker lock is gone (the orchestration cancelled it, or the lock expired). */
export function workLockLostError(operation, token) {
    return new ProviderError(operation, `lock token '${token}' is unknown or expired; the activity was cancelled or its lock was lost` +
        (operation === 'ackWorkItem' ? ', so its result is discarded' : ''), false);
}
/** A completion handed over with an orchestration ack whose worker lock is gone. */
export function completedWorkLockLostError(token, instanceId) {
    return lockError('ackOrchestrationItem', `worker lock token '${token}' is unknown or expired; the activity was cancelled or its lock was lost, ` +
        'so its completion cannot be committed and nothing was written', instanceId);
}
export function workItemNotAbandonedError(token) {
    return new ProviderError('abandonWorkItem', `lock token '${token}' is unknown; the activity was cancelled or is locked by another worker`, false);
}
/**
 * Checks the completion of `ackWorkItem`.
 * @throws ProviderError (not retryable) for anything but ActivityCompleted or ActivityFailed.
 */
export function checkWorkCompletion(completion) {
    if (completion !== undefined &&
        completion.type !== 'ActivityCompleted' &&
        completion.type !== 'ActivityFailed') {
        throw new ProviderError('ackWorkItem', `a work item completion must be ActivityCompleted or ActivityFailed, got ${completion.type}`, false);
    }
}
/** A permanent error naming the locked instance when it is known. */
function lockError(operation, message, instanceId) {
    return new ProviderError(operation, message, false, undefined, instanceId === null || instanceId === undefined ? {} : { instanceId });
}
//# sourceMappingURL=lock-token-errors.js.map