/**
 * How the Client turns provider records into its read models (JSON payloads decoded, absent
 * fields left out).
 * @module
 */
import type { HistoryEvent } from '../core/history/history-event.js';
import type { ExecutionStatus, InstanceRecord, ProviderCore } from '../providers/provider.js';
import type { HistoryEventInfo, InstanceInfo, OrchestrationStatus } from './types.js';

const ENVELOPE_KEYS = new Set([
  'eventId',
  'sourceEventId',
  'instanceId',
  'executionId',
  'timestampMs',
  'duroxideVersion',
  'type',
]);
const JSON_FIELDS = new Set(['input', 'result', 'output', 'data', 'status', 'value']);

export function decodeOrRaw(text: string | undefined | null): unknown {
  if (text === undefined || text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function decodeOutput(status: ExecutionStatus, output: string | undefined): unknown {
  if (output === undefined) return undefined;
  return status === 'Failed' ? output : decodeOrRaw(output);
}

/** What a status is made of: an instance record, or the final state an ending commit signalled. */
type StatusFields = Pick<
  InstanceRecord,
  'status' | 'output' | 'customStatus' | 'customStatusVersion'
>;

export function toStatus<T>(r: StatusFields | null): OrchestrationStatus<T> {
  if (r === null) return { status: 'NotFound', customStatusVersion: 0 };
  const custom = r.customStatus === undefined ? {} : { customStatus: decodeOrRaw(r.customStatus) };
  switch (r.status) {
    case 'Completed':
      return {
        status: 'Completed',
        output: decodeOrRaw(r.output) as T,
        ...custom,
        customStatusVersion: r.customStatusVersion,
      };
    case 'Failed':
      return {
        status: 'Failed',
        error: r.output ?? 'failed',
        ...custom,
        customStatusVersion: r.customStatusVersion,
      };
    default:
      // ContinuedAsNew: between two executions of a running instance.
      return { status: 'Running', ...custom, customStatusVersion: r.customStatusVersion };
  }
}

/**
 * The status of an instance as `getStatus` reports it: from its row; with no row, `Pending` when
 * a runtime took the queued start and left it (none of the runtimes that tried it registers the
 * orchestration, or its first turn failed and waits for a retry), else `NotFound` — as in
 * duroxide-node, a start no runtime has taken yet reads NotFound (docs/decisions/0015-pending-status.md).
 */
export async function readStatus<T>(
  provider: ProviderCore,
  instanceId: string,
): Promise<OrchestrationStatus<T>> {
  const record = await provider.getInstance(instanceId);
  if (record !== null) return toStatus<T>(record);
  const start = (await provider.getQueuedStart?.(instanceId)) ?? null;
  const left = start !== null && start.attemptCount > 0 && !start.locked;
  return { status: left ? 'Pending' : 'NotFound', customStatusVersion: 0 };
}

export function toInstanceInfo(r: InstanceRecord): InstanceInfo {
  return {
    instanceId: r.instanceId,
    orchestrationName: r.orchestrationName,
    orchestrationVersion: r.orchestrationVersion ?? 'unknown',
    currentExecutionId: r.currentExecutionId,
    status: r.status,
    ...(r.output !== undefined ? { output: decodeOutput(r.status, r.output) } : {}),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    ...(r.parentInstanceId !== undefined ? { parentInstanceId: r.parentInstanceId } : {}),
    ...(r.customStatus !== undefined ? { customStatus: decodeOrRaw(r.customStatus) } : {}),
    customStatusVersion: r.customStatusVersion,
    ...(r.versionPin !== undefined ? { versionPin: r.versionPin } : {}),
    ...(r.nextVersion !== undefined ? { nextVersion: r.nextVersion } : {}),
  };
}

/** Events whose data is their single JSON payload, not an object of fields (as in duroxide-node). */
const PAYLOAD_ONLY: Readonly<Record<string, 'result' | 'output'>> = {
  ActivityCompleted: 'result',
  SubOrchestrationCompleted: 'result',
  OrchestrationCompleted: 'output',
};

export function toEventInfo(e: HistoryEvent): HistoryEventInfo {
  const payloadField = PAYLOAD_ONLY[e.type];
  const payload =
    payloadField === undefined
      ? undefined
      : (e as unknown as Record<string, unknown>)[payloadField];
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (ENVELOPE_KEYS.has(k) || v === undefined) continue;
    data[k] = JSON_FIELDS.has(k) && typeof v === 'string' ? decodeOrRaw(v) : v;
  }
  return {
    eventId: e.eventId,
    kind: e.type,
    ...(e.sourceEventId !== undefined ? { sourceEventId: e.sourceEventId } : {}),
    timestampMs: e.timestampMs,
    ...(typeof payload === 'string'
      ? { data: JSON.stringify(decodeOrRaw(payload)) }
      : Object.keys(data).length > 0
        ? { data: JSON.stringify(data) }
        : {}),
  };
}

/**
 * The fields of a history event as an object, from its `data` JSON text: for a completion that
 * carries only its payload (`ActivityCompleted`, `SubOrchestrationCompleted`,
 * `OrchestrationCompleted`), `{ result }` or `{ output }`; otherwise the event's own fields.
 */
export function eventFields(e: HistoryEventInfo): Record<string, unknown> | undefined {
  if (e.data === undefined) return undefined;
  const parsed = decodeOrRaw(e.data);
  const payloadField = PAYLOAD_ONLY[e.kind];
  if (payloadField !== undefined) return { [payloadField]: parsed };
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}
