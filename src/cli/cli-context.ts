/**
 * What every CLI command gets: its options (global ones included), a connection to a server
 * or store, a printer, and confirmation of destructive actions.
 * @module
 */
import type { Command } from 'commander';
import { connect, type ApiConnection } from './connection.js';
import { usageError } from './cli-error.js';
import { createPrinter, outputFormat, type Printer } from './output.js';

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

export class CliContext {
  readonly io: CliIo;
  readonly options: GlobalOptions & Record<string, unknown>;
  readonly printer: Printer;

  constructor(io: CliIo, command: Command) {
    this.io = io;
    // Ancestors win in optsWithGlobals; a command's own options must win over them.
    this.options = { ...command.optsWithGlobals(), ...command.opts() };
    this.printer = createPrinter(outputFormat(this.options.output, io.isTty), io.out, io.err);
  }

  /** Runs `fn` with a connection, closed afterwards. */
  async withApi<T>(fn: (api: ApiConnection) => Promise<T>): Promise<T> {
    const api = await connect(this.options, this.io.env);
    try {
      return await fn(api);
    } finally {
      await api.close();
    }
  }

  /** Asks before a destructive action unless `--yes`; refuses without a terminal. */
  async confirm(question: string): Promise<void> {
    if (this.options.yes === true) return;
    if (this.io.prompt === undefined)
      throw usageError(`${question} — refusing without confirmation; pass --yes`);
    const answer = (await this.io.prompt(`${question} [y/N] `)).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') throw usageError('not confirmed; nothing was changed');
  }
}

/** Parses a JSON option value (`--input '{"a":1}'`). */
export function jsonOption(value: string | undefined, what: string): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw usageError(`${what} must be JSON, e.g. '{"sku":"x"}' or '"text"', got ${value}`);
  }
}

/** Parses a non-negative integer option. */
export function intOption(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value))
    throw usageError(`${what} must be a non-negative integer, got ${value}`);
  return Number(value);
}

/** `?a=1&b=x` from the defined entries. */
export function queryString(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const text = q.toString();
  return text === '' ? '' : `?${text}`;
}

export const enc = encodeURIComponent;
