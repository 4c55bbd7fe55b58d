/**
 * Shape of one PostgreSQL schema migration.
 * @module
 */
/**
 * One numbered, immutable schema step. Once released a migration is never edited: changes
 * ship as a new migration with the next number, so every database walks the same path.
 */
export interface Migration {
    /** Strictly increasing, starting at 1; recorded in the schema's `duroxide_schema` table. */
    readonly version: number;
    /** Short kebab-case label, recorded for humans inspecting the database. */
    readonly name: string;
    /**
     * DDL run as one script inside the migration's transaction. `{schema}` stands for the quoted
     * schema name (tables are always schema-qualified, never found through `search_path`).
     */
    readonly sql: string;
}
