/**
 * `duroxide poisoned`: queue rows the runtimes quarantined (docs/reliability.md).
 * @module
 */
import type { Command } from 'commander';
import { intOption, queryString, type CliContext } from '../cli-context.js';
import { renderTable } from '../output.js';

export function registerPoisonedCommand(
  program: Command,
  ctx: (command: Command) => CliContext,
): void {
  program
    .command('poisoned')
    .description('queue rows quarantined because no fetch could process them, newest first')
    .option('--limit <n>', 'page size 1..1000')
    .option('--cursor <cursor>', 'nextCursor of the previous page')
    .action(async (_o: unknown, command: Command) => {
      const c = ctx(command);
      const o = c.options as Record<string, string | undefined>;
      const q = queryString({ limit: intOption(o['limit'], '--limit'), cursor: o['cursor'] });
      await c.withApi(async (api) =>
        c.printer.print(
          await api.request('GET', `/api/v1/poisoned${q}`),
          (v: { items: Record<string, unknown>[] }) =>
            renderTable(v.items, [
              'poisonId',
              'queue',
              'instanceId',
              'itemType',
              'sizeBytes',
              'poisonedAt',
              'reason',
            ]),
        ),
      );
    });
}
