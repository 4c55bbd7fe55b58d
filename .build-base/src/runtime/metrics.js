/**
 * In-process counters, read with `runtime.metricsSnapshot()`.
 * @module
 */
export function newRuntimeMetrics() {
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
//# sourceMappingURL=metrics.js.map