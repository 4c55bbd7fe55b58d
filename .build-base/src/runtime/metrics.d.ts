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
export type RuntimeMetrics = {
    -readonly [K in keyof MetricsSnapshot]: number;
};
export declare function newRuntimeMetrics(): RuntimeMetrics;
