import { type LogFormat, type LogLevel, type LogSink } from './logger.js';
/** Options of {@link initTracing}. */
export interface TracingOptions {
    /** File the records are appended to (created if missing; its directory must exist). */
    readonly logFile: string;
    /** Lowest level written. Default `'info'`. */
    readonly logLevel?: LogLevel;
    /** Default `'compact'`. */
    readonly logFormat?: LogFormat;
}
/** The installed trace file, as runtimes read it. @internal */
export interface InstalledTracing {
    readonly level: LogLevel;
    readonly sink: LogSink;
}
/** The trace file installed by {@link initTracing}, if any. @internal */
export declare function installedTracing(): InstalledTracing | undefined;
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
export declare function initTracing(options: TracingOptions): void;
