import { ConnectionAcquireError } from './database.js';
import { isTransient } from './to-provider-error.js';
/**
 * Pauses before each internal retry of a transient failure (the Duroxide model asks
 * for 3; a few more, spread over ~1.5 s, ride out a `pg_ctl restart` without failing the caller).
 */
const RETRY_DELAYS_MS = [50, 100, 200, 400, 800];
/** PostgreSQL type oid of BIGINT (int8): every timestamp, id and COUNT(*) in this schema. */
const INT8_OID = 20;
/**
 * Driver settings shared by the pool and the LISTEN connection. The fallback application name
 * shows which schema a connection serves in `pg_stat_activity`; an `application_name` given in
 * the url or `PGAPPNAME` takes precedence.
 */
export function clientConfig(pg, url, schema) {
    const defaultParser = pg.types.getTypeParser.bind(pg.types);
    return {
        connectionString: url,
        fallback_application_name: `duroxide-ts ${schema.name}`.slice(0, 63),
        keepAlive: true,
        // BIGINT as a JS number (epoch ms and row ids stay far below 2^53), for this provider's
        // connections only: the process-wide pg.types are left alone.
        types: {
            getTypeParser: ((oid, format) => oid === INT8_OID ? (value) => Number(value) : defaultParser(oid, format)),
        },
    };
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
export function poolConfig(config, options) {
    return {
        ...config,
        max: options.poolSize,
        connectionTimeoutMillis: options.connectionTimeoutMs,
        idleTimeoutMillis: 30_000,
    };
}
/** Calls `fn`, retrying failures the policy allows after the {@link RETRY_DELAYS_MS} pauses. */
export async function withRetries(policy, fn, isCancelled) {
    for (let attempt = 0;; attempt++) {
        try {
            return await fn();
        }
        catch (error) {
            const delay = RETRY_DELAYS_MS[attempt];
            const isRetryable = policy === 'transient'
                ? isTransient(error)
                : error instanceof ConnectionAcquireError && isTransient(error);
            if (delay === undefined || !isRetryable || isCancelled())
                throw error;
            await sleep(delay);
        }
    }
}
//# sourceMappingURL=connection-settings.js.map