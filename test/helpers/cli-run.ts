/**
 * The `duroxide` CLI (the tsc build of src/cli/main.ts) run as a child process, as an operator
 * runs it: without the caller's DUROXIDE_URL / API key variables unless a test passes them.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Json } from './management-harness.js';

export const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
/** The CLI's connection variables emptied, so the developer's own never leak into a test. */
export const CLEAN_CLI_ENV = { DUROXIDE_URL: '', DUROXIDE_API_KEY: '', DUROXIDE_API_KEYS: '' };

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON, or undefined when it is not JSON. */
  readonly json: Json;
}

/** Runs `duroxide <args>` to its end. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...CLEAN_CLI_ENV, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      let json: Json;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = undefined;
      }
      resolve({ code, stdout, stderr, json });
    });
  });
}
