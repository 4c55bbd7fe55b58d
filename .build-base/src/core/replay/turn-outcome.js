/**
 * `decideOutcome`: how a turn ends — keep running, complete, fail, continue as new, or be
 * cancelled — from what the code and the incoming messages did.
 * @module
 */
import { applicationError } from '../errors/error-details.js';
import { errorMessage, errorToDetails } from '../errors/error-to-details.js';
import { encodePayload } from '../validation/arguments.js';
const CONTINUE = { kind: 'continue' };
/**
 * In order of precedence: a failure, a cancel request, continue-as-new, then the code's own
 * result. A running execution whose history grew past `maxHistoryEvents` (0 = no limit) fails,
 * and so does one whose output is not JSON or is larger than `maxPayloadBytes`.
 */
export function decideOutcome(scope, history, continueAsNew, code, limits) {
    const { maxHistoryEvents } = limits;
    if (scope.error !== undefined)
        return { kind: 'failed', details: scope.error };
    if (history.cancelReason !== undefined)
        return { kind: 'cancelled', reason: history.cancelReason };
    if (continueAsNew !== undefined) {
        return { kind: 'continuedAsNew', input: continueAsNew.input, version: continueAsNew.version };
    }
    if (!code.done) {
        if (maxHistoryEvents > 0 && history.length > maxHistoryEvents) {
            return {
                kind: 'failed',
                details: applicationError('LimitExceeded', `history of instance '${scope.instanceId}' execution ${scope.executionId} has ${history.length} events, more than the limit of ${maxHistoryEvents}; use continueAsNew to start a fresh history (history was not truncated)`),
            };
        }
        return CONTINUE;
    }
    if (!code.ok)
        return { kind: 'failed', details: errorToDetails(code.error) };
    try {
        return {
            kind: 'completed',
            output: encodePayload(code.value, 'orchestration output', {
                maxBytes: limits.maxPayloadBytes,
            }),
        };
    }
    catch (e) {
        return {
            kind: 'failed',
            details: applicationError('OrchestrationFailed', `orchestration output of instance '${scope.instanceId}' cannot be stored: ${errorMessage(e)}`),
        };
    }
}
//# sourceMappingURL=turn-outcome.js.map