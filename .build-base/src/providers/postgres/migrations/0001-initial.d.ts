/**
 * Migration 0001: the initial PostgreSQL schema. IMMUTABLE once released.
 *
 * Mirrors the SQLite schema table for table so both providers behave alike:
 * - every timestamp is a BIGINT of epoch milliseconds taken from the application clock
 *   (like duroxide-pg's `now_ms` parameters), never the database clock, so lock expiry and
 *   timer visibility compare values written by the same kind of clock;
 * - payload columns (`work_item`, `event_data`) hold the JSON text exactly as the runtime
 *   produced it (TEXT, not JSONB: storage is opaque, and nothing queries inside it);
 * - the identity columns next to them are copies made for indexing, never the source of truth;
 * - identifiers (instance ids, names, versions) use the "C" collation: byte order, like SQLite,
 *   whatever locale the cluster was created with, so listings and prefix filters sort and
 *   match the same way on both providers.
 *
 * The two operations that need many statements — fetching and acking an orchestration item —
 * are plpgsql functions, so each costs one round trip instead of a dozen; their steps mirror
 * the SQLite provider's statements one for one (the TypeScript callers document the rules).
 * Every other operation is a single SQL statement sent from TypeScript.
 * @module
 */
import type { Migration } from './migration.js';
export declare const MIGRATION_0001_INITIAL: Migration;
