/**
 * CLI output: JSON (`-o json`, the default when stdout is not a terminal) or a plain text
 * table (`-o table`, the default in a terminal).
 * @module
 */
import { usageError } from './cli-error.js';

export type OutputFormat = 'table' | 'json';

export function outputFormat(value: string | undefined, isTty: boolean): OutputFormat {
  if (value === undefined) return isTty ? 'table' : 'json';
  if (value === 'table' || value === 'json') return value;
  throw usageError(`-o must be table or json, got ${JSON.stringify(value)}`);
}

const MAX_CELL = 60;

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' && value > 1e12 && value < 1e14)
    return new Date(value).toISOString();
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

/** Rows as aligned columns; `columns` default to the first row's keys. */
export function renderTable(
  rows: readonly Record<string, unknown>[],
  columns?: readonly string[],
): string {
  if (rows.length === 0) return '(none)';
  const cols = columns ?? Object.keys(rows[0] as object);
  const cells = rows.map((r) => cols.map((c) => cell(r[c])));
  const widths = cols.map((c, i) =>
    Math.max(c.length, ...cells.map((row) => (row[i] as string).length)),
  );
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => v.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [line(cols), ...cells.map(line)].join('\n');
}

/** One object as `key  value` lines. */
export function renderRecord(record: Record<string, unknown>): string {
  const width = Math.max(...Object.keys(record).map((k) => k.length));
  return Object.entries(record)
    .map(([k, v]) => `${k.padEnd(width)}  ${typeof v === 'string' ? v : cell(v)}`)
    .join('\n');
}

export interface Printer {
  readonly format: OutputFormat;
  /** Prints `value`; in table form `table` renders it (default: records and `{items}` lists). */
  print(value: unknown, table?: (value: never) => string): void;
  /** A line for humans (stderr), e.g. progress; silent in JSON mode. */
  note(text: string): void;
}

export function createPrinter(
  format: OutputFormat,
  out: (text: string) => void,
  err: (text: string) => void,
): Printer {
  return {
    format,
    print(value, table) {
      if (format === 'json') return out(JSON.stringify(value, null, 2));
      if (table !== undefined) return out(table(value as never));
      const v = value as { items?: unknown };
      if (Array.isArray(v.items)) return out(renderTable(v.items as Record<string, unknown>[]));
      if (typeof value === 'object' && value !== null)
        return out(renderRecord(value as Record<string, unknown>));
      out(String(value));
    },
    note(text) {
      if (format === 'table') err(text);
    },
  };
}
