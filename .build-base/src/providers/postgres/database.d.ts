import type { Pool, QueryResultRow } from 'pg';
/** What statements need: run one SQL text with positional parameters. */
export interface Queryable {
    /**
     * `prepared`: a fixed, frequently run text — run it as a named prepared statement (parsed
     * once per connection) when the provider allows it.
     */
    query<R extends QueryResultRow = QueryResultRow>(text: string, values?: readonly unknown[], prepared?: boolean): Promise<QueryRows<R>>;
}
export interface QueryRows<R> {
    readonly rows: R[];
    /** Rows affected (INSERT/UPDATE/DELETE) or returned (SELECT). */
    readonly rowCount: number;
}
/** A `Queryable` that can also run a transaction (the provider's pool). */
export interface Transactional extends Queryable {
    /** Runs `fn` between BEGIN and COMMIT on one connection; any error rolls back and is rethrown. */
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}
/** Failure to get a connection at all: nothing reached the server, so any operation may be retried. */
export declare class ConnectionAcquireError extends Error {
    readonly code: string | undefined;
    constructor(cause: unknown);
}
export declare class Database implements Transactional {
    #private;
    constructor(pool: Pool, options?: {
        readonly preparedStatements?: boolean;
    });
    /** Runs one statement on a pooled connection (its own implicit transaction). */
    query<R extends QueryResultRow = QueryResultRow>(text: string, values?: readonly unknown[], prepared?: boolean): Promise<QueryRows<R>>;
    /**
     * Runs `fn` between BEGIN and COMMIT on one connection (READ COMMITTED). Any error rolls
     * back and is rethrown; `fn` must not keep the `Queryable` after it returns.
     */
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
    end(): Promise<void>;
}
