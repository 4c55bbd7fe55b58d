import { intOption, jsonOption } from '../cli-context.js';
import { usageError } from '../cli-error.js';
import { renderRecord, renderTable } from '../output.js';
const ACTIONS = ['cancel', 'delete', 'prune', 'raise', 'restart'];
export function registerBulkCommand(program, ctx) {
    program
        .command('bulk <action>')
        .description('cancel | delete | prune | raise | restart every instance matching a filter or listed (asks first unless --yes or --dry-run)')
        .option('--ids <instanceId...>', 'these instances instead of a filter')
        .option('--status <status>', 'filter: Running | Completed | Failed | ContinuedAsNew')
        .option('--name <name>', 'filter: orchestration name')
        .option('--version <version>', "filter: exact version or pattern ('1.0.x')")
        .option('--id-prefix <prefix>', 'filter: instance id starts with')
        .option('--limit <n>', 'at most this many instances (1..1000, default 100)')
        .option('--dry-run', 'only count and list the matches')
        .option('--reason <text>', 'why (recorded)')
        .option('--force', 'delete: also running instances')
        .option('--keep-last <n>', 'prune: keep this many executions')
        .option('--event <name>', 'raise: the event name')
        .option('--data <json>', 'raise: the event data')
        .option('--to-version <version>', 'restart: version of the new execution')
        .action(async (action, _o, command) => {
        const c = ctx(command);
        const o = c.options;
        if (!ACTIONS.includes(action))
            throw usageError(`action must be one of ${ACTIONS.join(', ')}, got ${action}`);
        const filter = Object.fromEntries(Object.entries({
            status: o['status'],
            name: o['name'],
            version: o['version'],
            idPrefix: o['idPrefix'],
        }).filter(([, v]) => v !== undefined));
        const ids = o['ids'];
        if (ids === undefined && Object.keys(filter).length === 0)
            throw usageError('give --ids or at least one filter (--status, --name, --version, --id-prefix)');
        const keepLast = intOption(o['keepLast'], '--keep-last');
        const limit = intOption(o['limit'], '--limit');
        const data = jsonOption(o['data'], '--data');
        const body = {
            action,
            ...(ids !== undefined ? { instanceIds: ids } : { filter }),
            ...(limit !== undefined ? { limit } : {}),
            ...(o['dryRun'] === true ? { dryRun: true } : {}),
            ...(o['reason'] !== undefined ? { reason: o['reason'] } : {}),
            ...(o['force'] === true ? { force: true } : {}),
            ...(keepLast !== undefined ? { keepLast } : {}),
            ...(o['event'] !== undefined ? { eventName: o['event'] } : {}),
            ...(data !== undefined ? { data } : {}),
            ...(o['toVersion'] !== undefined ? { version: o['toVersion'] } : {}),
        };
        if (o['dryRun'] !== true)
            await c.confirm(`${action} every matching instance (up to ${limit ?? 100})?`);
        await c.withApi(async (api) => c.printer.print(await api.request('POST', '/api/v1/bulk', body), (r) => {
            const { failed, instanceIds, ...totals } = r;
            return `${renderRecord({ ...totals, failed: failed.length })}${failed.length > 0 ? `\n\n${renderTable(failed)}` : ''}${instanceIds.length > 0 && r['dryRun'] === true ? `\n\nmatches:\n${instanceIds.join('\n')}` : ''}`;
        }));
    });
}
//# sourceMappingURL=bulk.js.map