/**
 * Runtime logging: levels, pretty/compact/JSON formats, and a pluggable sink.
 * @module
 */
const RANK = { error: 0, warn: 1, info: 2, debug: 3, off: -1 };
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'off'];
export const LOG_FORMATS = ['pretty', 'compact', 'json'];
export class Logger {
    #rank;
    #sink;
    constructor(level, format, sink) {
        this.#rank = RANK[level];
        this.#sink = sink ?? consoleSink(format);
    }
    enabled(level) {
        return RANK[level] <= this.#rank;
    }
    log(level, target, message, fields = {}) {
        if (!this.enabled(level))
            return;
        try {
            this.#sink({ level, target, message, fields, timestampMs: Date.now() });
        }
        catch {
            // A failing log sink must never break the runtime.
        }
    }
    error(target, message, fields) {
        this.log('error', target, message, fields);
    }
    warn(target, message, fields) {
        this.log('warn', target, message, fields);
    }
    info(target, message, fields) {
        this.log('info', target, message, fields);
    }
    debug(target, message, fields) {
        this.log('debug', target, message, fields);
    }
}
function formatFields(fields) {
    const parts = [];
    for (const [k, v] of Object.entries(fields)) {
        if (v === undefined)
            continue;
        parts.push(`${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
    }
    return parts.join(' ');
}
/** One log record as a line (without the newline) in `format`. */
export function formatRecord(format, r) {
    if (format === 'json') {
        return JSON.stringify({
            time: new Date(r.timestampMs).toISOString(),
            level: r.level,
            target: r.target,
            message: r.message,
            ...r.fields,
        });
    }
    if (format === 'compact')
        return `${r.level.toUpperCase()} ${r.message} ${formatFields(r.fields)}`.trimEnd();
    return `${new Date(r.timestampMs).toISOString()} ${r.level.toUpperCase().padEnd(5)} ${r.target}: ${r.message} ${formatFields(r.fields)}`.trimEnd();
}
function consoleSink(format) {
    return (r) => {
        process.stderr.write(`${formatRecord(format, r)}\n`);
    };
}
//# sourceMappingURL=logger.js.map