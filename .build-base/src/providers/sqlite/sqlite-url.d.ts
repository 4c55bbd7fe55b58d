/** The special location better-sqlite3 understands as a private in-memory database. */
export declare const MEMORY_LOCATION = ":memory:";
/**
 * Turns a connection URL into a file path or {@link MEMORY_LOCATION}.
 *
 * Accepted forms (the ones duroxide users write in Rust/Node configs):
 * - `sqlite::memory:` → in-memory database;
 * - `sqlite:path/to/file.db`, `sqlite:./file.db`, `sqlite:/abs/file.db` → that path;
 * - `sqlite://path` and `sqlite:///abs/path` → the path after the (empty) authority;
 * - an optional `?mode=rwc` suffix (sqlx's "create if missing") is accepted and ignored,
 *   because files are always created when missing.
 *
 * @throws InvalidInputError naming the url for anything else.
 */
export declare function parseSqliteUrl(url: string): string;
