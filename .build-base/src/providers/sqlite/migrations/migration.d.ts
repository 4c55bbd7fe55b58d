/**
 * Shape of one schema migration.
 * @module
 */
/**
 * One numbered, immutable schema step. Once released a migration is never edited: changes ship
 * as a new migration with the next number, so every database walks the same path (graphile
 * worker's rule, which is what makes rolling deploys predictable).
 */
export interface Migration {
    /** Strictly increasing, starting at 1; recorded in `duroxide_schema`. */
    readonly version: number;
    /** Short kebab-case label, recorded for humans inspecting the database. */
    readonly name: string;
    /** DDL executed as one script inside the migration transaction. */
    readonly sql: string;
}
