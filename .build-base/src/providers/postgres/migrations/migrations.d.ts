import type { Migration } from './migration.js';
/** Ascending by version; append new migrations, never reorder or edit released ones. */
export declare const MIGRATIONS: readonly Migration[];
/** The schema version a database has after all known migrations ran. */
export declare const LATEST_SCHEMA_VERSION: number;
