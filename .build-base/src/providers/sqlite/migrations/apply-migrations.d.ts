/**
 * Brings a database to the latest schema on open, or refuses one written by a newer build.
 * @module
 */
import type Database from 'better-sqlite3';
/**
 * Applies every pending migration in ONE `BEGIN IMMEDIATE` transaction: two processes opening
 * the same fresh file serialize on the write lock, and the second sees the first's versions
 * and has nothing left to do. A database whose recorded version is newer than
 * {@link LATEST_SCHEMA_VERSION} is refused with `SchemaTooNewError` before anything is written,
 * because an older engine could corrupt columns it does not know about.
 *
 * @param location - the file path (or `:memory:`), only used in the error message.
 * @returns the versions applied by this call (empty when already current).
 */
export declare function applyMigrations(db: Database.Database, location: string, now: number): number[];
