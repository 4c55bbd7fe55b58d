/**
 * Migration 0002: the activity name as a worker-queue column, so a worker can skip activities
 * it does not have (rolling deployments). IMMUTABLE once released.
 * @module
 */
import type { Migration } from './migration.js';

export const MIGRATION_0002_WORKER_ACTIVITY_NAME: Migration = {
  version: 2,
  name: 'worker-activity-name',
  sql: `
ALTER TABLE worker_queue ADD COLUMN activity_name TEXT;
UPDATE worker_queue SET activity_name = json_extract(work_item, '$.name');
CREATE INDEX idx_worker_queue_activity_name ON worker_queue (activity_name);
`,
};
