/**
 * `initTracing(options)`: duroxide-node's process-wide trace file. Runtimes created without a
 * `logSink` write their log records (runtime, orchestration and activity traces) to that file,
 * at the level given here, instead of to stderr.
 *
 * This is the package's one piece of process-wide state, because duroxide-node's API is
 * process-wide (a global tracing subscriber, first call wins). It is kept on `globalThis` under
 * a `Symbol.for` key so the ESM and CJS copies of the package share it.
 * @module
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { ConfigurationError, ERROR_CODES, InvalidInputError, } from '../core/errors/duroxide-error.js';
import { formatRecord, LOG_FORMATS, LOG_LEVELS, } from './logger.js';
const KEY = Symbol.for('duroxide-ts.tracing');
/** The trace file installed by {@link initTracing}, if any. @internal */
export function installedTracing() {
    return globalThis[KEY];
}
/**
 * Appends the log records of every runtime created afterwards without its own `logSink` to
 * `options.logFile`. Call it once, before creating runtimes; as in duroxide-node, the first call
 * wins.
 * @throws InvalidInputError ("Failed to open log file …") when the file cannot be opened, or for
 *   a bad level/format; ConfigurationError (`INVALID_STATE`, "Failed to init tracing …") when
 *   tracing is already installed in this process.
 * @example
 * initTracing({ logFile: '/var/log/app/duroxide.log', logLevel: 'info' });
 */
export function initTracing(options) {
    if (typeof options !== 'object' || options === null)
        throw new InvalidInputError('initTracing needs options like { logFile: "./duroxide.log" }');
    const { logFile, logLevel = 'info', logFormat = 'compact' } = options;
    if (typeof logFile !== 'string' || logFile.length === 0)
        throw new InvalidInputError('initTracing: logFile must be a non-empty path');
    if (!LOG_LEVELS.includes(logLevel))
        throw new InvalidInputError(`initTracing: logLevel must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`);
    if (!LOG_FORMATS.includes(logFormat))
        throw new InvalidInputError(`initTracing: logFormat must be one of ${LOG_FORMATS.join(', ')}, got ${JSON.stringify(logFormat)}`);
    let fd;
    try {
        fd = openSync(logFile, 'a');
    }
    catch (error) {
        throw new InvalidInputError(`Failed to open log file '${logFile}': ${error.message}; create its directory or choose another path`, {}, error);
    }
    // The path is checked first, so a bad path is reported as such even when tracing is installed.
    const holder = globalThis;
    if (holder[KEY] !== undefined) {
        closeSync(fd);
        throw new ConfigurationError(ERROR_CODES.INVALID_STATE, 'Failed to init tracing: tracing is already installed in this process (the first initTracing call wins)');
    }
    holder[KEY] = {
        level: logLevel,
        sink: (record) => {
            writeSync(fd, `${formatRecord(logFormat, record)}\n`);
        },
    };
    // The descriptor lives as long as the process; close it at exit so nothing is left open.
    process.once('exit', () => closeSync(fd));
}
//# sourceMappingURL=tracing.js.map