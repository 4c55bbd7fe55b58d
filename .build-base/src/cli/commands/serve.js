/**
 * `duroxide serve` (the management API over a store) and `duroxide keys create`.
 * @module
 */
import { readFileSync } from 'node:fs';
import { Client } from '../../client/client.js';
import { API_KEY_ROLES, createApiKey, parseApiKeyRecords, } from '../../server/auth/api-keys.js';
import { createManagementServer } from '../../server/create-management-server.js';
import { intOption } from '../cli-context.js';
import { usageError } from '../cli-error.js';
import { openStore } from '../open-store.js';
import { renderRecord } from '../output.js';
const DAY_MS = 24 * 3600_000;
/** Key records from `--keys-file` (a JSON array) or `DUROXIDE_API_KEYS` (the same JSON). */
function loadKeys(file, env) {
    let text;
    let where = 'DUROXIDE_API_KEYS';
    if (file !== undefined) {
        where = file;
        try {
            text = readFileSync(file, 'utf8');
        }
        catch (error) {
            throw usageError(`cannot read --keys-file ${file}: ${error.message}`);
        }
    }
    else {
        text = env['DUROXIDE_API_KEYS'];
    }
    if (text === undefined || text.trim() === '')
        return [];
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        throw usageError(`${where} must be a JSON array of key records (from duroxide keys create)`);
    }
    return parseApiKeyRecords(value);
}
/** Resolves when the process is asked to stop. */
function untilSignal() {
    return new Promise((resolve) => {
        const stop = (signal) => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve(signal);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
    });
}
export function registerServeCommands(program, ctx) {
    program
        .command('serve')
        .description('serves the management API over a store until SIGINT/SIGTERM')
        .requiredOption('--store <url>', 'sqlite:./app.db or postgres://user:password@host:5432/db')
        .option('--schema <name>', 'PostgreSQL schema (default public)')
        .option('--port <port>', 'TCP port (default 8080; 0 = any free port)', '8080')
        .option('--host <host>', 'address to bind; non-loopback needs API keys', '127.0.0.1')
        .option('--keys-file <path>', 'JSON array of API key records (default: DUROXIDE_API_KEYS)')
        .option('--read-only', 'refuse every mutation')
        .option('--max-body-bytes <n>', 'largest request body (default 1 MiB)')
        .action(async (_o, command) => {
        const c = ctx(command);
        const o = c.options;
        const keys = loadKeys(o['keysFile'], c.io.env);
        const port = intOption(o['port'], '--port') ?? 8080;
        const maxBodyBytes = intOption(o['maxBodyBytes'], '--max-body-bytes');
        const provider = await openStore(o['store'], o['schema']);
        try {
            const server = createManagementServer({
                client: new Client(provider),
                auth: { keys },
                isReadOnly: o['readOnly'] === true,
                ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
            });
            const listening = await server.listen({ port, host: o['host'] });
            c.io.err(`duroxide management API on ${listening.url}/api/v1 (${keys.length > 0 ? `${keys.length} API key(s)` : 'no API keys: loopback only, every caller is admin'}${o['readOnly'] === true ? ', read-only' : ''})`);
            c.io.out(JSON.stringify({ url: listening.url, port: listening.port }));
            await untilSignal();
            await listening.close();
        }
        finally {
            await provider.close();
        }
    });
    const keys = program.command('keys').description('API keys of the management server');
    keys
        .command('create')
        .description('creates a key: prints the secret key (once) and the record to add to DUROXIDE_API_KEYS / --keys-file')
        .requiredOption('--name <name>', 'shown as the actor in the audit log')
        .requiredOption('--role <role>', 'viewer | operator | admin')
        .option('--expires-in-days <days>', 'refuse the key after this many days')
        .action(async (_o, command) => {
        const c = ctx(command);
        const o = c.options;
        const role = o['role'];
        if (!Object.hasOwn(API_KEY_ROLES, role))
            throw usageError(`--role must be viewer, operator or admin, got ${role}`);
        const days = intOption(o['expiresInDays'], '--expires-in-days');
        const created = await createApiKey(o['name'], role, days === undefined ? {} : { expiresAt: Date.now() + days * DAY_MS });
        c.printer.print(created, (v) => `${renderRecord({ key: v.key })}\n\nGive the key to its user (it is not stored). Add this record to the server's keys (DUROXIDE_API_KEYS or --keys-file JSON array); remove it to revoke the key:\n${JSON.stringify(v.record)}`);
    });
}
//# sourceMappingURL=serve.js.map