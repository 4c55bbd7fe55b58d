/**
 * What every CLI command gets: its options (global ones included), a connection to a server
 * or store, a printer, and confirmation of destructive actions.
 * @module
 */
import type { Command } from 'commander';
import { type ApiConnection } from './connection.js';
import { type Printer } from './output.js';
export interface CliIo {
    readonly out: (text: string) => void;
    readonly err: (text: string) => void;
    readonly isTty: boolean;
    readonly env: NodeJS.ProcessEnv;
    /** Asks a question on the terminal; undefined when stdin is not a terminal. */
    readonly prompt: ((question: string) => Promise<string>) | undefined;
}
export interface GlobalOptions {
    readonly url?: string;
    readonly store?: string;
    readonly schema?: string;
    readonly output?: string;
    readonly yes?: boolean;
}
export declare class CliContext {
    readonly io: CliIo;
    readonly options: GlobalOptions & Record<string, unknown>;
    readonly printer: Printer;
    constructor(io: CliIo, command: Command);
    /** Runs `fn` with a connection, closed afterwards. */
    withApi<T>(fn: (api: ApiConnection) => Promise<T>): Promise<T>;
    /** Asks before a destructive action unless `--yes`; refuses without a terminal. */
    confirm(question: string): Promise<void>;
}
/** Parses a JSON option value (`--input '{"a":1}'`). */
export declare function jsonOption(value: string | undefined, what: string): unknown;
/** Parses a non-negative integer option. */
export declare function intOption(value: string | undefined, what: string): number | undefined;
/** `?a=1&b=x` from the defined entries. */
export declare function queryString(params: Record<string, string | number | boolean | undefined>): string;
export declare const enc: typeof encodeURIComponent;
