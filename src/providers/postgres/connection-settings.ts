/**
 * How the PostgreSQL provider talks to the server: driver settings for the pool and the LISTEN
 * connection (BIGINT as numbers, an application name per schema), and the internal retries of
 * transient failures.
 * @module
 */
import type { ClientConfig, PoolConfig } from 'pg';
import type { ResolvedPostgresOptions, SchemaIdentity } from './connection-config.js';
import { ConnectionAcquireError } from './database.js';
import type { Pg } from './load-pg.js';
import { ProviderError } from '../../core/errors/duroxide-error.js';
import { isTransient, toProviderError } from './to-provider-error.js';

/**
 * Pauses before each internal retry of a transient failure (the Duroxide model asks
 * for 3; a few more, spread over ~1.5 s, ride out a `pg_ctl restart` without failing the caller).
 */
const RETRY_DELAYS_MS: readonly number[] = [50, 100, 200, 400, 800];

/** PostgreSQL type oid of BIGINT (int8): every timestamp, id and COUNT(*) in this schema. */
const INT8_OID = 20;

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
 * Driver settings shared by the pool and the LISTEN connection, for `target` (a url as
 * `connectionString`, or host/port/user/password). The fallback application name shows which
 * schema a connection serves in `pg_stat_activity`; an `application_name` given in the url or
 * `PGAPPNAME` takes precedence.
 */
export function clientConfig(pg: Pg, target: ClientConfig, schema: SchemaIdentity): ClientConfig {
  const defaultParser = pg.types.getTypeParser.bind(pg.types) as (
    oid: number,
    format?: string,
  ) => unknown;
  return {
    ...target,
    fallback_application_name: `duroxide-ts ${schema.name}`.slice(0, 63),
    keepAlive: true,
    // BIGINT as a JS number (epoch ms and row ids stay far below 2^53), for this provider's
    // connections only: the process-wide pg.types are left alone.
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8_OID ? (value: string) => Number(value) : defaultParser(oid, format)) as never,
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function poolConfig(config: ClientConfig, options: ResolvedPostgresOptions): PoolConfig {
  return {
    ...config,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectionTimeoutMs,
    idleTimeoutMillis: 30_000,
    // Idle pooled connections (and the idle timer) do not keep the process alive: a script
    // whose work is done exits even if it never calls provider.close().
    allowExitOnIdle: true,
  };
}

/** Calls `fn`, retrying failures the policy allows after the {@link RETRY_DELAYS_MS} pauses. */
export async function withRetries<T>(
  policy: RetryPolicy,
  fn: () => Promise<T>,
  isCancelled: () => boolean,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      const isRetryable =
        policy === 'transient'
          ? isTransient(error)
          : error instanceof ConnectionAcquireError && isTransient(error);
      if (delay === undefined || !isRetryable || isCancelled()) throw error;
      await sleep(delay);
    }
  }
}

/**
 * Runs one provider operation with internal retries (see {@link withRetries}), translating every
 * failure into a classified `ProviderError` that names the operation.
 */
export async function runOperation<T>(
  operation: string,
  fn: () => Promise<T>,
  policy: RetryPolicy,
  isClosed: () => boolean,
): Promise<T> {
  if (isClosed()) {
    throw new ProviderError(
      operation,
      'the PostgreSQL provider is closed; connect a new one',
      false,
    );
  }
  try {
    return await withRetries(policy, fn, isClosed);
  } catch (error) {
    if (isClosed() && !(error instanceof ProviderError)) {
      throw new ProviderError(
        operation,
        'the PostgreSQL provider was closed during the call',
        false,
        error,
      );
    }
    throw toProviderError(operation, error);
  }
}
