/**
 * In-process counters, read with `runtime.metricsSnapshot()`.
 * @module
 */

export interface MetricsSnapshot {
  readonly orchStarts: number;
  readonly orchCompletions: number;
  readonly orchFailures: number;
  readonly orchApplicationErrors: number;
  readonly orchInfrastructureErrors: number;
  readonly orchConfigurationErrors: number;
  readonly orchPoison: number;
  readonly orchContinueAsNew: number;
  readonly activitySuccess: number;
  readonly activityAppErrors: number;
  readonly activityInfraErrors: number;
  readonly activityConfigErrors: number;
  readonly activityPoison: number;
  readonly activityCancelled: number;
  readonly orchDispatcherItemsFetched: number;
  readonly workerDispatcherItemsFetched: number;
  /** Activities run right after the turn that scheduled them, without a worker-queue fetch. */
  readonly localActivityRuns: number;
  /** Turns committed while the instance stayed locked after the previous turn (no fetch). */
  readonly localTurns: number;
  readonly suborchestrationCalls: number;
  readonly providerErrors: number;
  /** Suspended instances held by the live-instance cache. */
  readonly cachedInstances: number;
}

export type RuntimeMetrics = { -readonly [K in keyof MetricsSnapshot]: number };

export function newRuntimeMetrics(): RuntimeMetrics {
  return {
    orchStarts: 0,
    orchCompletions: 0,
    orchFailures: 0,
    orchApplicationErrors: 0,
    orchInfrastructureErrors: 0,
    orchConfigurationErrors: 0,
    orchPoison: 0,
    orchContinueAsNew: 0,
    activitySuccess: 0,
    activityAppErrors: 0,
    activityInfraErrors: 0,
    activityConfigErrors: 0,
    activityPoison: 0,
    activityCancelled: 0,
    orchDispatcherItemsFetched: 0,
    workerDispatcherItemsFetched: 0,
    localActivityRuns: 0,
    localTurns: 0,
    suborchestrationCalls: 0,
    providerErrors: 0,
    cachedInstances: 0,
  };
}
