/**
 * `duroxide serve`: the management API over a store, running its bulk jobs.
 * @module
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Client } from '../../client/client.js';
import { parseApiKeyRecords, type ApiKeyRecord } from '../../server/auth/api-keys.js';
import { createManagementServer } from '../../server/create-management-server.js';
import { intOption, type CliContext } from '../cli-context.js';
import { usageError } from '../cli-error.js';
import { openStore } from '../open-store.js';

type Ctx = (command: Command) => CliContext;

/** Key records from `--keys-file` (a JSON array) or `DUROXIDE_API_KEYS` (the same JSON). */
function loadKeys(file: string | undefined, env: NodeJS.ProcessEnv): ApiKeyRecord[] {
  let text: string | undefined;
  let where = 'DUROXIDE_API_KEYS';
  if (file !== undefined) {
    where = file;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw usageError(`cannot read --keys-file ${file}: ${(error as Error).message}`);
    }
  } else {
    text = env['DUROXIDE_API_KEYS'];
  }
  if (text === undefined || text.trim() === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw usageError(`${where} must be a JSON array of key records (from duroxide keys create)`);
  }
  return parseApiKeyRecords(value);
}

/** Resolves when the process is asked to stop. */
function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function registerServeCommands(program: Command, ctx: Ctx): void {
  program
    .command('serve')
    .description('serves the management API over a store until SIGINT/SIGTERM')
    .requiredOption('--store <url>', 'sqlite:./app.db or postgres://user:password@host:5432/db')
    .option('--schema <name>', 'PostgreSQL schema (default public)')
    .option('--port <port>', 'TCP port (default 8080; 0 = any free port)', '8080')
    .option('--host <host>', 'address to bind; non-loopback needs API keys', '127.0.0.1')
    .option('--keys-file <path>', 'JSON array of API key records (default: DUROXIDE_API_KEYS)')
    .option('--read-only', 'refuse every mutation')
    .option('--max-body-bytes <n>', 'largest request body (default 1 MiB)')
    .option(
      '--bulk-lease-ms <ms>',
      "how long a bulk job stays this server's between checkpoints (default 30000)",
    )
    .option('--bulk-items-per-second <n>', 'pace of each bulk job (default unlimited)')
    .action(async (_o: unknown, command: Command) => {
      const c = ctx(command);
      const o = c.options as Record<string, string | boolean | undefined>;
      const keys = loadKeys(o['keysFile'] as string | undefined, c.io.env);
      const port = intOption(o['port'] as string, '--port') ?? 8080;
      const maxBodyBytes = intOption(o['maxBodyBytes'] as string | undefined, '--max-body-bytes');
      const leaseMs = intOption(o['bulkLeaseMs'] as string | undefined, '--bulk-lease-ms');
      const perSecond = intOption(
        o['bulkItemsPerSecond'] as string | undefined,
        '--bulk-items-per-second',
      );
      if (leaseMs === 0 || perSecond === 0)
        throw usageError('--bulk-lease-ms and --bulk-items-per-second must be positive');
      const provider = await openStore(o['store'] as string, o['schema'] as string | undefined);
      try {
        const server = createManagementServer({
          client: new Client(provider),
          auth: { keys },
          isReadOnly: o['readOnly'] === true,
          bulkJobs: {
            ...(leaseMs !== undefined ? { leaseMs } : {}),
            ...(perSecond !== undefined ? { maxItemsPerSecond: perSecond } : {}),
          },
          ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
        });
        const listening = await server.listen({ port, host: o['host'] as string });
        c.io.err(
          `duroxide management API on ${listening.url}/api/v1, dashboard on ${listening.url}/ (${keys.length > 0 ? `${keys.length} configured API key(s)` : 'no configured API keys: keys stored in the store are required if there are any, else loopback only and every caller is admin'}${o['readOnly'] === true ? ', read-only' : ''})`,
        );
        c.io.out(JSON.stringify({ url: listening.url, port: listening.port }));
        await untilSignal();
        await listening.close();
      } finally {
        await provider.close();
      }
    });
}
