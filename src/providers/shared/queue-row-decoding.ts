/**
 * How both providers read a queue row's `work_item` text, and what they do with a row they
 * cannot read: it is moved to `poisoned_items` (quarantined) so the queue moves on, and the
 * fetch reports it through {@link FetchOrchestrationOptions.onPoisoned} (docs/reliability.md).
 * @module
 */
import { InvalidInputError } from '../../core/errors/duroxide-error.js';
import type { WorkItem } from '../../core/history/work-item.js';
import type {
  PoisonedItemPage,
  PoisonedItemQuery,
  PoisonedItemRecord,
  PoisonedItemReport,
} from '../provider-records.js';

const WORK_ITEM_TYPES: ReadonlySet<string> = new Set([
  'StartOrchestration',
  'ActivityExecute',
  'ActivityCompleted',
  'ActivityFailed',
  'TimerFired',
  'ExternalRaised',
  'QueueMessage',
  'SubOrchCompleted',
  'SubOrchFailed',
  'CancelInstance',
  'ContinueAsNew',
  'ResumeOrchestration',
  'RestartOrchestration',
]);

/**
 * The work item stored as `text`, or a sentence saying why it is not one: not JSON, not an
 * object, an unknown `type`, or no target instance. The check is structural (what the runtime
 * needs to route the item); the runtime's own validation covers the rest.
 */
export function decodeWorkItem(text: string): WorkItem | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `its text is not JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'its text is JSON but not an object';
  }
  const record = value as Record<string, unknown>;
  const type = record['type'];
  if (typeof type !== 'string' || !WORK_ITEM_TYPES.has(type)) {
    return `it has no known work item type (type ${JSON.stringify(type) ?? 'undefined'})`;
  }
  const target = type.startsWith('SubOrch') ? record['parentInstance'] : record['instance'];
  if (typeof target !== 'string') return `its ${type} names no target instance`;
  return value as WorkItem;
}

/** The reason recorded for a row larger than the fetch's `maxItemBytes`. */
export function tooLargeReason(sizeBytes: number, maxItemBytes: number): string {
  return (
    `it is ${sizeBytes} bytes, over the ${maxItemBytes}-byte fetch limit (2 × limits.maxPayloadBytes ` +
    '+ 1 MiB), so it was never loaded'
  );
}

/** The reason recorded for an orchestrator row whose instance id does not read back as written. */
export const UNMATCHED_ID_REASON =
  'its instance id does not read back as written (not valid Unicode text, e.g. a lone surrogate ' +
  'stored by an older build), so no fetch can lock it';

/** Calls `onPoisoned` for each report after the fetch committed; a throwing callback is ignored. */
export function reportPoisoned(
  reports: readonly PoisonedItemReport[],
  onPoisoned: ((report: PoisonedItemReport) => void) | undefined,
): void {
  if (onPoisoned === undefined) return;
  for (const report of reports) {
    try {
      onPoisoned(report);
    } catch {
      // The callback is a log line; a failing logger must not fail a committed fetch.
    }
  }
}

/** A checked `listPoisonedItems` query: rows with `poisonId < beforeId`, at most `limit`. */
export interface PoisonedPageBounds {
  readonly limit: number;
  readonly beforeId: number;
}

/**
 * Checks a `listPoisonedItems` query. Cursors are the decimal `poisonId` of the last row of
 * the previous page.
 * @throws InvalidInputError for a `limit` outside 1–1000 or a malformed cursor.
 */
export function poisonedPageBounds(query: PoisonedItemQuery): PoisonedPageBounds {
  const limit = query.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new InvalidInputError(
      `poisoned items limit must be an integer from 1 to 1000, got ${String(limit)}`,
    );
  }
  if (query.cursor === undefined) return { limit, beforeId: Number.MAX_SAFE_INTEGER };
  if (!/^[1-9][0-9]{0,15}$/.test(query.cursor)) {
    throw new InvalidInputError(
      `poisoned items cursor '${query.cursor}' was not returned by this provider; pass the ` +
        'nextCursor of the previous page, or none for the first page',
    );
  }
  return { limit, beforeId: Number(query.cursor) };
}

/** The stored row shape both providers read `poisoned_items` into. */
export interface PoisonedRow {
  id: number | string;
  queue: string;
  instance_id: string | null;
  item_type: string | null;
  reason: string;
  size_bytes: number | string;
  attempt_count: number;
  enqueued_at: number | string;
  poisoned_at: number | string;
  preview: string;
}

/** A page from up to `limit + 1` rows read newest first. */
export function poisonedPage(rows: readonly PoisonedRow[], limit: number): PoisonedItemPage {
  const items = rows.slice(0, limit).map((r): PoisonedItemRecord => ({
    poisonId: Number(r.id),
    queue: r.queue === 'worker' ? 'worker' : 'orchestrator',
    instanceId: r.instance_id ?? undefined,
    itemType: r.item_type ?? undefined,
    reason: r.reason,
    sizeBytes: Number(r.size_bytes),
    attemptCount: r.attempt_count,
    enqueuedAt: Number(r.enqueued_at),
    poisonedAt: Number(r.poisoned_at),
    preview: r.preview,
  }));
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? String(last.poisonId) : undefined,
  };
}
