/**
 * Replay check before deploy: replays the stored history of every non-terminal instance
 * against the code registered in this process and reports, per instance, whether it replays
 * cleanly or where it diverges; and which instances carry an input (state) that the version
 * they would move to at their next continue-as-new rejects. Reads only; stored state is never
 * changed. Engines come from the dispatcher's factory, so a check replays exactly as a turn
 * would (KV snapshot, limits).
 * @module
 */
import { InvalidInputError } from '../core/errors/duroxide-error.js';
import { describeIssues } from '../core/schema/standard-schema.js';
import { compareSemVer, parseSemVer } from '../core/versioning/semver.js';
import { createReplayEngine } from './engine-factory.js';
import { inputIssues } from './input-gate.js';
/** The highest version of the name registered on this runtime, if not below the current one. */
export function highestRegisteredTarget(registry) {
    return (name, currentVersion) => {
        const highest = registry.listVersions(name).at(-1);
        const current = parseSemVer(currentVersion);
        const top = highest === undefined ? null : parseSemVer(highest);
        if (top === null || current === null || compareSemVer(top, current) < 0)
            return undefined;
        return highest;
    };
}
export async function checkReplay(provider, env, options = {}, upgradeTarget = highestRegisteredTarget(env.registry)) {
    const limit = options.limit ?? 1000;
    if (!Number.isInteger(limit) || limit < 1)
        throw new InvalidInputError(`limit must be a positive integer, got ${String(limit)}`);
    let ids;
    if (options.instanceIds !== undefined) {
        if (!Array.isArray(options.instanceIds) ||
            !options.instanceIds.every((i) => typeof i === 'string' && i.length > 0)) {
            throw new InvalidInputError('instanceIds must be an array of non-empty strings');
        }
        ids = options.instanceIds;
    }
    else {
        ids = (await provider.listInstancesByStatus('Running')).slice(0, limit);
    }
    const results = [];
    const inputRejections = [];
    for (const id of ids) {
        const { result, history } = await checkOne(provider, env, id);
        results.push(result);
        const rejection = history === undefined
            ? undefined
            : await checkInput(env.registry, upgradeTarget, id, history);
        if (rejection !== undefined)
            inputRejections.push(rejection);
    }
    const count = (o) => results.filter((r) => r.outcome === o).length;
    return {
        checked: results.length,
        ok: count('ok'),
        diverged: count('diverged'),
        unregistered: count('unregistered'),
        skipped: count('skipped'),
        errors: count('error'),
        results,
        inputRejected: inputRejections.length,
        inputRejections,
    };
}
/** The current input against the schema of the version the next continue-as-new would run. */
async function checkInput(registry, upgradeTarget, instanceId, history) {
    const first = history[0];
    if (first?.type !== 'OrchestrationStarted')
        return undefined;
    const toVersion = await upgradeTarget(first.name, first.version, instanceId);
    const schema = toVersion === undefined ? undefined : registry.inputSchema(first.name, toVersion);
    if (toVersion === undefined || schema === undefined)
        return undefined;
    const issues = await inputIssues(schema, first.input);
    if (issues.length === 0)
        return undefined;
    return {
        instanceId,
        executionId: first.executionId,
        orchestrationName: first.name,
        fromVersion: first.version,
        toVersion,
        issues,
        message: `its input is rejected by ${first.name}@${toVersion}'s input schema: ${describeIssues(issues)}; at its next continue-as-new into ${toVersion} it would fail with INPUT_REJECTED unless the state it passes then is accepted`,
    };
}
async function checkOne(provider, env, instanceId) {
    const { registry } = env;
    const info = await provider.getInstance(instanceId);
    if (info === null)
        return {
            result: { instanceId, outcome: 'error', message: `instance '${instanceId}' not found` },
        };
    const executionId = info.currentExecutionId;
    if (info.status !== 'Running') {
        const next = info.status === 'ContinuedAsNew'
            ? `; its next execution starts on ${info.orchestrationName}@${registry.resolveVersion(info.orchestrationName) ?? '(none registered here)'}`
            : '';
        return {
            result: {
                instanceId,
                executionId,
                orchestrationName: info.orchestrationName,
                outcome: 'skipped',
                message: `instance is ${info.status}: nothing to replay${next}`,
            },
        };
    }
    let history;
    let kvSnapshot;
    try {
        // The snapshot changes only when an execution ends, which the re-read below detects.
        kvSnapshot = await provider.readKvSnapshot(instanceId);
        history = await provider.readHistory(instanceId, executionId);
    }
    catch (e) {
        return {
            result: {
                instanceId,
                executionId,
                outcome: 'error',
                message: `history could not be read: ${e.message}`,
            },
        };
    }
    const first = history[0];
    if (first?.type !== 'OrchestrationStarted') {
        return {
            result: {
                instanceId,
                executionId,
                outcome: 'error',
                message: 'history does not start with OrchestrationStarted',
            },
        };
    }
    const base = {
        instanceId,
        executionId,
        orchestrationName: first.name,
        orchestrationVersion: first.version,
    };
    const handler = registry.get(first.name, first.version);
    if (handler === undefined) {
        return {
            history,
            result: {
                ...base,
                outcome: 'unregistered',
                message: `no code registered here for ${first.name}@${first.version}; keep that version registered until its executions finish`,
            },
        };
    }
    const again = await provider.getInstance(instanceId);
    if (again?.currentExecutionId !== executionId || again.status !== 'Running') {
        return {
            result: {
                ...base,
                outcome: 'skipped',
                message: 'the execution ended while it was being read; run the check again',
            },
        };
    }
    const engine = await createReplayEngine(env, {
        instanceId,
        executionId,
        history,
        handler,
        kvSnapshot,
        quiet: true,
    });
    return { history, result: await replay(engine, base) };
}
async function replay(engine, base) {
    const result = await engine.runTurn([]);
    const error = result.error;
    if (error === undefined || error.category === 'application')
        return { ...base, outcome: 'ok', message: 'replays cleanly' };
    if (error.kind === 'Nondeterminism' && error.details !== undefined) {
        const d = error.details;
        return {
            ...base,
            outcome: 'diverged',
            message: `diverges at event ${String(d['eventId'])}: history has ${String(d['expected'])}, code did ${String(d['actual'])}`,
            eventId: Number(d['eventId']),
            expected: String(d['expected']),
            actual: String(d['actual']),
        };
    }
    return {
        ...base,
        outcome: error.kind === 'Nondeterminism' ? 'diverged' : 'error',
        message: error.message,
    };
}
//# sourceMappingURL=replay-check.js.map