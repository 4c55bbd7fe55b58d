/**
 * Migration 0002: the activity name as a worker-queue column, so a worker can skip activities
 * it does not have (rolling deployments). IMMUTABLE once released.
 * @module
 */
import type { Migration } from './migration.js';
export declare const MIGRATION_0002_WORKER_ACTIVITY_NAME: Migration;
