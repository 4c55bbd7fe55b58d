/**
 * The `duroxide` command line: builds the commander program and runs it, mapping every
 * failure to one line on stderr and a documented exit code (docs/cli.md).
 * @module
 */
import { createInterface } from 'node:readline/promises';
import { Command, CommanderError } from 'commander';
import { isDuroxideError } from '../core/errors/duroxide-error.js';
import { DUROXIDE_VERSION } from '../core/version.js';
import { CliContext, type CliIo } from './cli-context.js';
import { CliError, EXIT_CODES, type ExitCode } from './cli-error.js';
import { registerBulkCommand } from './commands/bulk.js';
import { registerBulkJobCommands } from './commands/bulk-jobs.js';
import { registerFleetCommands } from './commands/fleet.js';
import { registerInstanceCommands } from './commands/instances.js';
import { registerKeyCommands } from './commands/keys.js';
import { registerPoisonedCommand } from './commands/poisoned.js';
import { registerReplayCheckCommand } from './commands/replay-check.js';
import { registerServeCommands } from './commands/serve.js';

function buildProgram(io: CliIo): Command {
  const program = new Command('duroxide')
    .description(
      'operate duroxide-ts: instances, versions, upgrades, nodes and the audit log, through a management server or directly on a store',
    )
    .version(DUROXIDE_VERSION, '-V, --version')
    // Root options only before a subcommand, so `instances start X --version 2.0.0` is the
    // command's --version; the shared options live on every command instead (below).
    .enablePositionalOptions()
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
    });
  const ctx = (command: Command): CliContext => new CliContext(io, command);
  registerInstanceCommands(program, ctx);
  registerBulkCommand(program, ctx);
  registerBulkJobCommands(program, ctx);
  registerFleetCommands(program, ctx);
  registerPoisonedCommand(program, ctx);
  registerServeCommands(program, ctx);
  registerKeyCommands(program, ctx);
  registerReplayCheckCommand(program, ctx);
  for (const command of leaves(program)) {
    command.exitOverride();
    const has = (flag: string): boolean => command.options.some((o) => o.long === flag);
    if (!has('--url'))
      command.option(
        '--url <url>',
        'management server (default: DUROXIDE_URL); the API key comes from DUROXIDE_API_KEY',
      );
    if (!has('--store'))
      command.option('--store <url>', 'work directly on a store: sqlite:./app.db or postgres://…');
    if (!has('--schema'))
      command.option('--schema <name>', 'PostgreSQL schema with --store (default public)');
    command.option(
      '-o, --output <format>',
      'table | json (default: table in a terminal, else json)',
    );
    command.option('-y, --yes', 'do not ask before destructive actions');
  }
  return program;
}

function leaves(command: Command): Command[] {
  command.exitOverride();
  return command.commands.length === 0 ? [command] : command.commands.flatMap(leaves);
}

/** Runs the CLI with `argv` (as `process.argv`) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv]);
    return EXIT_CODES.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? EXIT_CODES.OK : EXIT_CODES.USAGE;
    }
    if (error instanceof CliError) {
      io.err(`duroxide: ${error.message}`);
      return error.exitCode;
    }
    if (isDuroxideError(error)) {
      io.err(`duroxide: ${error.code}: ${error.message}`);
      if (error.code === 'INVALID_INPUT') return EXIT_CODES.USAGE;
      if (error.code === 'PROVIDER_ERROR' || error.code === 'SCHEMA_TOO_NEW')
        return EXIT_CODES.UNAVAILABLE;
      return EXIT_CODES.FAILURE;
    }
    io.err(
      `duroxide: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return EXIT_CODES.FAILURE;
  }
}

/** The process's terminal and environment. */
export function processIo(): CliIo {
  const isStdinTty = process.stdin.isTTY === true;
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    isTty: process.stdout.isTTY === true,
    env: process.env,
    prompt: isStdinTty
      ? async (question) => {
          const rl = createInterface({ input: process.stdin, output: process.stderr });
          try {
            return await rl.question(question);
          } finally {
            rl.close();
          }
        }
      : undefined,
  };
}
