/**
 * The queues view of `GET /api/v1/queues` and the stream's `metrics` event: the depths the
 * Client reports (`orchestratorQueue`, `workerQueue`, `timerQueue`) plus, per queue, ready /
 * locked / delayed rows and the age of the oldest ready one, and the next timer.
 * @module
 */
import { z } from '@hono/zod-openapi';
import type { Client } from '../client/client.js';
import type { QueueStatRecord } from '../client/operator-types.js';

const QueueStatSchema = z
  .object({
    ready: z.number().int().openapi({ description: 'visible and not locked: waiting' }),
    locked: z.number().int().openapi({ description: 'being processed' }),
    delayed: z.number().int().openapi({ description: 'not visible yet (timers, retries)' }),
    oldestReadyAt: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'when the longest-waiting ready item became ready (epoch ms)' }),
    oldestAgeMs: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'how long it has waited, at `at`' }),
    nextVisibleAt: z.number().int().nullable(),
  })
  .openapi('QueueStat');

export const QueuesSchema = z
  .object({
    orchestratorQueue: z.number().int().openapi({ description: 'ready + delayed' }),
    workerQueue: z.number().int().openapi({ description: 'ready + delayed' }),
    timerQueue: z.number().int().openapi({ description: 'timers not due yet' }),
    orchestrator: QueueStatSchema,
    worker: QueueStatSchema,
    timers: z.object({ pending: z.number().int(), nextFireAt: z.number().int().nullable() }),
    at: z.number().int().openapi({ description: "the store's clock when read (epoch ms)" }),
  })
  .openapi('Queues');

export type QueuesView = z.infer<typeof QueuesSchema>;

function stat(s: QueueStatRecord, at: number): QueuesView['orchestrator'] {
  return {
    ...s,
    oldestAgeMs: s.oldestReadyAt === null ? null : Math.max(0, at - s.oldestReadyAt),
  };
}

export async function readQueues(client: Client): Promise<QueuesView> {
  const s = await client.operatorStore().getQueueStats();
  return {
    orchestratorQueue: s.orchestrator.ready + s.orchestrator.delayed,
    workerQueue: s.worker.ready + s.worker.delayed,
    timerQueue: s.timers.pending,
    orchestrator: stat(s.orchestrator, s.at),
    worker: stat(s.worker, s.at),
    timers: { ...s.timers },
    at: s.at,
  };
}

/** What changes in a queues view, leaving out the clock (ages grow on their own). */
export function queuesSignature(view: QueuesView): string {
  const { at: _at, ...rest } = view;
  return JSON.stringify({
    ...rest,
    orchestrator: { ...rest.orchestrator, oldestAgeMs: null },
    worker: { ...rest.worker, oldestAgeMs: null },
  });
}
