/**
 * Prepares each distinct SQL text once per connection. Queries with optional criteria are
 * built with only the conditions that apply (never `@x IS NULL OR col = @x`, which keeps
 * SQLite from using an index); the number of distinct texts is bounded by the number of
 * criteria combinations, so the cache needs no eviction.
 */
export class StatementCache {
    #db;
    #statements = new Map();
    constructor(db) {
        this.#db = db;
    }
    get(sql) {
        let statement = this.#statements.get(sql);
        if (statement === undefined) {
            statement = this.#db.prepare(sql);
            this.#statements.set(sql, statement);
        }
        return statement;
    }
}
//# sourceMappingURL=statement-cache.js.map