export const MIGRATION_0002_WORKER_ACTIVITY_NAME = {
    version: 2,
    name: 'worker-activity-name',
    sql: `
ALTER TABLE worker_queue ADD COLUMN activity_name TEXT;
UPDATE worker_queue SET activity_name = json_extract(work_item, '$.name');
CREATE INDEX idx_worker_queue_activity_name ON worker_queue (activity_name);
`,
};
//# sourceMappingURL=0002-worker-activity-name.js.map