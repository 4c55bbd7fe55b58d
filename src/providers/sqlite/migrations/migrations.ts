/**
 * The ordered list of every SQLite migration this build knows.
 * @module
 */
import type { Migration } from './migration.js';
import { MIGRATION_0001_INITIAL } from './0001-initial.js';
import { MIGRATION_0002_WORKER_ACTIVITY_NAME } from './0002-worker-activity-name.js';
import { MIGRATION_0003_MANAGEMENT_INDEXES } from './0003-management-indexes.js';
import { MIGRATION_0004_KV_AND_SESSIONS } from './0004-kv-and-sessions.js';
import { MIGRATION_0005_FLEET } from './0005-fleet.js';
import { MIGRATION_0006_OPERATOR_STORE } from './0006-operator-store.js';
import { MIGRATION_0007_POISONED_ITEMS } from './0007-poisoned-items.js';
import { MIGRATION_0008_POISONED_ITEMS_PRUNING } from './0008-poisoned-items-pruning.js';

/** Ascending by version; append new migrations, never reorder or edit released ones. */
export const MIGRATIONS: readonly Migration[] = [
  MIGRATION_0001_INITIAL,
  MIGRATION_0002_WORKER_ACTIVITY_NAME,
  MIGRATION_0003_MANAGEMENT_INDEXES,
  MIGRATION_0004_KV_AND_SESSIONS,
  MIGRATION_0005_FLEET,
  MIGRATION_0006_OPERATOR_STORE,
  MIGRATION_0007_POISONED_ITEMS,
  MIGRATION_0008_POISONED_ITEMS_PRUNING,
];

/** The schema version a database has after all known migrations ran. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
