/**
 * The first event held, or — for an empty history — one appended from `start`. A history that
 * begins with anything else is corrupted: a stand-in event is returned with the reason, so the
 * first turn fails with a clear message.
 */
export function openStartedEvent(history, start, instanceId, executionId, duroxideVersion) {
    const first = history.at(0);
    if (first === undefined) {
        if (start === undefined) {
            throw new TypeError('ReplayEngine: an empty history needs `start`');
        }
        const started = history.append({
            type: 'OrchestrationStarted',
            name: start.name,
            version: start.version,
            input: start.input,
            parent: start.parent,
            carryForwardEvents: start.carryForwardEvents !== undefined && start.carryForwardEvents.length > 0
                ? start.carryForwardEvents
                : undefined,
            initialCustomStatus: start.initialCustomStatus,
        });
        return { started };
    }
    if (first.type === 'OrchestrationStarted')
        return { started: first };
    return {
        started: {
            type: 'OrchestrationStarted',
            eventId: 0,
            instanceId,
            executionId,
            timestampMs: 0,
            duroxideVersion,
            name: 'unknown',
            version: '0.0.0',
            input: 'null',
        },
        corruption: `corrupted history of instance '${instanceId}' execution ${executionId}: first event must be OrchestrationStarted, found ${first.type}`,
    };
}
//# sourceMappingURL=execution-start.js.map