import { enc, intOption, queryString } from '../cli-context.js';
import { usageError } from '../cli-error.js';
import { renderTable } from '../output.js';
function versionTable(v) {
    const rows = v.items.flatMap((s) => s.versions.map((r) => ({
        orchestration: s.orchestrationName,
        version: r.version,
        nonTerminal: r.nonTerminal,
        counts: Object.entries(r.counts)
            .map(([k, n]) => `${k}:${n}`)
            .join(' '),
        liveNodes: r.liveNodes.length,
        stuck: r.isStuck ? 'STUCK' : '',
        safeToDeleteCode: r.isSafeToDeleteCode ? 'yes' : 'no',
        policy: s.policy === null ? '' : JSON.stringify(s.policy.policy),
    })));
    return renderTable(rows);
}
/** `latest`, `pinned:1.2.0`, `ramp:1.0.0:2.0.0:10`. */
function parsePolicyArgument(text) {
    if (text === 'latest')
        return { kind: 'latest' };
    const pinned = /^pinned:([^:]+)$/.exec(text);
    if (pinned !== null)
        return { kind: 'pinned', version: pinned[1] };
    const ramp = /^ramp:([^:]+):([^:]+):(\d{1,3})$/.exec(text);
    if (ramp !== null)
        return { kind: 'ramp', from: ramp[1], to: ramp[2], percent: Number(ramp[3]) };
    throw usageError(`policy must be latest, pinned:<version> or ramp:<from>:<to>:<percent>, got ${JSON.stringify(text)}`);
}
export function registerFleetCommands(program, ctx) {
    program
        .command('versions')
        .description('every orchestration with its versions: instances by status, live nodes, policy, safe to delete old code')
        .action(async (_o, command) => {
        const c = ctx(command);
        await c.withApi(async (api) => c.printer.print(await api.request('GET', '/api/v1/orchestrations'), versionTable));
    });
    program
        .command('upgrades')
        .description("orchestrations mid-upgrade or with stuck instances; with --name and --version, that version's running instances and their expected upgrade time")
        .option('--name <orchestrationName>', 'with --version: list running instances of name@version')
        .option('--version <version>', 'with --name')
        .option('--limit <n>', 'page size 1..100 (default 20)')
        .option('--cursor <cursor>', 'nextCursor of the previous page')
        .action(async (_o, command) => {
        const c = ctx(command);
        const o = c.options;
        if ((o['name'] === undefined) !== (o['version'] === undefined))
            throw usageError('give --name and --version together');
        if (o['name'] !== undefined && o['version'] !== undefined) {
            const q = queryString({ limit: intOption(o['limit'], '--limit'), cursor: o['cursor'] });
            await c.withApi(async (api) => c.printer.print(await api.request('GET', `/api/v1/orchestrations/${enc(o['name'])}/versions/${enc(o['version'])}/instances${q}`), (v) => renderTable(v.items, [
                'instanceId',
                'createdAt',
                'currentExecutionId',
                'expectedUpgradeAt',
                'openActivities',
                'awaitedEvents',
                'versionPin',
                'nextVersion',
            ]) + (v.nextCursor === null ? '' : `\nnext page: --cursor ${v.nextCursor}`)));
            return;
        }
        await c.withApi(async (api) => c.printer.print(await api.request('GET', '/api/v1/upgrades'), versionTable));
    });
    const policy = program
        .command('policy')
        .description('the stored version policy of orchestration names');
    policy
        .command('get <orchestrationName>')
        .description('the stored policy (null when none)')
        .action(async (name, _o, command) => {
        const c = ctx(command);
        await c.withApi(async (api) => c.printer.print(await api.request('GET', `/api/v1/orchestrations/${enc(name)}/policy`), (v) => JSON.stringify(v.item, null, 2)));
    });
    policy
        .command('list')
        .description('every stored policy')
        .action(async (_o, command) => {
        const c = ctx(command);
        await c.withApi(async (api) => c.printer.print(await api.request('GET', '/api/v1/policies')));
    });
    policy
        .command('set <orchestrationName> <policy>')
        .description('stores a policy: latest | pinned:<version> | ramp:<from>:<to>:<percent> (admin)')
        .option('--force', 'store it even if no live node registers the version')
        .option('--reason <text>', 'why (recorded)')
        .action(async (name, text, _o, command) => {
        const c = ctx(command);
        const body = {
            policy: parsePolicyArgument(text),
            ...(c.options['force'] === true ? { force: true } : {}),
            ...(c.options['reason'] !== undefined ? { reason: c.options['reason'] } : {}),
        };
        await c.withApi(async (api) => c.printer.print(await api.request('PUT', `/api/v1/orchestrations/${enc(name)}/policy`, body)));
    });
    policy
        .command('clear <orchestrationName>')
        .description("removes the stored policy (the nodes' default applies) (admin)")
        .option('--reason <text>', 'why (recorded)')
        .action(async (name, _o, command) => {
        const c = ctx(command);
        const reason = c.options['reason'];
        await c.confirm(`clear the version policy of ${name}?`);
        await c.withApi(async (api) => c.printer.print(await api.request('DELETE', `/api/v1/orchestrations/${enc(name)}/policy${queryString({ reason })}`)));
    });
    program
        .command('nodes')
        .description('the node registry: runtimes with their versions')
        .option('--include-stale', 'also nodes that stopped heartbeating')
        .action(async (_o, command) => {
        const c = ctx(command);
        const q = queryString({
            includeStale: c.options['includeStale'] === true ? true : undefined,
        });
        await c.withApi(async (api) => c.printer.print(await api.request('GET', `/api/v1/nodes${q}`), (v) => renderTable(v.items.map((n) => ({
            nodeId: n.nodeId,
            host: n.host,
            pid: n.pid,
            isLive: n.isLive,
            lastSeenAt: n.lastSeenAt,
            orchestrations: n.orchestrations
                .map((o) => `${o.name}@${o.versions.join(',')}`)
                .join(' '),
        })))));
    });
    program
        .command('activities')
        .description('activity names registered by live nodes')
        .action(async (_o, command) => {
        const c = ctx(command);
        await c.withApi(async (api) => c.printer.print(await api.request('GET', '/api/v1/activities')));
    });
    program
        .command('audit')
        .description('the audit log, newest first')
        .option('--target <target>', 'e.g. instance:order-1 or orchestration:Monitor')
        .option('--limit <n>', 'page size 1..1000')
        .option('--cursor <cursor>', 'nextCursor of the previous page')
        .action(async (_o, command) => {
        const c = ctx(command);
        const o = c.options;
        const q = queryString({
            target: o['target'],
            limit: intOption(o['limit'], '--limit'),
            cursor: o['cursor'],
        });
        await c.withApi(async (api) => c.printer.print(await api.request('GET', `/api/v1/audit${q}`), (v) => renderTable(v.items, [
            'auditId',
            'at',
            'actor',
            'action',
            'target',
            'reason',
            'details',
        ])));
    });
    program
        .command('metrics')
        .description('totals over all instances')
        .action(async (_o, command) => {
        const c = ctx(command);
        await c.withApi(async (api) => c.printer.print(await api.request('GET', '/api/v1/metrics')));
    });
    program
        .command('queues')
        .description('messages waiting in the orchestrator and worker queues')
        .action(async (_o, command) => {
        const c = ctx(command);
        await c.withApi(async (api) => c.printer.print(await api.request('GET', '/api/v1/queues')));
    });
}
//# sourceMappingURL=fleet.js.map