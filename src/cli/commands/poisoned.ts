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
  const poisoned = program
    .command('poisoned')
    .description('queue rows quarantined because no fetch could process them');
  poisoned
    .command('prune')
    .description('deletes quarantined rows poisoned before a time (asks first unless --yes)')
    .requiredOption('--before <ms>', 'poisoned before this time (epoch ms)')
    .action(async (_o: unknown, command: Command) => {
      const c = ctx(command);
      const before = intOption(c.options['before'] as string | undefined, '--before');
      await c.confirm(
        `delete the quarantined rows poisoned before ${new Date(before ?? 0).toISOString()}?`,
      );
      await c.withApi(async (api) =>
        c.printer.print(
          await api.request('DELETE', `/api/v1/poisoned${queryString({ poisonedBefore: before })}`),
        ),
      );
    });
  poisoned
    .command('list', { isDefault: true })
    .description('the quarantined rows, newest first (the default: `duroxide poisoned`)')
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
