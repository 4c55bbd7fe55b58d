import { displayMessage } from '../../core/errors/error-details.js';
import { DUROXIDE_VERSION } from '../../core/version.js';
/**
 * The ack that fails the execution as poison. A never-started execution gets a synthesized
 * `OrchestrationStarted` first, so the instance exists (and can be inspected and deleted).
 */
export function poisonAck(batch, context) {
    const { locked, history, executionId, start, reason, lastEventId, maxAttempts } = batch;
    const { item, attemptCount } = locked;
    const message = `poison: orchestration ${item.instanceId} exceeded ${attemptCount} attempts (max ${maxAttempts})${reason === undefined ? '' : `: ${reason}`}`;
    const details = {
        category: 'poison',
        kind: 'Orchestration',
        message,
        details: { attemptCount, maxAttempts, executionId },
    };
    const event = (eventId, kind) => ({
        eventId,
        instanceId: item.instanceId,
        executionId,
        timestampMs: context.now,
        duroxideVersion: DUROXIDE_VERSION,
        ...kind,
    });
    const unreadable = item.historyError !== undefined;
    const delta = [];
    let parent;
    let name = item.orchestrationName;
    let version = item.orchestrationVersion;
    if (history.length === 0 && lastEventId === undefined && !unreadable) {
        name = start?.orchestration ?? name ?? 'unknown';
        version = start?.version ?? context.resolveVersion(name) ?? 'unknown';
        parent = start?.parent;
        delta.push(event(1, {
            type: 'OrchestrationStarted',
            name,
            version,
            input: start?.input ?? 'null',
            parent,
        }));
        delta.push(event(2, { type: 'OrchestrationFailed', details }));
    }
    else {
        const first = history[0];
        if (first?.type === 'OrchestrationStarted')
            parent = first.parent;
        const last = unreadable
            ? (context.storedEventCount ?? 0)
            : (lastEventId ?? history[history.length - 1]?.eventId ?? 0);
        delta.push(event(last + 1, { type: 'OrchestrationFailed', details }));
    }
    const started = delta[0]?.type === 'OrchestrationStarted';
    return {
        executionId,
        historyDelta: delta,
        workerItems: [],
        orchestratorItems: parent === undefined
            ? []
            : [
                {
                    type: 'SubOrchFailed',
                    parentInstance: parent.instanceId,
                    parentExecutionId: parent.executionId,
                    parentId: parent.scheduleEventId,
                    details,
                },
            ],
        cancelledActivities: [],
        metadata: {
            status: 'Failed',
            output: displayMessage(details),
            orchestrationName: started ? name : undefined,
            orchestrationVersion: started ? version : undefined,
            parentInstanceId: started ? parent?.instanceId : undefined,
            pinnedDuroxideVersion: started ? DUROXIDE_VERSION : undefined,
        },
    };
}
/** How many events the batch's execution has in storage, when its history could not be read. */
export async function storedEventCount(provider, batch) {
    if (batch.locked.item.historyError === undefined)
        return undefined;
    return ((await provider.getExecution(batch.locked.item.instanceId, batch.executionId))?.eventCount ?? 0);
}
//# sourceMappingURL=poison.js.map