/**
 * `duroxide replay-check --register ./worker.js --store …`: loads a module that registers
 * orchestrations on a runtime (the code about to be deployed) and replays the stored histories
 * of running instances against it, without starting the runtime or changing anything.
 * @module
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Runtime } from '../../runtime/runtime.js';
import { intOption } from '../cli-context.js';
import { CliError, EXIT_CODES, usageError } from '../cli-error.js';
import { openStore } from '../open-store.js';
import { renderRecord, renderTable } from '../output.js';
import { ERROR_CODES } from '../../core/errors/duroxide-error.js';
async function loadRegister(path) {
    let module;
    try {
        module = (await import(pathToFileURL(resolve(path)).href));
    }
    catch (error) {
        throw usageError(`cannot load --register ${path}: ${error.message}`);
    }
    const register = module.register ?? module.default;
    if (typeof register !== 'function') {
        throw usageError(`--register ${path} must export a function register(runtime) (or a default export) that registers your orchestrations and activities`);
    }
    return register;
}
export function registerReplayCheckCommand(program, ctx) {
    program
        .command('replay-check')
        .description("replays running instances' histories against the code a module registers (exit 8 when any diverges)")
        .requiredOption('--register <module>', 'a JS module exporting register(runtime)')
        .requiredOption('--store <url>', 'sqlite:./app.db or postgres://… (the live store; read only)')
        .option('--schema <name>', 'PostgreSQL schema (default public)')
        .option('--instance <id...>', 'only these instances')
        .option('--limit <n>', 'at most this many running instances')
        .action(async (_o, command) => {
        const c = ctx(command);
        const o = c.options;
        const register = await loadRegister(o['register']);
        const provider = await openStore(o['store'], o['schema']);
        let report;
        try {
            const runtime = new Runtime(provider, { logLevel: 'off' });
            await register(runtime);
            const limit = intOption(o['limit'], '--limit');
            const ids = o['instance'];
            report = await runtime.checkReplay({
                ...(ids !== undefined ? { instanceIds: ids } : {}),
                ...(limit !== undefined ? { limit } : {}),
            });
        }
        finally {
            await provider.close();
        }
        c.printer.print(report, (r) => {
            const { results, inputRejections, ...totals } = r;
            const problems = results.filter((x) => x.outcome !== 'ok' && x.outcome !== 'skipped');
            return [
                renderRecord(totals),
                problems.length === 0
                    ? ''
                    : `\n${renderTable(problems, ['instanceId', 'orchestrationName', 'orchestrationVersion', 'outcome', 'eventId', 'message'])}`,
                inputRejections.length === 0
                    ? ''
                    : `\ninput rejected at the next continue-as-new:\n${renderTable(inputRejections, ['instanceId', 'fromVersion', 'toVersion', 'message'])}`,
            ].join('');
        });
        if (report.diverged + report.unregistered + report.errors + report.inputRejected > 0) {
            throw new CliError(ERROR_CODES.NONDETERMINISM, `replay check: ${report.diverged} diverged, ${report.unregistered} unregistered, ${report.errors} errors, ${report.inputRejected} inputs rejected of ${report.checked} checked`, EXIT_CODES.CHECK_FAILED);
        }
    });
}
//# sourceMappingURL=replay-check.js.map