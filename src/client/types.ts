/**
 * Read models returned by the `Client` (SPEC §6.2, §6.4; shapes as API.md).
 * @module
 */
import type { ExecutionStatus } from '../providers/provider.js';

export type { ExecutionStatus };

/** Status of an instance as `getStatus` reports it (duroxide-node shape). */
export interface OrchestrationStatus<T = unknown> {
  readonly status: 'Running' | 'Completed' | 'Failed' | 'NotFound';
  /** The orchestration's output (Completed). */
  readonly output?: T;
  /** The failure's display message (Failed). */
  readonly error?: string;
  readonly customStatus?: unknown;
  readonly customStatusVersion: number;
}

export interface InstanceInfo {
  readonly instanceId: string;
  readonly orchestrationName: string;
  /** The version the current execution runs (`'unknown'` if never recorded). */
  readonly orchestrationVersion: string;
  readonly currentExecutionId: number;
  /** Status of the current execution. */
  readonly status: ExecutionStatus;
  /** Completed: output; ContinuedAsNew: next input; Failed: error message. */
  readonly output?: unknown;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly parentInstanceId?: string;
  readonly customStatus?: unknown;
  readonly customStatusVersion: number;
}

export interface ExecutionInfo {
  readonly executionId: number;
  readonly orchestrationName?: string;
  /** The version this execution ran. */
  readonly orchestrationVersion?: string;
  readonly status: ExecutionStatus;
  /** Completed: output; ContinuedAsNew: next input; Failed: error message. */
  readonly output?: unknown;
  readonly startedAt: number;
  readonly completedAt?: number;
  readonly eventCount: number;
}

/** One history event as `readExecutionHistory` returns it. */
export interface HistoryEventInfo {
  readonly eventId: number;
  /** The event type, e.g. `ActivityScheduled`. */
  readonly kind: string;
  readonly sourceEventId?: number;
  readonly timestampMs: number;
  /** The event's own fields; JSON payloads (input, result, output, data, status, value) decoded. */
  readonly data?: Readonly<Record<string, unknown>>;
}
