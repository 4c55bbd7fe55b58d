/**
 * What both dispatchers pass their fetches so a queue row the runtime cannot process never
 * starves a queue: a size limit (rows over it are quarantined unloaded) and a warning per
 * quarantined row (docs/reliability.md).
 * @module
 */
import type { PoisonHandling } from '../../providers/provider.js';
import type { Logger } from '../logger.js';

const TARGET = 'duroxide::runtime::poison';

/** Overhead allowed on top of a payload: ids, names, and JSON escaping in the item's envelope. */
const ENVELOPE_BYTES = 1024 * 1024;

/**
 * The largest work item a fetch loads: an item carries at most one payload (input, result or
 * event data, at most `maxPayloadBytes` of JSON), stored as a JSON string (escaping at most
 * doubles it), plus its envelope.
 */
function maxItemBytes(maxPayloadBytes: number): number {
  return 2 * maxPayloadBytes + ENVELOPE_BYTES;
}

export function poisonHandling(maxPayloadBytes: number, logger: Logger): PoisonHandling {
  return {
    maxItemBytes: maxItemBytes(maxPayloadBytes),
    onPoisoned: (report) =>
      logger.warn(
        TARGET,
        `quarantined ${report.queue} queue row ${report.itemType ?? ''} of instance ` +
          `'${report.instanceId ?? '?'}' as poisoned item ${report.poisonId}: ${report.reason}; ` +
          'the queue goes on without it (list: GET /api/v1/poisoned or duroxide poisoned)',
        {
          poisonId: report.poisonId,
          queue: report.queue,
          instanceId: report.instanceId,
          itemType: report.itemType,
          sizeBytes: report.sizeBytes,
        },
      ),
  };
}
