import pg from 'pg';
export interface PostgresServer {
    /** Connection url of a database the tests may create schemas in. */
    readonly url: string;
    /** True when this process started the server (it can then be restarted). */
    readonly isOwned: boolean;
    /** `pg_ctl restart -m fast`: every connection is cut, the server is back when this resolves. */
    restart(): Promise<void>;
    /** Where the server logs (owned servers only). */
    readonly logFile: string | undefined;
}
/** The server of this test process (started on first call). */
export declare function postgresServer(): Promise<PostgresServer>;
/** Directory holding initdb/pg_ctl: PATH first, then Debian's versioned install dir. */
export declare function findPostgresBinDir(): string;
/** A fresh schema name, e.g. `t_conformance_3f9a1c2b`. */
export declare function uniqueSchemaName(prefix: string): string;
/** Runs one statement on its own short-lived connection (test setup, inspection, tampering). */
export declare function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string, values?: unknown[]): Promise<R[]>;
/** Drops a schema and everything in it. */
export declare function dropSchema(url: string, schema: string): Promise<void>;
/**
 * Migrated schemas handed out one test at a time and wiped (not dropped) when the test is
 * done, so the conformance suite pays for migrations once instead of once per case. Wiping
 * uses DELETE (cheaper than TRUNCATE on tiny tables) on one admin connection kept open until
 * {@link SchemaPool.close}.
 */
export declare class SchemaPool {
    #private;
    constructor(url: string, prefix: string);
    /** A schema name to connect to: a wiped one if available, else a new one (migrated on connect). */
    take(): string;
    /** Empties every table of `schema` (migrations stay recorded) and makes it available again. */
    give(schema: string): Promise<void>;
    /** Drops every schema this pool created and closes the admin connection. */
    close(): Promise<void>;
}
