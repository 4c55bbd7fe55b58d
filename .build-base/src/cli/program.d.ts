import { type CliIo } from './cli-context.js';
import { type ExitCode } from './cli-error.js';
/** Runs the CLI with `argv` (as `process.argv`) and returns the exit code. */
export declare function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode>;
/** The process's terminal and environment. */
export declare function processIo(): CliIo;
