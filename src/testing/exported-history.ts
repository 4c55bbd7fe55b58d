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
export interface ImportedExecution {
  readonly executionId: number;
  readonly events: readonly HistoryEvent[];
}

/** Payload fields stored as JSON text and exported decoded. */
const JSON_FIELDS = new Set(['input', 'result', 'output', 'data', 'status', 'value']);

export function toExportNdjson(events: readonly ExportedEvent[]): string {
  return events.map((e) => `${JSON.stringify(e)}\n`).join('');
}

/**
 * Reads an export back into executions, oldest first. `instanceId` names the instance the
 * events belong to (exports do not carry it).
 * @throws InvalidInputError for text or entries that are not an exported history.
 */
export function importHistory(exported: ExportedHistory, instanceId: string): ImportedExecution[] {
  const byExecution = new Map<number, HistoryEvent[]>();
  const add = (entry: unknown, where: string, executionId?: number): void => {
    const event = toHistoryEvent(entry, where, instanceId, executionId);
    const list = byExecution.get(event.executionId) ?? [];
    list.push(event);
    byExecution.set(event.executionId, list);
  };
  if (typeof exported === 'string') {
    const text = exported.trim();
    const entries = text.startsWith('[') ? parseJson(text, 'the exported history') : undefined;
    if (Array.isArray(entries)) entries.forEach((e, i) => add(e, `entry ${i + 1}`));
    else
      text
        .split('\n')
        .map((line) => line.trim())
        .forEach((line, i) => {
          if (line.length > 0) add(parseJson(line, `line ${i + 1}`), `line ${i + 1}`);
        });
  } else if (Array.isArray(exported)) {
    exported.forEach((e, i) => add(e, `entry ${i + 1}`));
  } else if (typeof exported === 'object' && exported !== null && 'executions' in exported) {
    for (const execution of exported.executions)
      execution.events.forEach((e, i) =>
        add(e, `execution ${execution.executionId} entry ${i + 1}`, execution.executionId),
      );
  } else {
    throw new InvalidInputError(
      `the exported history must be NDJSON text, an array of events or { executions }, got ${typeof exported}`,
    );
  }
  if (byExecution.size === 0) throw new InvalidInputError('the exported history has no events');
  return [...byExecution.entries()]
    .sort(([a], [b]) => a - b)
    .map(([executionId, events]) => ({
      executionId,
      events: events.sort((a, b) => a.eventId - b.eventId),
    }));
}

/** The instance id the events name, if any: stored events carry it, sub-orchestration ids embed it. */
export function instanceIdIn(exported: ExportedHistory): string | undefined {
  const text = typeof exported === 'string' ? exported : JSON.stringify(exported);
  const own = /"instanceId"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1];
  if (own !== undefined) return JSON.parse(`"${own}"`) as string;
  const child = /"instance"\s*:\s*"((?:[^"\\]|\\.)*)::sub::/.exec(text)?.[1];
  return child === undefined ? undefined : (JSON.parse(`"${child}"`) as string);
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

function toHistoryEvent(
  entry: unknown,
  where: string,
  instanceId: string,
  executionId: number | undefined,
): HistoryEvent {
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
