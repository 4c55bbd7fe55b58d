/**
 * Runtime logging: levels, pretty/compact/JSON formats, and a pluggable sink.
 * @module
 */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'off';
export type LogFormat = 'pretty' | 'compact' | 'json';
export interface LogRecord {
    readonly level: Exclude<LogLevel, 'off'>;
    /** Where it comes from: `duroxide::runtime`, `duroxide::orchestration`, `duroxide::activity`, … */
    readonly target: string;
    readonly message: string;
    readonly fields: Readonly<Record<string, unknown>>;
    readonly timestampMs: number;
}
/** Receives every record at or above the configured level. */
export type LogSink = (record: LogRecord) => void;
export declare const LOG_LEVELS: readonly LogLevel[];
export declare const LOG_FORMATS: readonly LogFormat[];
export declare class Logger {
    #private;
    constructor(level: LogLevel, format: LogFormat, sink?: LogSink);
    enabled(level: Exclude<LogLevel, 'off'>): boolean;
    log(level: Exclude<LogLevel, 'off'>, target: string, message: string, fields?: Record<string, unknown>): void;
    error(target: string, message: string, fields?: Record<string, unknown>): void;
    warn(target: string, message: string, fields?: Record<string, unknown>): void;
    info(target: string, message: string, fields?: Record<string, unknown>): void;
    debug(target: string, message: string, fields?: Record<string, unknown>): void;
}
/** One log record as a line (without the newline) in `format`. */
export declare function formatRecord(format: LogFormat, r: LogRecord): string;
