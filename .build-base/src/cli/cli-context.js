import { connect } from './connection.js';
import { usageError } from './cli-error.js';
import { createPrinter, outputFormat } from './output.js';
export class CliContext {
    io;
    options;
    printer;
    constructor(io, command) {
        this.io = io;
        // Ancestors win in optsWithGlobals; a command's own options must win over them.
        this.options = { ...command.optsWithGlobals(), ...command.opts() };
        this.printer = createPrinter(outputFormat(this.options.output, io.isTty), io.out, io.err);
    }
    /** Runs `fn` with a connection, closed afterwards. */
    async withApi(fn) {
        const api = await connect(this.options, this.io.env);
        try {
            return await fn(api);
        }
        finally {
            await api.close();
        }
    }
    /** Asks before a destructive action unless `--yes`; refuses without a terminal. */
    async confirm(question) {
        if (this.options.yes === true)
            return;
        if (this.io.prompt === undefined)
            throw usageError(`${question} — refusing without confirmation; pass --yes`);
        const answer = (await this.io.prompt(`${question} [y/N] `)).trim().toLowerCase();
        if (answer !== 'y' && answer !== 'yes')
            throw usageError('not confirmed; nothing was changed');
    }
}
/** Parses a JSON option value (`--input '{"a":1}'`). */
export function jsonOption(value, what) {
    if (value === undefined)
        return undefined;
    try {
        return JSON.parse(value);
    }
    catch {
        throw usageError(`${what} must be JSON, e.g. '{"sku":"x"}' or '"text"', got ${value}`);
    }
}
/** Parses a non-negative integer option. */
export function intOption(value, what) {
    if (value === undefined)
        return undefined;
    if (!/^\d{1,15}$/.test(value))
        throw usageError(`${what} must be a non-negative integer, got ${value}`);
    return Number(value);
}
/** `?a=1&b=x` from the defined entries. */
export function queryString(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params))
        if (v !== undefined)
            q.set(k, String(v));
    const text = q.toString();
    return text === '' ? '' : `?${text}`;
}
export const enc = encodeURIComponent;
//# sourceMappingURL=cli-context.js.map