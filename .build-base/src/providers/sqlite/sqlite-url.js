/**
 * Parsing of `sqlite:` connection URLs.
 * @module
 */
import { InvalidInputError } from '../../core/errors/duroxide-error.js';
/** The special location better-sqlite3 understands as a private in-memory database. */
export const MEMORY_LOCATION = ':memory:';
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
export function parseSqliteUrl(url) {
    const reject = (why) => {
        throw new InvalidInputError(`invalid SQLite url '${url}': ${why}; expected 'sqlite:path/to/file.db' or 'sqlite::memory:'`);
    };
    if (!url.startsWith('sqlite:'))
        return reject("it does not start with 'sqlite:'");
    let rest = url.slice('sqlite:'.length);
    const queryAt = rest.indexOf('?');
    if (queryAt >= 0) {
        const query = rest.slice(queryAt + 1);
        if (query !== 'mode=rwc')
            return reject(`unsupported query '?${query}'`);
        rest = rest.slice(0, queryAt);
    }
    if (rest === MEMORY_LOCATION)
        return MEMORY_LOCATION;
    if (rest.startsWith('//'))
        rest = rest.slice(2);
    if (rest.length === 0)
        return reject('the path is empty');
    return rest;
}
//# sourceMappingURL=sqlite-url.js.map