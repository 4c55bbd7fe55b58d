/**
 * The `logger` runtime option: records go to a pino-compatible logger (pino, or anything with
 * `error/warn/info/debug(obj, msg)` and optionally `child(bindings)` and `isLevelEnabled(level)`)
 * as structured objects, instead of the built-in formats (docs/observability.md).
 * @module
 */
import { InvalidInputError } from '../../core/errors/duroxide-error.js';
import { Logger, type LogFormat, type LogLevel, type LogRecord, type LogSink } from '../logger.js';
import { installedTracing } from '../tracing.js';

type Level = LogRecord['level'];

/** A pino-compatible logger. */
export interface StructuredLogger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
  /** pino's `child`: every record of the runtime then carries `bindings` (e.g. `nodeId`). */
  child?(bindings: Record<string, unknown>): StructuredLogger;
  /** pino's level check; without it every record at or above `logLevel` is handed over. */
  isLevelEnabled?(level: string): boolean;
}

const METHODS = ['error', 'warn', 'info', 'debug'] as const;

/** @throws InvalidInputError unless `value` has the four level methods. */
export function checkStructuredLogger(value: unknown): StructuredLogger {
  const v = value as Record<string, unknown> | null;
  if (typeof v !== 'object' || v === null || METHODS.some((m) => typeof v[m] !== 'function')) {
    throw new InvalidInputError(
      'runtime option logger must be a pino-compatible logger with error, warn, info and debug methods (e.g. pino())',
    );
  }
  return v as unknown as StructuredLogger;
}

/**
 * A sink writing each record as `logger[level]({ target, ...fields, orchestration }, message)`,
 * through `logger.child({ nodeId })` when the logger has `child`. `orchestration` is
 * `name@version` when the record names both.
 */
function structuredSink(logger: StructuredLogger, nodeId: string): LogSink {
  const target = logger.child?.({ nodeId }) ?? logger;
  const withNode = logger.child === undefined;
  return (record) => {
    const f = record.fields;
    const name = f['orchestrationName'];
    const version = f['orchestrationVersion'];
    const obj: Record<string, unknown> = {
      target: record.target,
      ...(withNode ? { nodeId } : {}),
      ...f,
      ...(typeof name === 'string' && typeof version === 'string'
        ? { orchestration: `${name}@${version}` }
        : {}),
    };
    target[record.level](obj, record.message);
  };
}

/** The logger's own level check, when it has one. */
function structuredLevelCheck(logger: StructuredLogger): ((level: Level) => boolean) | undefined {
  if (logger.isLevelEnabled === undefined) return undefined;
  return (level) => logger.isLevelEnabled?.(level) ?? true;
}

/**
 * The runtime's logger: to `logger` (pino) when given, else to `logSink`, else to the trace file
 * of `initTracing` (at its level) when one is installed, else to stderr.
 */
export function runtimeLogger(
  options: {
    readonly logLevel: LogLevel;
    readonly logFormat: LogFormat;
    readonly logSink: LogSink | undefined;
    readonly logger: StructuredLogger | undefined;
  },
  nodeId: string,
): Logger {
  const { logLevel, logFormat, logSink, logger } = options;
  if (logger !== undefined)
    return new Logger(
      logLevel,
      logFormat,
      structuredSink(logger, nodeId),
      structuredLevelCheck(logger),
    );
  const tracing = logSink === undefined ? installedTracing() : undefined;
  return tracing === undefined
    ? new Logger(logLevel, logFormat, logSink)
    : new Logger(tracing.level, logFormat, tracing.sink);
}
