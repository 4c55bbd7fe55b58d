/**
 * Migration 0001: the initial schema. IMMUTABLE once released.
 *
 * All timestamps are integer epoch milliseconds. Payload columns (`work_item`,
 * `event_data`) hold the JSON text of the item/event; the identity columns next to them are
 * copies made for indexing, never the source of truth.
 * @module
 */
import type { Migration } from './migration.js';
export declare const MIGRATION_0001_INITIAL: Migration;
