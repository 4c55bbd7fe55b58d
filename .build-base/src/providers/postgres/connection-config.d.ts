/** Options of {@link PostgresProvider.connect} and {@link PostgresProvider.connectWithSchema}. */
export interface PostgresProviderOptions {
    /** Most connections the provider's pool opens at once (default 10). One more is used for LISTEN. */
    readonly poolSize?: number;
    /** How long an operation waits for a free pooled connection before failing retryably (default 10,000 ms). */
    readonly connectionTimeoutMs?: number;
    /**
     * Run the hot-path statements (fetches, acks, starts, lock renewals) as named prepared
     * statements, parsed once per connection: about half the cost per call. Turn it off behind a
     * pooler that cannot keep prepared statements (PgBouncer in transaction mode before 1.21).
     * Default true.
     */
    readonly preparedStatements?: boolean;
    /**
     * The clock every stored time is computed from (lock expiry, visibility, timestamps), in
     * epoch ms; default `Date.now`. The provider never uses the database server's clock, so all
     * nodes must have synchronised clocks (NTP) and tests can inject a clock they move forward.
     */
    readonly now?: () => number;
}
export interface ResolvedPostgresOptions {
    readonly poolSize: number;
    readonly connectionTimeoutMs: number;
    readonly preparedStatements: boolean;
    readonly now: () => number;
}
export declare const DEFAULT_SCHEMA = "public";
/**
 * Checks the url's shape (`postgres://` or `postgresql://`, parseable). Everything else —
 * host, credentials, database, `?sslmode=` — is left to the driver.
 * @throws InvalidInputError naming the (redacted) url.
 */
export declare function validatePostgresUrl(url: unknown): string;
/**
 * Checks a schema name: 1–63 characters of `a-z`, `0-9` and `_`, not starting with a digit,
 * and not one of PostgreSQL's own (`pg_*`, `information_schema`). Lower case only, because
 * PostgreSQL folds unquoted identifiers to lower case and a mixed-case name would mean two
 * different schemas depending on quoting.
 * @throws InvalidInputError naming the schema and the rule it breaks.
 */
export declare function validateSchemaName(schema: unknown): string;
/** @throws InvalidInputError for a non-integer or out-of-range option. */
export declare function resolveOptions(options?: PostgresProviderOptions): ResolvedPostgresOptions;
/** Identifiers derived from a validated schema name. */
export interface SchemaIdentity {
    /** The schema name as given. */
    readonly name: string;
    /** Double-quoted, ready to prefix table names: `"tenant_42"`. */
    readonly quoted: string;
    /**
     * LISTEN/NOTIFY channel of this schema. Channels are per database, so the schema is part of
     * the name; long schema names are shortened with a hash to stay within 63 bytes.
     */
    readonly channel: string;
    /** Key of the advisory lock that serializes migrations of this schema across nodes. */
    readonly migrationLockKey: string;
}
export declare function schemaIdentity(schema: string): SchemaIdentity;
