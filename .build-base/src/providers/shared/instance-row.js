export function toInstanceRecord(row) {
    return {
        instanceId: row.instance_id,
        orchestrationName: row.orchestration_name,
        orchestrationVersion: row.orchestration_version ?? undefined,
        currentExecutionId: row.current_execution_id,
        status: row.status,
        output: row.output ?? undefined,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        parentInstanceId: row.parent_instance_id ?? undefined,
        customStatus: row.custom_status ?? undefined,
        customStatusVersion: row.custom_status_version,
        // Present only when set (records of unpinned instances keep their shape).
        ...(row.version_pin == null ? {} : { versionPin: row.version_pin }),
        ...(row.next_version == null ? {} : { nextVersion: row.next_version }),
    };
}
//# sourceMappingURL=instance-row.js.map