/**
 * Validation of what `PostgresProvider.connect` is given: the connection url, the schema name
 * and the options, plus the identifiers derived from the schema (quoted name, NOTIFY channel,
 * advisory-lock keys).
 * @module
 */
import { createHash } from 'node:crypto';
import { InvalidInputError } from '../../core/errors/duroxide-error.js';
const DEFAULT_POOL_SIZE = 10;
const DEFAULT_CONNECTION_TIMEOUT_MS = 10_000;
export const DEFAULT_SCHEMA = 'public';
/** PostgreSQL truncates identifiers longer than this (NAMEDATALEN - 1). */
const MAX_IDENTIFIER_BYTES = 63;
/** Lower-case letters, digits and underscores, not starting with a digit: needs no quoting rules of its own. */
const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]*$/;
/** The url with any password replaced, for error messages and logs. */
function redactUrl(url) {
    return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}
/**
 * Checks the url's shape (`postgres://` or `postgresql://`, parseable). Everything else —
 * host, credentials, database, `?sslmode=` — is left to the driver.
 * @throws InvalidInputError naming the (redacted) url.
 */
export function validatePostgresUrl(url) {
    const shown = typeof url === 'string' ? redactUrl(url) : String(url);
    const reject = (why) => {
        throw new InvalidInputError(`invalid PostgreSQL url '${shown}': ${why}; expected 'postgres://user:password@host:5432/database'`);
    };
    if (typeof url !== 'string' || url.length === 0)
        return reject('it is empty');
    if (!/^postgres(ql)?:\/\//i.test(url))
        return reject("it does not start with 'postgres://' or 'postgresql://'");
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return reject('it cannot be parsed as a url');
    }
    if (parsed.hostname === '' && !parsed.searchParams.has('host'))
        return reject('it names no host');
    return url;
}
/**
 * Checks a schema name: 1–63 characters of `a-z`, `0-9` and `_`, not starting with a digit,
 * and not one of PostgreSQL's own (`pg_*`, `information_schema`). Lower case only, because
 * PostgreSQL folds unquoted identifiers to lower case and a mixed-case name would mean two
 * different schemas depending on quoting.
 * @throws InvalidInputError naming the schema and the rule it breaks.
 */
export function validateSchemaName(schema) {
    const reject = (why) => {
        throw new InvalidInputError(`invalid PostgreSQL schema name ${JSON.stringify(schema)}: ${why}; ` +
            "use lower-case letters, digits and '_' (e.g. 'duroxide' or 'tenant_42')");
    };
    if (typeof schema !== 'string' || schema.length === 0)
        return reject('it is empty');
    if (Buffer.byteLength(schema) > MAX_IDENTIFIER_BYTES)
        return reject(`it is longer than ${MAX_IDENTIFIER_BYTES} bytes`);
    if (!SCHEMA_PATTERN.test(schema))
        return reject('it contains characters other than a-z, 0-9 and _ or starts with a digit');
    if (schema.startsWith('pg_') || schema === 'information_schema')
        return reject('it is reserved by PostgreSQL');
    return schema;
}
/** @throws InvalidInputError for a non-integer or out-of-range option. */
export function resolveOptions(options = {}) {
    const int = (key, fallback, min) => {
        const v = options[key];
        if (v === undefined)
            return fallback;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
            throw new InvalidInputError(`PostgreSQL provider option ${key} must be an integer >= ${min}, got ${JSON.stringify(v)}`);
        }
        return v;
    };
    const prepared = options.preparedStatements === undefined ? true : options.preparedStatements;
    if (typeof prepared !== 'boolean') {
        throw new InvalidInputError(`PostgreSQL provider option preparedStatements must be a boolean, got ${JSON.stringify(prepared)}`);
    }
    const now = options.now ?? Date.now;
    if (typeof now !== 'function') {
        throw new InvalidInputError(`PostgreSQL provider option now must be a function returning epoch ms, got ${JSON.stringify(now)}`);
    }
    return {
        now,
        poolSize: int('poolSize', DEFAULT_POOL_SIZE, 1),
        connectionTimeoutMs: int('connectionTimeoutMs', DEFAULT_CONNECTION_TIMEOUT_MS, 1),
        preparedStatements: prepared,
    };
}
export function schemaIdentity(schema) {
    const plain = `duroxide_${schema}`;
    const channel = plain.length <= MAX_IDENTIFIER_BYTES
        ? plain
        : `duroxide_${schema.slice(0, 40)}_${createHash('sha256').update(schema).digest('hex').slice(0, 12)}`;
    return {
        name: schema,
        quoted: `"${schema}"`,
        channel,
        migrationLockKey: `duroxide-migrate:${schema}`,
    };
}
//# sourceMappingURL=connection-config.js.map