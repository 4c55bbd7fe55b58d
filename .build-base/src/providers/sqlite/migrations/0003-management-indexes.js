export const MIGRATION_0003_MANAGEMENT_INDEXES = {
    version: 3,
    name: 'management-indexes',
    sql: `
-- Query by name in the page order (createdAt desc, instanceId asc); GROUP BY name.
CREATE INDEX idx_instances_name_created ON instances (orchestration_name, created_at DESC, instance_id);
-- Exact version and version-prefix ranges ("which instances still run 1.0.x"); GROUP BY version.
CREATE INDEX idx_instances_version ON instances (orchestration_version, orchestration_name);
-- Query by last update.
CREATE INDEX idx_instances_updated ON instances (updated_at);
-- Status of current executions (query, counts, metrics) and bulk deletion by completion time.
CREATE INDEX idx_executions_status_completed ON executions (status, completed_at);
`,
};
//# sourceMappingURL=0003-management-indexes.js.map