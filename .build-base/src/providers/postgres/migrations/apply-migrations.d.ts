import type { SchemaIdentity } from '../connection-config.js';
import type { Database } from '../database.js';
import type { Migration } from './migration.js';
/** The migration's DDL for one schema. */
export declare function migrationSql(migration: Migration, schema: SchemaIdentity): string;
/**
 * Creates the schema if missing and applies every pending migration, each in its own
 * transaction, all under one transaction-scoped advisory lock per step keyed by the schema:
 * several nodes starting at once queue on the lock, and each re-reads the recorded version
 * after acquiring it, so every migration runs exactly once. A schema whose recorded version is
 * newer than {@link LATEST_SCHEMA_VERSION} is refused with `SchemaTooNewError` before anything
 * is changed, because an older engine could corrupt columns it does not know about.
 *
 * @returns the versions applied by this call (empty when already current).
 */
export declare function applyMigrations(db: Database, schema: SchemaIdentity, now: () => number): Promise<number[]>;
