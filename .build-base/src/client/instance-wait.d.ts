import type { ExecutionStatus, Provider } from '../providers/provider.js';
import type { OrchestrationStatus } from './types.js';
export interface InstanceWait<R> {
    readonly instanceId: string;
    readonly timeoutMs: number;
    /** Returns the awaited value, or undefined to keep waiting. */
    readonly check: () => Promise<R | undefined>;
    /** Message of the TimeoutError thrown at the deadline. */
    readonly message: string;
    /** Largest poll interval without cross-process signals. Default 100. */
    readonly maxPollMs?: number | undefined;
    /** Commits whose reported execution status cannot matter are skipped. */
    readonly relevant?: ((executionStatus: ExecutionStatus) => boolean) | undefined;
}
/**
 * Polls `check` until it returns a value: immediately, on every commit to the instance the
 * provider signals (`relevant` may skip commits by the execution status they report), and
 * otherwise with a backoff of 5, 10, 20, … ms capped at `maxPollMs`. When the provider also
 * signals other processes' commits (PostgreSQL), polling is only a safety net: it starts at
 * {@link SAFETY_NET_POLL_MS} and backs off to {@link SAFETY_NET_MAX_POLL_MS}.
 * @throws TimeoutError with `message` at the deadline.
 */
export declare function waitForInstance<R>(provider: Provider, wait: InstanceWait<R>): Promise<R>;
/**
 * `client.waitForOrchestration`: waits until the instance is Completed or Failed.
 * @throws TimeoutError after `timeoutMs`.
 */
export declare function waitForCompletion<T>(provider: Provider, instanceId: string, timeoutMs: number): Promise<OrchestrationStatus<T>>;
/**
 * `client.waitForStatusChange`: waits until the custom status version exceeds `lastSeenVersion`
 * or the instance ends.
 * @throws TimeoutError after `timeoutMs`.
 */
export declare function waitForCustomStatus<T>(provider: Provider, instanceId: string, lastSeenVersion: number, pollIntervalMs: number, timeoutMs: number): Promise<OrchestrationStatus<T>>;
