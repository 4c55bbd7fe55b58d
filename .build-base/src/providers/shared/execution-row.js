export function toExecutionRecord(row) {
    return {
        executionId: row.execution_id,
        orchestrationName: row.orchestration_name ?? undefined,
        orchestrationVersion: row.orchestration_version ?? undefined,
        status: row.status,
        output: row.output ?? undefined,
        startedAt: row.started_at,
        completedAt: row.completed_at ?? undefined,
        eventCount: row.event_count,
    };
}
//# sourceMappingURL=execution-row.js.map