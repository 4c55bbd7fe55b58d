/**
 * Exported histories: the NDJSON that `GET /instances/{id}/export` and `duroxide instances
 * export` write (one event per line, payloads decoded, each with its `executionId`), read back
 * into the history events the replay engine runs on.
 * @module
 */
import { eventFields } from '../client/read-models.js';
import { InvalidInputError } from '../core/errors/duroxide-error.js';
import { parseHistoryEvent, type HistoryEvent } from '../core/history/history-event.js';

/** One event of an export: the API's `ExportLine`. */
export interface ExportedEvent {
  readonly executionId: number;
  readonly eventId: number;
  /** The event type, e.g. `ActivityScheduled`. */
  readonly kind: string;
  readonly sourceEventId?: number;
  readonly timestampMs: number;
  /** The event's fields, payloads (input, result, output, data, value, status) decoded. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/**
 * What `replayHistory` accepts: NDJSON text (or a JSON array), an array of exported events
 * (the API's lines, `client.readExecutionHistory` entries with an `executionId`, or stored
 * history events with `type`), or `{ executions: [{ executionId, events }] }`.
 */
export type ExportedHistory =
  | string
  | readonly unknown[]
  | {
      readonly executions: readonly {
        readonly executionId: number;
        readonly events: readonly unknown[];
      }[];
    };

/** One execution read back from an export. */
interface ImportedExecution {
  readonly executionId: number;
  readonly events: readonly HistoryEvent[];
}

/** Payload fields stored as JSON text and exported decoded. */
const JSON_FIELDS = new Set(['input', 'result', 'output', 'data', 'status', 'value']);

export function toExportNdjson(events: readonly ExportedEvent[]): string {
  return events.map((e) => `${JSON.stringify(e)}\n`).join('');
}

/** An export read back: the instance it belongs to and its executions, oldest first. */
export interface ImportedHistory {
  readonly instanceId: string;
  readonly executions: readonly ImportedExecution[];
}

/** Used when neither the caller nor the events name the instance. */
const UNNAMED_INSTANCE = 'replayed-instance';

/**
 * Reads an export back into executions, oldest first. The instance id is `instanceId` when
 * given, else the one the events name (stored events carry it; automatic sub-orchestration ids
 * start with it), else {@link UNNAMED_INSTANCE}: exports do not carry it.
 * @throws InvalidInputError for text or entries that are not an exported history.
 */
export function importHistory(exported: ExportedHistory, instanceId?: string): ImportedHistory {
  const entries = entriesOf(exported);
  if (entries.length === 0) throw new InvalidInputError('the exported history has no events');
  const id = instanceId ?? namedInstance(entries) ?? UNNAMED_INSTANCE;
  const byExecution = new Map<number, HistoryEvent[]>();
  for (const entry of entries) {
    const event = toHistoryEvent(entry, id);
    const list = byExecution.get(event.executionId) ?? [];
    list.push(event);
    byExecution.set(event.executionId, list);
  }
  const executions = [...byExecution.entries()]
    .sort(([a], [b]) => a - b)
    .map(([executionId, events]) => ({
      executionId,
      events: events.sort((a, b) => a.eventId - b.eventId),
    }));
  return { instanceId: id, executions };
}

/** One entry of an export, before it is read as an event. */
interface RawEntry {
  readonly value: unknown;
  /** Where it is, for error messages ("line 3"). */
  readonly where: string;
  /** The execution it belongs to when the container says so (`{ executions }`). */
  readonly executionId?: number;
}

function entriesOf(exported: ExportedHistory): RawEntry[] {
  const listed = (list: readonly unknown[]): RawEntry[] =>
    list.map((value, i) => ({ value, where: `entry ${i + 1}` }));
  if (typeof exported === 'string') {
    const text = exported.trim();
    if (text.startsWith('[')) {
      const parsed = parseJson(text, 'text');
      if (Array.isArray(parsed)) return listed(parsed);
    }
    const entries: RawEntry[] = [];
    text.split('\n').forEach((line, i) => {
      if (line.trim().length > 0)
        entries.push({ value: parseJson(line, `line ${i + 1}`), where: `line ${i + 1}` });
    });
    return entries;
  }
  if (Array.isArray(exported)) return listed(exported);
  if (typeof exported === 'object' && exported !== null && 'executions' in exported) {
    return exported.executions.flatMap((execution) =>
      execution.events.map((value, i) => ({
        value,
        where: `execution ${execution.executionId} entry ${i + 1}`,
        executionId: execution.executionId,
      })),
    );
  }
  throw new InvalidInputError(
    `the exported history must be NDJSON text, an array of events or { executions }, got ${typeof exported}`,
  );
}

/** The instance id the entries name: a stored event's own, or the prefix of an automatic child id. */
function namedInstance(entries: readonly RawEntry[]): string | undefined {
  let fromChild: string | undefined;
  for (const { value } of entries) {
    if (typeof value !== 'object' || value === null) continue;
    const e = value as Record<string, unknown>;
    if (typeof e['instanceId'] === 'string') return e['instanceId'];
    const kind = e['type'] ?? e['kind'];
    if (fromChild !== undefined || kind !== 'SubOrchestrationScheduled') continue;
    const fields = typeof e['type'] === 'string' ? e : (e['data'] as Record<string, unknown>);
    const child = typeof fields === 'object' && fields !== null ? fields['instance'] : undefined;
    const at = typeof child === 'string' ? child.indexOf('::sub::') : -1;
    if (at > 0) fromChild = (child as string).slice(0, at);
  }
  return fromChild;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(
      `the exported history's ${where} is not JSON: ${(error as Error).message}`,
    );
  }
}

