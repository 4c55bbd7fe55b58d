/**
 * How the Client turns provider records into its read models (JSON payloads decoded, absent
 * fields left out).
 * @module
 */
import type { HistoryEvent } from '../core/history/history-event.js';
import type { ExecutionStatus, InstanceRecord } from '../providers/provider.js';
import type { HistoryEventInfo, InstanceInfo, OrchestrationStatus } from './types.js';
export declare function decodeOrRaw(text: string | undefined | null): unknown;
export declare function decodeOutput(status: ExecutionStatus, output: string | undefined): unknown;
export declare function toStatus<T>(r: InstanceRecord | null): OrchestrationStatus<T>;
export declare function toInstanceInfo(r: InstanceRecord): InstanceInfo;
export declare function toEventInfo(e: HistoryEvent): HistoryEventInfo;
/**
 * The fields of a history event as an object, from its `data` JSON text: for a completion that
 * carries only its payload (`ActivityCompleted`, `SubOrchestrationCompleted`,
 * `OrchestrationCompleted`), `{ result }` or `{ output }`; otherwise the event's own fields.
 */
export declare function eventFields(e: HistoryEventInfo): Record<string, unknown> | undefined;
