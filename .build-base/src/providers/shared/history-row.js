/**
 * Stored history events (`event_data` JSON) read back, and how both providers report one that
 * does not parse.
 * @module
 */
import { ProviderError } from '../../core/errors/duroxide-error.js';
import { parseHistoryEvent } from '../../core/history/history-event.js';
/**
 * The event stored as `data` for `readHistory`. A row that does not parse is a permanent
 * error naming the event — unlike the fetch path there is no lock to keep.
 * @throws ProviderError (`PROVIDER_ERROR`, not retryable) when `data` is not a history event.
 */
export function readStoredEvent(instanceId, executionId, eventId, data) {
    try {
        return parseHistoryEvent(data);
    }
    catch (error) {
        throw new ProviderError('readHistory', `instance '${instanceId}' execution ${executionId} event ${eventId} cannot be read: ${reasonOf(error)}`, false, error, { instanceId, executionId, eventId });
    }
}
/** The `historyError` a fetch reports for a stored event that does not parse. */
export function unreadableEventMessage(instanceId, executionId, eventId, error) {
    return `instance '${instanceId}' execution ${executionId} event ${String(eventId)}: ${reasonOf(error)}`;
}
function reasonOf(error) {
    return error instanceof Error ? error.message : String(error);
}
//# sourceMappingURL=history-row.js.map