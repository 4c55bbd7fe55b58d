/**
 * The ordered list of every PostgreSQL migration this build knows. Numbered independently of
 * the SQLite migrations: each provider's schema evolves on its own.
 * @module
 */
import { MIGRATION_0001_INITIAL } from './0001-initial.js';
import { MIGRATION_0002_ACK_HANDOFF } from './0002-ack-handoff.js';
import { MIGRATION_0003_FLEET } from './0003-fleet.js';
import { MIGRATION_0004_OPERATOR_STORE } from './0004-operator-store.js';
import { MIGRATION_0005_POISONED_ITEMS } from './0005-poisoned-items.js';
import { MIGRATION_0006_POISONED_ITEMS_PRUNING } from './0006-poisoned-items-pruning.js';
import { MIGRATION_0007_START_BATCH } from './0007-start-batch.js';
import type { Migration } from './migration.js';

/** Ascending by version; append new migrations, never reorder or edit released ones. */
export const MIGRATIONS: readonly Migration[] = [
  MIGRATION_0001_INITIAL,
  MIGRATION_0002_ACK_HANDOFF,
  MIGRATION_0003_FLEET,
  MIGRATION_0004_OPERATOR_STORE,
  MIGRATION_0005_POISONED_ITEMS,
  MIGRATION_0006_POISONED_ITEMS_PRUNING,
  MIGRATION_0007_START_BATCH,
];

/** The schema version a database has after all known migrations ran. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
