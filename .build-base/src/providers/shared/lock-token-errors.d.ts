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
export declare function instanceLockLostError(operation: 'ackOrchestrationItem' | 'abandonOrchestrationItem', token: string, state: LockTokenState, instanceId: string | null | undefined): ProviderError;
export declare function instanceLockNotRenewedError(token: string): ProviderError;
/** An activity's worker lock is gone (the orchestration cancelled it, or the lock expired). */
export declare function workLockLostError(operation: 'ackWorkItem' | 'renewWorkItemLock', token: string): ProviderError;
/** A completion handed over with an orchestration ack whose worker lock is gone. */
export declare function completedWorkLockLostError(token: string, instanceId: string | null | undefined): ProviderError;
export declare function workItemNotAbandonedError(token: string): ProviderError;
/**
 * Checks the completion of `ackWorkItem`.
 * @throws ProviderError (not retryable) for anything but ActivityCompleted or ActivityFailed.
 */
export declare function checkWorkCompletion(completion: WorkItem | undefined): void;
