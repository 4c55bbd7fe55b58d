/** One PostgreSQL statement as `pg` received it. */
export interface PgStatement {
    readonly text: string;
    /** Named prepared statement, as the provider asked for it. */
    readonly name: string | undefined;
    readonly values: readonly unknown[] | undefined;
    /** Rows returned or affected in the captured run (replay fidelity check). */
    rowCount?: number;
}
/** Statements one connection ran as one commit: a single statement, or BEGIN … COMMIT. */
export interface PgUnit {
    readonly connection: number;
    readonly statements: PgStatement[];
    /**
     * How many commits had completed when this one started: in the replay it starts only after
     * those same commits (the first `after` of {@link PgCapture.completionOrder}) are done, so
     * the replay keeps the run's causal order (a fetch after the enqueue it found).
     */
    readonly after: number;
}
export interface PgCapture {
    /** Commits in the order they started. */
    readonly units: PgUnit[];
    /** Indexes into `units`, in the order the commits completed. */
    readonly completionOrder: number[];
}
/**
 * One SQLite statement run. better-sqlite3 runs its transaction control (`BEGIN IMMEDIATE`,
 * `SAVEPOINT`, `RELEASE`, `COMMIT`) as statements too, so the commit grouping is in the steps.
 */
export interface SqliteStep {
    readonly sql: string;
    readonly method: string;
    readonly args: readonly unknown[];
}
/** Wraps the drivers once per process; nothing is recorded until a capture starts. */
export declare function installCapture(): void;
/** Starts recording PostgreSQL statements; `stop` returns the commits in issue order. */
export declare function capturePg(): {
    stop: () => PgCapture;
};
/** Starts recording SQLite steps; `stop` returns them in execution order. */
export declare function captureSqlite(): {
    stop: () => SqliteStep[];
};