function toHistoryEvent(raw: RawEntry, instanceId: string): HistoryEvent {
  const { value: entry, where, executionId } = raw;
  if (typeof entry !== 'object' || entry === null)
    throw new InvalidInputError(`the exported history's ${where} is not an event object`);
  const e = entry as Record<string, unknown>;
  const execution = typeof e['executionId'] === 'number' ? e['executionId'] : (executionId ?? 1);
  let record: Record<string, unknown>;
  if (typeof e['type'] === 'string') {
    // A stored event (payloads still JSON text).
    record = { ...e, executionId: execution };
  } else if (typeof e['kind'] === 'string') {
    const fields =
      typeof e['data'] === 'string'
        ? eventFields({
            eventId: Number(e['eventId']),
            kind: e['kind'],
            timestampMs: Number(e['timestampMs']),
            data: e['data'],
          })
        : (e['data'] as Record<string, unknown> | undefined);
    record = {
      ...encodePayloads(fields ?? {}),
      type: e['kind'],
      eventId: e['eventId'],
      ...(typeof e['sourceEventId'] === 'number' ? { sourceEventId: e['sourceEventId'] } : {}),
      instanceId,
      executionId: execution,
      timestampMs: typeof e['timestampMs'] === 'number' ? e['timestampMs'] : 0,
      duroxideVersion: typeof e['duroxideVersion'] === 'string' ? e['duroxideVersion'] : 'unknown',
    };
  } else {
    throw new InvalidInputError(
      `the exported history's ${where} has neither kind nor type: ${JSON.stringify(entry).slice(0, 200)}`,
    );
  }
  try {
    return parseHistoryEvent(JSON.stringify(record));
  } catch (error) {
    throw new InvalidInputError(
      `the exported history's ${where} is not a history event: ${(error as Error).message}`,
    );
  }
}

/** Encodes decoded payloads back to the JSON text history stores (a cleared status stays null). */
function encodePayloads(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (!JSON_FIELDS.has(k) || (k === 'status' && v === null)) out[k] = v;
    else out[k] = JSON.stringify(v) ?? 'null';
  }
  return out;
}
