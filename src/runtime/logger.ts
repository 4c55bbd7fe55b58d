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

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3, off: -1 };

export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug', 'off'];
export const LOG_FORMATS: readonly LogFormat[] = ['pretty', 'compact', 'json'];

export class Logger {
  readonly #rank: number;
  readonly #sink: LogSink;
  readonly #isEnabled: ((level: Exclude<LogLevel, 'off'>) => boolean) | undefined;

  /** `isEnabled`, when given, decides instead of `level` (a pino logger's own level). */
  constructor(
    level: LogLevel,
    format: LogFormat,
    sink?: LogSink,
    isEnabled?: (level: Exclude<LogLevel, 'off'>) => boolean,
  ) {
    this.#rank = RANK[level];
    this.#sink = sink ?? consoleSink(format);
    this.#isEnabled = isEnabled;
  }

  enabled(level: Exclude<LogLevel, 'off'>): boolean {
    return this.#isEnabled?.(level) ?? RANK[level] <= this.#rank;
  }

  log(
    level: Exclude<LogLevel, 'off'>,
    target: string,
    message: string,
    fields: Record<string, unknown> = {},
  ): void {
    if (!this.enabled(level)) return;
    try {
      this.#sink({ level, target, message, fields, timestampMs: Date.now() });
    } catch {
      // A failing log sink must never break the runtime.
    }
  }

  error(target: string, message: string, fields?: Record<string, unknown>): void {
    this.log('error', target, message, fields);
  }
  warn(target: string, message: string, fields?: Record<string, unknown>): void {
    this.log('warn', target, message, fields);
  }
  info(target: string, message: string, fields?: Record<string, unknown>): void {
    this.log('info', target, message, fields);
  }
  debug(target: string, message: string, fields?: Record<string, unknown>): void {
    this.log('debug', target, message, fields);
  }
}

function formatFields(fields: Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    parts.push(`${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  return parts.join(' ');
}

/** One log record as a line (without the newline) in `format`. */
export function formatRecord(format: LogFormat, r: LogRecord): string {
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

function consoleSink(format: LogFormat): LogSink {
  return (r) => {
    process.stderr.write(`${formatRecord(format, r)}\n`);
  };
}
