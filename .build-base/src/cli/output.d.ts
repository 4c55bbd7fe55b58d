export type OutputFormat = 'table' | 'json';
export declare function outputFormat(value: string | undefined, isTty: boolean): OutputFormat;
/** Rows as aligned columns; `columns` default to the first row's keys. */
export declare function renderTable(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string;
/** One object as `key  value` lines. */
export declare function renderRecord(record: Record<string, unknown>): string;
export interface Printer {
    readonly format: OutputFormat;
    /** Prints `value`; in table form `table` renders it (default: records and `{items}` lists). */
    print(value: unknown, table?: (value: never) => string): void;
    /** A line for humans (stderr), e.g. progress; silent in JSON mode. */
    note(text: string): void;
}
export declare function createPrinter(format: OutputFormat, out: (text: string) => void, err: (text: string) => void): Printer;
