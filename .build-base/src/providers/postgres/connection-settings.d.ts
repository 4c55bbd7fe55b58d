/**
 * How the PostgreSQL provider talks to the server: driver settings for the pool and the LISTEN
 * connection (BIGINT as numbers, an application name per schema), and the internal retries of
 * transient failures.
 * @module
 */
import type { ClientConfig, PoolConfig } from 'pg';
import type { ResolvedPostgresOptions, SchemaIdentity } from './connection-config.js';
import type { Pg } from './load-pg.js';
/**
 * Which failures an operation retries internally:
 * - `transient`: any transient failure. For writes this is safe because each is guarded by a
 *   lock token or is idempotent: if a commit did land before the connection dropped, the
 *   retry fails permanently on the now-unknown token, which callers already handle.
 * - `unsent`: only failures to get a connection (nothing reached the server), for writes
 *   that would duplicate data if replayed (enqueue).
 */
export type RetryPolicy = 'transient' | 'unsent';
/**
 * Driver settings shared by the pool and the LISTEN connection. The fallback application name
 * shows which schema a connection serves in `pg_stat_activity`; an `application_name` given in
 * the url or `PGAPPNAME` takes precedence.
 */
export declare function clientConfig(pg: Pg, url: string, schema: SchemaIdentity): ClientConfig;
export declare function poolConfig(config: ClientConfig, options: ResolvedPostgresOptions): PoolConfig;
/** Calls `fn`, retrying failures the policy allows after the {@link RETRY_DELAYS_MS} pauses. */
export declare function withRetries<T>(policy: RetryPolicy, fn: () => Promise<T>, isCancelled: () => boolean): Promise<T>;
