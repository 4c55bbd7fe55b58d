/**
 * `duroxide replay-check --register ./worker.js --store …`: loads a module that registers
 * orchestrations on a runtime (the code about to be deployed) and replays the stored histories
 * of running instances against it, without starting the runtime or changing anything.
 * @module
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { Runtime } from '../../runtime/runtime.js';
import type { ReplayCheckReport } from '../../runtime/replay-check.js';
import { intOption, type CliContext } from '../cli-context.js';
import { CliError, EXIT_CODES, usageError } from '../cli-error.js';
import { openStore } from '../open-store.js';
import { renderRecord, renderTable } from '../output.js';
import { ERROR_CODES } from '../../core/errors/duroxide-error.js';

type Ctx = (command: Command) => CliContext;

type Register = (runtime: Runtime) => void | Promise<void>;

async function loadRegister(path: string): Promise<Register> {
  let module: { register?: unknown; default?: unknown };
  try {
    module = (await import(pathToFileURL(resolve(path)).href)) as {
      register?: unknown;
      default?: unknown;
    };
  } catch (error) {
    throw usageError(`cannot load --register ${path}: ${(error as Error).message}`);
  }
  const register = module.register ?? module.default;
  if (typeof register !== 'function') {
    throw usageError(
      `--register ${path} must export a function register(runtime) (or a default export) that registers your orchestrations and activities`,
    );
  }
  return register as Register;
}

export function registerReplayCheckCommand(program: Command, ctx: Ctx): void {
  program
    .command('replay-check')
    .description(
      "replays running instances' histories against the code a module registers (exit 8 when any diverges)",
    )
    .requiredOption('--register <module>', 'a JS module exporting register(runtime)')
    .requiredOption('--store <url>', 'sqlite:./app.db or postgres://… (the live store; read only)')
    .option('--schema <name>', 'PostgreSQL schema (default public)')
    .option('--instance <id...>', 'only these instances')
    .option('--limit <n>', 'at most this many running instances')
    .action(async (_o: unknown, command: Command) => {
      const c = ctx(command);
      const o = c.options as Record<string, unknown>;
      const register = await loadRegister(o['register'] as string);
      const provider = await openStore(o['store'] as string, o['schema'] as string | undefined);
      let report: ReplayCheckReport;
      try {
        const runtime = new Runtime(provider, { logLevel: 'off' });
        await register(runtime);
        const limit = intOption(o['limit'] as string | undefined, '--limit');
        const ids = o['instance'] as string[] | undefined;
        report = await runtime.checkReplay({
          ...(ids !== undefined ? { instanceIds: ids } : {}),
          ...(limit !== undefined ? { limit } : {}),
        });
      } finally {
        await provider.close();
      }
      c.printer.print(report, (r: ReplayCheckReport) => {
        const { results, inputRejections, ...totals } = r;
        const problems = results.filter((x) => x.outcome !== 'ok' && x.outcome !== 'skipped');
        return [
          renderRecord(totals),
          problems.length === 0
            ? ''
            : `\n${renderTable(problems as unknown as Record<string, unknown>[], ['instanceId', 'orchestrationName', 'orchestrationVersion', 'outcome', 'eventId', 'message'])}`,
          inputRejections.length === 0
            ? ''
            : `\ninput rejected at the next continue-as-new:\n${renderTable(inputRejections as unknown as Record<string, unknown>[], ['instanceId', 'fromVersion', 'toVersion', 'message'])}`,
        ].join('');
      });
      if (report.diverged + report.unregistered + report.errors + report.inputRejected > 0) {
        throw new CliError(
          ERROR_CODES.NONDETERMINISM,
          `replay check: ${report.diverged} diverged, ${report.unregistered} unregistered, ${report.errors} errors, ${report.inputRejected} inputs rejected of ${report.checked} checked`,
          EXIT_CODES.CHECK_FAILED,
        );
      }
    });
}
