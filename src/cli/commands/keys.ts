/**
 * `duroxide keys create | list | revoke`: API keys of the management server. With `--store` or
 * `--url` (or `DUROXIDE_URL`) keys are kept in the store (`/api/v1/keys`, admin); `keys create`
 * without either prints a record for the server's configuration instead.
 * @module
 */
import type { Command } from 'commander';
import {
  API_KEY_ROLES,
  createApiKey,
  type ApiKeyRecord,
  type ApiKeyRole,
} from '../../server/auth/api-keys.js';
import { enc, intOption, type CliContext } from '../cli-context.js';
import { usageError } from '../cli-error.js';
import { renderRecord, renderTable } from '../output.js';

type Ctx = (command: Command) => CliContext;

const DAY_MS = 24 * 3600_000;
const KEY_COLUMNS = [
  'name',
  'role',
  'prefix',
  'source',
  'state',
  'createdAt',
  'createdBy',
  'expiresAt',
  'revokedAt',
];

/** True when the command is to talk to a store or server rather than print a record. */
function hasTarget(c: CliContext): boolean {
  const url = c.options.url ?? c.io.env['DUROXIDE_URL'];
  return c.options.store !== undefined || (url !== undefined && url !== '');
}

export function registerKeyCommands(program: Command, ctx: Ctx): void {
  const keys = program.command('keys').description('API keys of the management server');
  keys
    .command('create')
    .description(
      'creates a key and prints its secret (once): kept in the store with --store/--url, else printed as a record for DUROXIDE_API_KEYS / --keys-file',
    )
    .requiredOption('--name <name>', 'shown as the actor in the audit log')
    .requiredOption('--role <role>', 'viewer | operator | admin')
    .option('--expires-in-days <days>', 'refuse the key after this many days')
    .action(async (_o: unknown, command: Command) => {
      const c = ctx(command);
      const o = c.options as Record<string, string | undefined>;
      const role = o['role'] as string;
      if (!Object.hasOwn(API_KEY_ROLES, role))
        throw usageError(`--role must be viewer, operator or admin, got ${role}`);
      const days = intOption(o['expiresInDays'], '--expires-in-days');
      const expiresAt = days === undefined ? undefined : Date.now() + days * DAY_MS;
      if (hasTarget(c)) {
        await c.withApi(async (api) =>
          c.printer.print(
            await api.request('POST', '/api/v1/keys', {
              name: o['name'],
              role,
              ...(expiresAt !== undefined ? { expiresAt } : {}),
            }),
            (v: { key: string; item: Record<string, unknown> }) =>
              `${renderRecord({ key: v.key })}\n\nGive the key to its user: it is shown this once and not stored (only its hash is). Revoke it with duroxide keys revoke ${String(v.item['name'])}.\n\n${renderRecord(v.item)}`,
          ),
        );
        return;
      }
      const created = await createApiKey(
        o['name'] as string,
        role as ApiKeyRole,
        expiresAt === undefined ? {} : { expiresAt },
      );
      c.printer.print(
        created,
        (v: { key: string; record: ApiKeyRecord }) =>
          `${renderRecord({ key: v.key })}\n\nGive the key to its user (it is not stored). Add this record to the server's keys (DUROXIDE_API_KEYS or --keys-file JSON array); remove it to revoke the key:\n${JSON.stringify(v.record)}`,
      );
    });
  keys
    .command('list')
    .description('keys kept in the store (revoked ones too) and the configured ones')
    .action(async (_o: unknown, command: Command) => {
      const c = ctx(command);
      await c.withApi(async (api) =>
        c.printer.print(
          await api.request('GET', '/api/v1/keys'),
          (v: { items: Record<string, unknown>[] }) => renderTable(v.items, KEY_COLUMNS),
        ),
      );
    });
  keys
    .command('revoke <name>')
    .description('revokes the stored key with this name (refused everywhere within a few seconds)')
    .action(async (name: string, _o: unknown, command: Command) => {
      const c = ctx(command);
      await c.confirm(`revoke the API key '${name}'?`);
      await c.withApi(async (api) =>
        c.printer.print(
          await api.request('DELETE', `/api/v1/keys/${enc(name)}`),
          (v: { item: Record<string, unknown> }) => renderRecord(v.item),
        ),
      );
    });
}
