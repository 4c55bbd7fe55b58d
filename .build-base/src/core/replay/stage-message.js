import { nondeterminismError } from '../errors/error-details.js';
const SCHEDULE_FOR_FAMILY = {
    activity: 'ActivityScheduled',
    timer: 'TimerCreated',
    sub: 'SubOrchestrationScheduled',
};
/**
 * Appends the history event for `m`, or drops it. A failure that is not the application's
 * (infrastructure, configuration, poison) fails the execution.
 */
export function stageMessage(m, history, scope) {
    switch (m.type) {
        case 'ActivityCompleted':
        case 'ActivityFailed':
        case 'TimerFired': {
            if (m.executionId !== scope.executionId) {
                scope.trace('debug', `dropping ${m.type} from execution ${m.executionId} (current ${scope.executionId})`);
                return;
            }
            const family = m.type === 'TimerFired' ? 'timer' : 'activity';
            if (!checkCompletion(history, scope, family, m.id, m.type))
                return;
            if (m.type === 'ActivityCompleted') {
                history.append({ type: 'ActivityCompleted', result: m.result }, m.id);
            }
            else if (m.type === 'ActivityFailed') {
                history.append({ type: 'ActivityFailed', details: m.details }, m.id);
                if (m.details.category !== 'application')
                    scope.fail(m.details);
            }
            else {
                history.append({ type: 'TimerFired', fireAt: m.fireAt }, m.id);
            }
            return;
        }
        case 'SubOrchCompleted':
        case 'SubOrchFailed': {
            if (m.parentExecutionId !== scope.executionId) {
                scope.trace('debug', `dropping ${m.type} for execution ${m.parentExecutionId} (current ${scope.executionId})`);
                return;
            }
            if (!checkCompletion(history, scope, 'sub', m.parentId, m.type))
                return;
            if (m.type === 'SubOrchCompleted') {
                history.append({ type: 'SubOrchestrationCompleted', result: m.result }, m.parentId);
            }
            else {
                history.append({ type: 'SubOrchestrationFailed', details: m.details }, m.parentId);
                if (m.details.category !== 'application')
                    scope.fail(m.details);
            }
            return;
        }
        case 'ExternalRaised':
            history.append({ type: 'ExternalEvent', name: m.name, data: m.data });
            return;
        case 'QueueMessage':
            history.append({ type: 'QueueEventDelivered', name: m.name, data: m.data });
            return;
        case 'CancelInstance':
            if (history.cancelReason === undefined) {
                history.append({ type: 'OrchestrationCancelRequested', reason: m.reason });
            }
            return;
        // The runtime handles start, continue-as-new, restart and resume items itself (a start
        // becomes the engine's `start`); worker items never reach an orchestration turn.
        case 'StartOrchestration':
        case 'ContinueAsNew':
        case 'RestartOrchestration':
        case 'ResumeOrchestration':
        case 'ActivityExecute':
            return;
    }
}
/**
 * De-duplication and kind check of a completion message: completions are de-duplicated by
 * (source event id, family), success or failure (docs/decisions/0003-spec-deviations.md, A2).
 */
function checkCompletion(history, scope, family, sourceId, messageType) {
    if (history.isCompleted(family, sourceId)) {
        scope.trace('debug', `dropping duplicate ${messageType} for event ${sourceId}`);
        return false;
    }
    const schedule = history.scheduleEvents.get(sourceId);
    if (schedule === undefined) {
        scope.fail(nondeterminismError(`${scope.where()}: no matching schedule for completion id=${sourceId} (${messageType})`));
        return false;
    }
    if (schedule.type !== SCHEDULE_FOR_FAMILY[family]) {
        scope.fail(nondeterminismError(`${scope.where()}: completion kind mismatch for id=${sourceId}, expected '${schedule.type}', got '${messageType}'`));
        return false;
    }
    return true;
}
//# sourceMappingURL=stage-message.js.map