/**
 * Prepared statements for queries whose SQL text depends on which optional criteria are set.
 * @module
 */
import type Database from 'better-sqlite3';
/**
 * Prepares each distinct SQL text once per connection. Queries with optional criteria are
 * built with only the conditions that apply (never `@x IS NULL OR col = @x`, which keeps
 * SQLite from using an index); the number of distinct texts is bounded by the number of
 * criteria combinations, so the cache needs no eviction.
 */
export declare class StatementCache {
    #private;
    constructor(db: Database.Database);
    get<Params extends object, Row = unknown>(sql: string): Database.Statement<Params, Row>;
}
