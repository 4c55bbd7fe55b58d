/**
 * `duroxide instances …`: the twins of the instance endpoints.
 * @module
 */
import type { Command } from 'commander';
import { enc, intOption, jsonOption, queryString, type CliContext } from '../cli-context.js';
import { renderRecord, renderTable } from '../output.js';

type Ctx = (command: Command) => CliContext;

const LIST_COLUMNS = [
  'instanceId',
  'orchestrationName',
  'orchestrationVersion',
  'status',
  'currentExecutionId',
  'createdAt',
  'updatedAt',
];

interface Page {
  readonly items: Record<string, unknown>[];
  readonly nextCursor: string | null;
}

export function registerInstanceCommands(program: Command, ctx: Ctx): void {
  const instances = program
    .command('instances')
    .description('list, inspect and act on orchestration instances');

  instances
    .command('list')
    .description('instances matching every filter given, newest first')
    .option('--status <status>', 'Running | Completed | Failed | ContinuedAsNew')
    .option('--name <name>', 'orchestration name')
    .option('--version <version>', "exact version or pattern ('1.0.x', '1.x')")
    .option('--id-prefix <prefix>', 'instance id starts with')
    .option('--parent <instanceId>', 'direct sub-orchestrations of this instance')
    .option('--created-from <ms>', 'created at or after (epoch ms)')
    .option('--created-to <ms>', 'created before (epoch ms)')
    .option('--limit <n>', 'page size 1..1000 (default 100)')
    .option('--cursor <cursor>', 'nextCursor of the previous page')
    .option('--all', 'follow nextCursor to the end')
    .action(async (_o: unknown, command: Command) => {
      const c = ctx(command);
      const o = c.options as Record<string, string | boolean | undefined>;
      const base = {
        status: o['status'] as string | undefined,
        name: o['name'] as string | undefined,
        version: o['version'] as string | undefined,
        idPrefix: o['idPrefix'] as string | undefined,
        parentInstanceId: o['parent'] as string | undefined,
        createdFrom: intOption(o['createdFrom'] as string | undefined, '--created-from'),
        createdTo: intOption(o['createdTo'] as string | undefined, '--created-to'),
        limit: intOption(o['limit'] as string | undefined, '--limit'),
      };
      await c.withApi(async (api) => {
        let page = (await api.request(
          'GET',
          `/api/v1/instances${queryString({ ...base, cursor: o['cursor'] })}`,
        )) as Page;
        const items = [...page.items];
        while (o['all'] === true && page.nextCursor !== null) {
          c.printer.note(`… ${items.length} instances so far`);
          page = (await api.request(
            'GET',
            `/api/v1/instances${queryString({ ...base, cursor: page.nextCursor })}`,
          )) as Page;
          items.push(...page.items);
        }
        const result = { items, nextCursor: page.nextCursor };
        c.printer.print(
          result,
          (v: Page) =>
            renderTable(v.items, LIST_COLUMNS) +
            (v.nextCursor === null ? '' : `\nnext page: --cursor ${v.nextCursor}`),
        );
      });
    });

  instances
    .command('get <instanceId>')
    .description('an instance with its executions (and their versions) and stats')
    .action(async (id: string, _o: unknown, command: Command) => {
      const c = ctx(command);
      await c.withApi(async (api) => {
        const detail = await api.request('GET', `/api/v1/instances/${enc(id)}`);
        c.printer.print(
          detail,
          (d: { instance: Record<string, unknown>; executions: Record<string, unknown>[] }) =>
            `${renderRecord(d.instance)}\n\nexecutions:\n${renderTable(d.executions, ['executionId', 'orchestrationVersion', 'status', 'startedAt', 'completedAt', 'eventCount'])}`,
        );
      });
    });

  instances
    .command('status <instanceId>')
    .description(
      "the instance's status: Pending (start queued, no turn run yet), Running, Completed or Failed",
    )
    .action(async (id: string, _o: unknown, command: Command) => {
      const c = ctx(command);
      await c.withApi(async (api) =>
        c.printer.print(await api.request('GET', `/api/v1/instances/${enc(id)}/status`), (s) =>
          renderRecord(s),
        ),
      );
    });

  instances
    .command('history <instanceId>')
    .description("one page of an execution's history (default: the current execution)")
    .option('--execution <id>', 'execution id')
    .option('--limit <n>', 'page size 1..1000 (default 100)')
    .option('--cursor <cursor>', 'nextCursor of the previous page')
    .action(async (id: string, _o: unknown, command: Command) => {
      const c = ctx(command);
      const o = c.options as Record<string, string | undefined>;
      const q = queryString({
        executionId: intOption(o['execution'], '--execution'),
        limit: intOption(o['limit'], '--limit'),
        cursor: o['cursor'],
      });
      await c.withApi(async (api) => {
        c.printer.print(
          await api.request('GET', `/api/v1/instances/${enc(id)}/history${q}`),
          (p: Page) =>
            renderTable(p.items, ['eventId', 'kind', 'sourceEventId', 'timestampMs', 'data']) +
            (p.nextCursor === null ? '' : `\nnext page: --cursor ${p.nextCursor}`),
        );
      });
    });

  instances
    .command('timeline <instanceId>')
    .description("spans of an execution's activities, timers, events, queues and children")
    .option('--execution <id>', 'execution id (default: the current one)')
    .action(async (id: string, _o: unknown, command: Command) => {
      const c = ctx(command);
      const q = queryString({
        executionId: intOption(c.options['execution'] as string | undefined, '--execution'),
      });
      await c.withApi(async (api) =>
        c.printer.print(
          await api.request('GET', `/api/v1/instances/${enc(id)}/timeline${q}`),
          (v: { items: Record<string, unknown>[] }) =>
            renderTable(v.items, [
              'eventId',
              'kind',
              'name',
              'outcome',
              'startedAt',
              'endedAt',
              'fireAt',
            ]),
        ),
      );
    });

  instances
    .command('export <instanceId>')
    .description("every execution's history as NDJSON on stdout (one event per line)")
    .action(async (id: string, _o: unknown, command: Command) => {
      const c = ctx(command);
      await c.withApi(async (api) =>
        c.io.out((await api.text(`/api/v1/instances/${enc(id)}/export`)).trimEnd()),
      );
    });

  instances
    .command('tree <instanceId>')
    .description('the instance and its sub-orchestrations')
    .action(async (id: string, _o: unknown, command: Command) => {
      const c = ctx(command);
      await c.withApi(async (api) =>
        c.printer.print(await api.request('GET', `/api/v1/instances/${enc(id)}/tree`)),
      );
    });

  instances
    .command('start <orchestrationName>')
    .description('starts an instance (enqueued)')
    .option('--id <instanceId>', 'instance id (default: a random UUID)')
    .option('--input <json>', 'input as JSON')
    .option('--version <version>', 'run this version instead of the policy’s choice')
    .option('--pin', 'keep the instance on its version across continue-as-new')
    .action(async (name: string, _o: unknown, command: Command) => {
      const c = ctx(command);
      const o = c.options as Record<string, string | boolean | undefined>;
      const body = {
        orchestrationName: name,
        ...(o['id'] !== undefined ? { instanceId: o['id'] } : {}),
        ...(o['input'] !== undefined ? { input: jsonOption(o['input'] as string, '--input') } : {}),
        ...(o['version'] !== undefined ? { version: o['version'] } : {}),
        ...(o['pin'] === true ? { pinVersion: true } : {}),
      };
      await c.withApi(async (api) =>
        c.printer.print(await api.request('POST', '/api/v1/instances', body)),
      );
    });

  instances
    .command('raise <instanceId> <eventName>')
    .description('raises an external event (enqueued)')
    .option('--data <json>', 'event data as JSON')
    .action(async (id: string, eventName: string, _o: unknown, command: Command) => {
      const c = ctx(command);
      const data = jsonOption(c.options['data'] as string | undefined, '--data');
      await c.withApi(async (api) =>
        c.printer.print(
          await api.request('POST', `/api/v1/instances/${enc(id)}/events`, {
            eventName,
            ...(data !== undefined ? { data } : {}),
          }),
        ),
      );
    });

  instances
    .command('cancel <instanceId>')
    .description('requests cancellation (asks first unless --yes)')
    .option('--reason <text>', 'why (recorded)')
    .action(async (id: string, _o: unknown, command: Command) => {
      const c = ctx(command);
      const reason = c.options['reason'] as string | undefined;
      await c.confirm(`cancel instance ${id}?`);
      await c.withApi(async (api) =>
        c.printer.print(
          await api.request(
            'POST',
            `/api/v1/instances/${enc(id)}/cancel`,
            reason === undefined ? {} : { reason },
          ),
        ),
      );
    });

  instances
    .command('resume <instanceId>')
    .description('re-drives a Failed instance from its history')
    .option('--version <version>', 'replay and continue on this version')
    .option('--reason <text>', 'why (recorded)')
    .option('--timeout-ms <ms>', 'wait this long for a runtime (0: just enqueue)')
    .action(async (id: string, _o: unknown, command: Command) => {
      const c = ctx(command);
      const o = c.options as Record<string, string | undefined>;
      const body = {
        ...(o['version'] !== undefined ? { version: o['version'] } : {}),
        ...(o['reason'] !== undefined ? { reason: o['reason'] } : {}),
        ...timeout(o),
      };
      await c.withApi(async (api) =>
        c.printer.print(await api.request('POST', `/api/v1/instances/${enc(id)}/resume`, body)),
      );
    });

  instances
    .command('restart <instanceId>')
    .description('starts a new execution of a finished instance (asks first unless --yes)')
    .option('--version <version>', 'version of the new execution')
    .option('--input <json>', 'input of the new execution (default: the last one)')
    .option('--reason <text>', 'why (recorded)')
    .option('--timeout-ms <ms>', 'wait this long for a runtime (0: just enqueue)')
    .action(async (id: string, _o: unknown, command: Command) => {
      const c = ctx(command);
      const o = c.options as Record<string, string | undefined>;
      const body = {
        ...(o['version'] !== undefined ? { version: o['version'] } : {}),
        ...(o['input'] !== undefined ? { input: jsonOption(o['input'], '--input') } : {}),
        ...(o['reason'] !== undefined ? { reason: o['reason'] } : {}),
        ...timeout(o),
      };
      await c.confirm(`restart instance ${id}?`);
      await c.withApi(async (api) =>
        c.printer.print(await api.request('POST', `/api/v1/instances/${enc(id)}/restart`, body)),
      );
    });

  instances
    .command('delete <instanceId>')
    .description('deletes a root instance with its whole tree (asks first unless --yes)')
    .option('--force', 'delete even if running')
    .action(async (id: string, _o: unknown, command: Command) => {
      const c = ctx(command);
      const force = c.options['force'] === true;
      await c.confirm(
        `delete instance ${id} and its sub-orchestrations${force ? ' even if running' : ''}?`,
      );
      await c.withApi(async (api) =>
        c.printer.print(
          await api.request(
            'DELETE',
            `/api/v1/instances/${enc(id)}${queryString({ force: force ? true : undefined })}`,
          ),
        ),
      );
    });

  instances
    .command('prune <instanceId>')
    .description('deletes old executions of a continue-as-new instance (asks first unless --yes)')
    .option('--keep-last <n>', 'keep the N most recent executions')
    .option('--completed-before <ms>', 'only executions completed before (epoch ms)')
    .action(async (id: string, _o: unknown, command: Command) => {
      const c = ctx(command);
      const o = c.options as Record<string, string | undefined>;
      const keepLast = intOption(o['keepLast'], '--keep-last');
      const completedBefore = intOption(o['completedBefore'], '--completed-before');
      await c.confirm(`prune old executions of ${id}?`);
      await c.withApi(async (api) =>
        c.printer.print(
          await api.request('POST', `/api/v1/instances/${enc(id)}/prune`, {
            ...(keepLast !== undefined ? { keepLast } : {}),
            ...(completedBefore !== undefined ? { completedBefore } : {}),
          }),
        ),
      );
    });
}

function timeout(o: Record<string, string | undefined>): { timeoutMs?: number } {
  const ms = intOption(o['timeoutMs'], '--timeout-ms');
  return ms === undefined ? {} : { timeoutMs: ms };
}
