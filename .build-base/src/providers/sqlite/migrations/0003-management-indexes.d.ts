/**
 * Migration 0003: indexes for the management API — the instance query and its facet counts,
 * bulk deletion by completion time, metrics by status. Indexes only; no data is rewritten.
 * IMMUTABLE once released.
 * @module
 */
import type { Migration } from './migration.js';
export declare const MIGRATION_0003_MANAGEMENT_INDEXES: Migration;
