import { stampVersions } from './version-stamping.js';
const TARGET = 'duroxide::runtime::operator-requests';
/** Audit entries for requests that do not apply (the instance is running, another execution…). */
export function refuseOperatorRequests(requests, why) {
    return requests.map((r) => ({
        at: Date.now(),
        actor: r.actor,
        action: r.type === 'ResumeOrchestration' ? 'instance.resume-refused' : 'instance.restart-refused',
        target: `instance:${r.instance}`,
        reason: r.reason,
        details: JSON.stringify({ requestId: r.requestId, refusal: why }),
    }));
}
/** The audit entry of a restart the dispatcher applied as a new execution. */
export function restartedAudit(request, executionId, version) {
    return {
        at: Date.now(),
        actor: request.actor,
        action: 'instance.restarted',
        target: `instance:${request.instance}`,
        reason: request.reason,
        details: JSON.stringify({ requestId: request.requestId, executionId, version }),
    };
}
/** Applies (or refuses) a resume of the instance's Failed current execution. */
export async function resumeExecution(deps, locked, history, request, messages, requests) {
    const { item } = locked;
    const instanceId = item.instanceId;
    const others = requests.filter((r) => r !== request);
    const refuse = async (why) => {
        deps.logger.warn(TARGET, `resume refused: ${why}`, { instanceId });
        await deps.discard(locked, why, refuseOperatorRequests([request, ...others], why));
    };
    const started = history[0];
    const failed = history[history.length - 1];
    if (started?.type !== 'OrchestrationStarted' || failed?.type !== 'OrchestrationFailed') {
        await refuse('the execution has no complete history to resume from');
        return;
    }
    const version = request.version ?? started.version;
    const handler = deps.registry.get(started.name, version);
    if (handler === undefined) {
        if (locked.attemptCount > deps.options.maxAttempts) {
            await refuse(`no runtime that tried it registers '${started.name}'@${version}`);
        }
        else {
            await deps.defer(locked, `'${started.name}'@${version}`);
        }
        return;
    }
    const replayed = history.slice(0, -1);
    replayed[0] = { ...started, version };
    const engine = await deps.createEngine({
        instanceId,
        executionId: item.executionId,
        history: replayed,
        handler,
        kvSnapshot: item.kvSnapshot,
    });
    const others2 = messages.filter((m) => m.type !== 'StartOrchestration' && m.type !== 'ContinueAsNew');
    const result = await engine.runTurn(others2);
    if (result.status === 'Failed' && result.error?.kind === 'Nondeterminism') {
        await refuse(`the history does not replay on '${started.name}'@${version}: ${result.error.message}`);
        return;
    }
    const reissued = await openWork(deps.provider, replayed, result);
    const versionMetadata = await stampVersions(deps.versions, result, version, {
        versionPin: item.versionPin,
        nextVersion: item.nextVersion,
    });
    const ack = {
        executionId: item.executionId,
        historyDelta: result.historyDelta,
        workerItems: [...reissued.workerItems, ...result.workerItems],
        orchestratorItems: [...reissued.orchestratorItems, ...result.orchestratorItems],
        cancelledActivities: result.cancelledActivities,
        metadata: {
            status: result.status === 'Running' ? undefined : result.status,
            output: result.output,
            customStatus: result.customStatus,
            ...versionMetadata,
        },
        reopen: { failedEventId: failed.eventId, version },
    };
    if (!(await deps.commit(locked, ack)))
        return;
    engine.commit();
    deps.logger.info(TARGET, `resumed ${instanceId} execution ${item.executionId} on '${started.name}'@${version}`, { instanceId });
    await deps.audit([
        {
            at: Date.now(),
            actor: request.actor,
            action: 'instance.resumed',
            target: `instance:${instanceId}`,
            reason: request.reason,
            details: JSON.stringify({
                requestId: request.requestId,
                executionId: item.executionId,
                fromVersion: started.version,
                version,
                failure: failed.details,
                reissuedActivities: reissued.workerItems.length,
            }),
        },
        ...refuseOperatorRequests(others, 'another request on the same batch was applied first'),
    ]);
}
/**
 * Work the failure dropped: activities and timers scheduled without a completion (their rows
 * and completions were discarded when the execution failed), and the outcome of
 * sub-orchestrations that finished while the parent was failed. Not re-issued: what the resumed
 * turn itself completed or cancelled.
 */
async function openWork(provider, history, result) {
    const done = new Set();
    for (const e of [...history, ...result.historyDelta]) {
        if (e.sourceEventId !== undefined)
            done.add(e.sourceEventId);
    }
    for (const c of result.cancelledActivities)
        done.add(c.activityId);
    const workerItems = [];
    const orchestratorItems = [];
    const started = history[0];
    const orchestration = started?.type === 'OrchestrationStarted' ? started : undefined;
    for (const e of history) {
        if (done.has(e.eventId))
            continue;
        switch (e.type) {
            case 'ActivityScheduled':
                workerItems.push({
                    type: 'ActivityExecute',
                    instance: e.instanceId,
                    executionId: e.executionId,
                    id: e.eventId,
                    name: e.name,
                    input: e.input,
                    sessionId: e.sessionId,
                    tag: e.tag,
                    orchestrationName: orchestration?.name,
                    orchestrationVersion: orchestration?.version,
                });
                break;
            case 'TimerCreated':
                orchestratorItems.push({
                    type: 'TimerFired',
                    instance: e.instanceId,
                    executionId: e.executionId,
                    id: e.eventId,
                    fireAt: e.fireAt,
                });
                break;
            case 'SubOrchestrationScheduled': {
                const child = await provider.getInstance(e.instance);
                const parent = {
                    parentInstance: e.instanceId,
                    parentExecutionId: e.executionId,
                    parentId: e.eventId,
                };
                if (child === null) {
                    orchestratorItems.push({
                        type: 'StartOrchestration',
                        instance: e.instance,
                        orchestration: e.name,
                        input: e.input,
                        version: e.version,
                        parent: {
                            instanceId: e.instanceId,
                            executionId: e.executionId,
                            scheduleEventId: e.eventId,
                        },
                    });
                }
                else if (child.status === 'Completed') {
                    orchestratorItems.push({
                        type: 'SubOrchCompleted',
                        ...parent,
                        result: child.output ?? 'null',
                    });
                }
                else if (child.status === 'Failed') {
                    orchestratorItems.push({
                        type: 'SubOrchFailed',
                        ...parent,
                        details: {
                            category: 'application',
                            kind: 'OrchestrationFailed',
                            message: child.output ?? 'sub-orchestration failed',
                            retryable: false,
                        },
                    });
                }
                break;
            }
            default:
                break;
        }
    }
    return { workerItems, orchestratorItems };
}
//# sourceMappingURL=operator-requests.js.map