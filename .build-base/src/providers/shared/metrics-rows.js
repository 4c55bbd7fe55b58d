/** An empty database reads as all zeros. */
export function toQueueDepths(row) {
    return {
        orchestratorQueue: row?.orchestrator ?? 0,
        workerQueue: row?.worker ?? 0,
        timerQueue: row?.timer ?? 0,
    };
}
export function toOrchestrationStats(row) {
    return {
        historyEventCount: row.events,
        historySizeBytes: row.bytes,
        queuePendingCount: row.pending,
        kvUserKeyCount: row.kv_keys,
        kvTotalValueBytes: row.kv_bytes,
    };
}
//# sourceMappingURL=metrics-rows.js.map