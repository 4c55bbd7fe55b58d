import { type HistoryEvent } from '../../core/history/history-event.js';
/**
 * The event stored as `data` for `readHistory`. A row that does not parse is a permanent
 * error naming the event — unlike the fetch path there is no lock to keep.
 * @throws ProviderError (`PROVIDER_ERROR`, not retryable) when `data` is not a history event.
 */
export declare function readStoredEvent(instanceId: string, executionId: number, eventId: number, data: string): HistoryEvent;
/** The `historyError` a fetch reports for a stored event that does not parse. */
export declare function unreadableEventMessage(instanceId: string, executionId: number, eventId: number | null, error: unknown): string;
