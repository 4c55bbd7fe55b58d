import { unregisteredDelayMs } from '../options.js';
const isRequest = (m) => m.type === 'ResumeOrchestration' || m.type === 'RestartOrchestration';
const isStart = (m) => m.type === 'StartOrchestration' || m.type === 'ContinueAsNew';
/** Splits the batch into operator requests, the rest, and the starts among the rest. */
export function sortMessages(all) {
    const requests = all.filter(isRequest);
    const messages = requests.length === 0 ? all : all.filter((m) => !isRequest(m));
    return { messages, starts: messages.filter(isStart), requests };
}
/** Which execution the batch belongs to, or why it runs no turn here. */
export function resolveBatch(input) {
    const { item, history, cached, attemptCount, limits } = input;
    if (item.historyError !== undefined) {
        return attemptCount > limits.maxAttempts
            ? { kind: 'poison', reason: `history could not be read: ${item.historyError}` }
            : { kind: 'retryUnreadable', error: item.historyError };
    }
    const format = item.historyFormat ?? 1;
    if (format > limits.historyFormat) {
        // A guard for providers that ignore maxHistoryFormat: never replay a newer format.
        return {
            kind: 'deferFormat',
            historyFormat: format,
            delayMs: unregisteredDelayMs(attemptCount, limits.unregisteredBackoff),
        };
    }
    const sorted = sortMessages(item.messages);
    const { starts, requests } = sorted;
    const executionId = item.executionId;
    if (cached !== undefined)
        return { kind: 'existingExecution', executionId, history, cached: true, ...sorted };
    const last = history[history.length - 1];
    if (last === undefined) {
        const start = starts.find((m) => m.type === 'StartOrchestration') ?? starts[0];
        if (start === undefined) {
            return {
                kind: 'discard',
                why: 'no start message for an instance that has not started',
                executionId,
                starts,
                refuse: [],
            };
        }
        return {
            kind: 'newExecution',
            cause: start.type === 'ContinueAsNew' ? 'continueAsNew' : 'start',
            executionId,
            start,
            ...sorted,
        };
    }
    if (last.type === 'OrchestrationCompleted' || last.type === 'OrchestrationFailed') {
        const resume = requests.find((r) => r.type === 'ResumeOrchestration' && r.executionId === executionId);
        if (resume !== undefined && last.type === 'OrchestrationFailed')
            return { kind: 'resume', request: resume, history, ...sorted };
        const restart = requests.find((r) => r.type === 'RestartOrchestration');
        if (restart === undefined)
            return {
                kind: 'discard',
                why: 'instance already finished',
                executionId,
                starts,
                refuse: requests,
            };
        const start = {
            type: 'StartOrchestration',
            instance: item.instanceId,
            orchestration: restart.orchestration,
            input: restart.input,
            version: restart.version,
        };
        return {
            kind: 'newExecution',
            cause: 'restart',
            executionId: executionId + 1,
            start,
            restart,
            ...sorted,
        };
    }
    if (last.type === 'OrchestrationContinuedAsNew') {
        const start = starts.find((m) => m.type === 'ContinueAsNew');
        if (start === undefined)
            return {
                kind: 'discard',
                why: 'execution continued as new',
                executionId,
                starts,
                refuse: [],
            };
        return {
            kind: 'newExecution',
            cause: 'continueAsNew',
            executionId: executionId + 1,
            start,
            ...sorted,
        };
    }
    return { kind: 'existingExecution', executionId, history, cached: false, ...sorted };
}
/**
 * The code of the execution. An existing execution ALWAYS replays with the version recorded in
 * its `OrchestrationStarted`; the cached engine knows it, else the history, else
 * the instance row.
 */
export function executionCode(target, input) {
    if (target.kind === 'newExecution')
        return { name: target.start.orchestration, version: target.start.version };
    if (input.cached !== undefined)
        return input.cached;
    const first = target.history[0];
    if (first?.type === 'OrchestrationStarted')
        return { name: first.name, version: first.version };
    return {
        name: input.item.orchestrationName ?? 'unknown',
        version: input.item.orchestrationVersion,
    };
}
/** Whether this node runs the turn, and with which handler. */
export function resolveCode(input) {
    const { code, handler, attemptCount, limits } = input;
    if (handler === undefined) {
        const what = code.version === undefined
            ? `'${code.name}' (no version registered here)`
            : `'${code.name}'@${code.version}`;
        if (attemptCount > limits.maxAttempts) {
            return {
                kind: 'poison',
                reason: `orchestration ${what} is not registered on the runtimes that tried it; register it (or deploy a runtime that has it)`,
            };
        }
        return {
            kind: 'deferCode',
            what,
            delayMs: unregisteredDelayMs(attemptCount, limits.unregisteredBackoff),
            attemptsLeft: limits.maxAttempts - attemptCount + 1,
        };
    }
    if (attemptCount > limits.maxAttempts)
        return { kind: 'poison', reason: undefined };
    return { kind: 'run', handler };
}
//# sourceMappingURL=batch-resolution.js.map