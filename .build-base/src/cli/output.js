/**
 * CLI output: JSON (`-o json`, the default when stdout is not a terminal) or a plain text
 * table (`-o table`, the default in a terminal).
 * @module
 */
import { usageError } from './cli-error.js';
export function outputFormat(value, isTty) {
    if (value === undefined)
        return isTty ? 'table' : 'json';
    if (value === 'table' || value === 'json')
        return value;
    throw usageError(`-o must be table or json, got ${JSON.stringify(value)}`);
}
const MAX_CELL = 60;
function cell(value) {
    if (value === undefined || value === null)
        return '';
    if (typeof value === 'number' && value > 1e12 && value < 1e14)
        return new Date(value).toISOString();
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}
/** Rows as aligned columns; `columns` default to the first row's keys. */
export function renderTable(rows, columns) {
    if (rows.length === 0)
        return '(none)';
    const cols = columns ?? Object.keys(rows[0]);
    const cells = rows.map((r) => cols.map((c) => cell(r[c])));
    const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
    const line = (values) => values
        .map((v, i) => v.padEnd(widths[i]))
        .join('  ')
        .trimEnd();
    return [line(cols), ...cells.map(line)].join('\n');
}
/** One object as `key  value` lines. */
export function renderRecord(record) {
    const width = Math.max(...Object.keys(record).map((k) => k.length));
    return Object.entries(record)
        .map(([k, v]) => `${k.padEnd(width)}  ${typeof v === 'string' ? v : cell(v)}`)
        .join('\n');
}
export function createPrinter(format, out, err) {
    return {
        format,
        print(value, table) {
            if (format === 'json')
                return out(JSON.stringify(value, null, 2));
            if (table !== undefined)
                return out(table(value));
            const v = value;
            if (Array.isArray(v.items))
                return out(renderTable(v.items));
            if (typeof value === 'object' && value !== null)
                return out(renderRecord(value));
            out(String(value));
        },
        note(text) {
            if (format === 'table')
                err(text);
        },
    };
}
//# sourceMappingURL=output.js.map