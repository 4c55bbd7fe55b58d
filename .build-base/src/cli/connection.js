/**
 * Where CLI commands send their requests: a management server (`--url` / `DUROXIDE_URL`, key
 * from `DUROXIDE_API_KEY`), or a store opened in-process (`--store`), served by an in-process
 * management server's fetch handler, so both paths give the same answers and errors.
 * @module
 */
import { Client } from '../client/client.js';
import { ERROR_CODES, isErrorCode } from '../core/errors/error-codes.js';
import { createManagementServer } from '../server/create-management-server.js';
import { CliError, EXIT_CODES, exitCodeForStatus, usageError } from './cli-error.js';
import { openStore } from './open-store.js';
const LOCAL_ORIGIN = 'http://duroxide.local';
async function toResult(res, what, raw = false) {
    const text = await res.text();
    if (raw && res.ok)
        return text;
    let body = text;
    try {
        body = JSON.parse(text);
    }
    catch {
        // not JSON
    }
    if (res.ok)
        return body;
    const problem = (typeof body === 'object' && body !== null ? body : {});
    const code = isErrorCode(problem.code) ? problem.code : ERROR_CODES.INTERNAL_ERROR;
    const detail = typeof problem.detail === 'string' ? problem.detail : `${what} answered HTTP ${res.status}`;
    throw new CliError(code, `${code}: ${detail}`, exitCodeForStatus(res.status));
}
export async function connect(options, env = process.env) {
    const url = options.url ?? env['DUROXIDE_URL'];
    if (options.store !== undefined && options.url !== undefined)
        throw usageError('give either --url or --store, not both');
    if (options.store !== undefined) {
        let provider;
        try {
            provider = await openStore(options.store, options.schema);
        }
        catch (error) {
            if (error instanceof CliError)
                throw error;
            throw new CliError(ERROR_CODES.PROVIDER_ERROR, `cannot open store ${options.store}: ${error.message}`, EXIT_CODES.UNAVAILABLE, error);
        }
        const server = createManagementServer({
            client: new Client(provider),
            onInternalError: (e) => console.error(e),
        });
        return {
            text: async (path) => (await toResult(await server.fetch(new Request(`${LOCAL_ORIGIN}${path}`)), 'the store', true)),
            request: async (method, path, body) => toResult(await server.fetch(new Request(`${LOCAL_ORIGIN}${path}`, {
                method,
                ...(body !== undefined
                    ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
                    : {}),
            })), 'the store'),
            close: () => provider.close(),
        };
    }
    if (url === undefined || url === '') {
        throw usageError('say where to work: --url http://host:port (or DUROXIDE_URL) for a server, or --store sqlite:./app.db | postgres://… for a store');
    }
    const base = url.replace(/\/+$/, '');
    const key = env['DUROXIDE_API_KEY'];
    const send = async (method, path, body) => {
        const headers = {};
        if (key !== undefined && key !== '')
            headers['authorization'] = `Bearer ${key}`;
        if (body !== undefined)
            headers['content-type'] = 'application/json';
        try {
            return await fetch(`${base}${path}`, {
                method,
                headers,
                ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
            });
        }
        catch (error) {
            throw new CliError(ERROR_CODES.PROVIDER_ERROR, `cannot reach the management server at ${base}: ${error.message}`, EXIT_CODES.UNAVAILABLE, error);
        }
    };
    return {
        request: async (method, path, body) => toResult(await send(method, path, body), base),
        text: async (path) => (await toResult(await send('GET', path, undefined), base, true)),
        close: async () => undefined,
    };
}
//# sourceMappingURL=connection.js.map