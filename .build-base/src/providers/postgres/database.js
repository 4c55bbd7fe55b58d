/**
 * A thin layer over the `pg` pool: single statements, explicit transactions, and the
 * connection hygiene node-postgres leaves to its users (broken connections are destroyed, not
 * returned to the pool; errors on a checked-out connection never crash the process).
 * @module
 */
import { createHash } from 'node:crypto';
import { DuroxideError } from '../../core/errors/duroxide-error.js';
/** Failure to get a connection at all: nothing reached the server, so any operation may be retried. */
export class ConnectionAcquireError extends Error {
    code;
    constructor(cause) {
        super(cause instanceof Error ? cause.message : String(cause), { cause });
        this.name = 'ConnectionAcquireError';
        const code = typeof cause === 'object' && cause !== null ? cause.code : undefined;
        this.code = typeof code === 'string' ? code : undefined;
    }
}
const noop = () => undefined;
export class Database {
    #pool;
    #preparedStatements;
    /** Statement name per prepared text (a hash: the same text always gets the same name). */
    #names = new Map();
    constructor(pool, options = {}) {
        this.#pool = pool;
        this.#preparedStatements = options.preparedStatements ?? true;
    }
    /** Runs one statement on a pooled connection (its own implicit transaction). */
    async query(text, values, prepared = false) {
        return this.#withClient(async (client) => toRows(await this.#run(client, text, values, prepared)));
    }
    #run(client, text, values, prepared) {
        if (!prepared || !this.#preparedStatements)
            return client.query(text, values);
        let name = this.#names.get(text);
        if (name === undefined) {
            name = `duroxide_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
            this.#names.set(text, name);
        }
        return client.query({ name, text, values: values });
    }
    /**
     * Runs `fn` between BEGIN and COMMIT on one connection (READ COMMITTED). Any error rolls
     * back and is rethrown; `fn` must not keep the `Queryable` after it returns.
     */
    async transaction(fn) {
        return this.#withClient(async (client) => {
            const tx = {
                query: async (text, values, prepared = false) => toRows(await this.#run(client, text, values, prepared)),
            };
            await client.query('BEGIN');
            try {
                const result = await fn(tx);
                await client.query('COMMIT');
                return result;
            }
            catch (error) {
                await client.query('ROLLBACK').catch(noop);
                throw error;
            }
        });
    }
    async end() {
        await this.#pool.end();
    }
    async #withClient(fn) {
        let client;
        try {
            client = await this.#pool.connect();
        }
        catch (error) {
            throw new ConnectionAcquireError(error);
        }
        // pg-pool removes its own error listener while a connection is checked out: without this
        // one, a connection dropped between two statements would be an unhandled 'error' event.
        let lost;
        const onError = (error) => {
            lost = error;
        };
        client.on('error', onError);
        let failure;
        try {
            return await fn(client);
        }
        catch (error) {
            failure = error;
            throw error;
        }
        finally {
            client.off('error', onError);
            // A connection that failed below the SQL level is not reused: destroy it.
            const isBroken = lost !== undefined || (failure !== undefined && isConnectionFailure(failure));
            client.release(isBroken ? (lost instanceof Error ? lost : true) : undefined);
        }
    }
}
/** A multi-statement text (a migration script) yields one result per statement: keep the last. */
function toRows(result) {
    const last = Array.isArray(result) ? result[result.length - 1] : result;
    if (last === undefined)
        return { rows: [], rowCount: 0 };
    return { rows: last.rows, rowCount: last.rowCount ?? last.rows.length };
}
/**
 * True when the session itself is gone or unusable: socket errors, `08xxx` connection
 * exceptions, `57P0x` shutdowns and node-postgres's own "connection terminated" errors.
 * Statement errors (constraint violations, deadlocks) and errors of our own code leave the
 * connection fine.
 */
function isConnectionFailure(error) {
    if (typeof error !== 'object' || error === null || error instanceof DuroxideError)
        return false;
    const code = error.code;
    if (typeof code === 'string') {
        if (code.startsWith('08') || code.startsWith('57P') || /^E[A-Z_]+$/.test(code))
            return true;
        if (/^[0-9A-Z]{5}$/.test(code))
            return false;
    }
    const message = error instanceof Error ? error.message : '';
    return /connection terminated|not queryable|socket hang up|server closed the connection/i.test(message);
}
//# sourceMappingURL=database.js.map