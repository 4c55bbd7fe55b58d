/**
 * The poison path: a batch that failed `maxAttempts` times (its code crashes the
 * turn, no runtime has its code, its history cannot be read) fails the execution with a reason
 * instead of being retried forever. A parent orchestration is told, like for any failure.
 * @module
 */
import type { EventKind, HistoryEvent, ParentLink } from '../../core/history/history-event.js';
import { displayMessage, type ErrorDetails } from '../../core/errors/error-details.js';
import { DUROXIDE_VERSION } from '../../core/version.js';
import type {
  LockedOrchestrationItem,
  OrchestrationAck,
  Provider,
} from '../../providers/provider.js';
import type { StartItem } from './batch-resolution.js';

/** The batch being poisoned and what the dispatcher knows about its execution. */
export interface PoisonedBatch {
  readonly locked: LockedOrchestrationItem;
  readonly maxAttempts: number;
  /** The execution's history as read (empty for a new execution or unreadable history). */
  readonly history: readonly HistoryEvent[];
  readonly executionId: number;
  /** The start message, when the batch would have created the execution. */
  readonly start: StartItem | undefined;
  /** Why, appended to the message (e.g. the code is not registered anywhere). */
  readonly reason: string | undefined;
  /** Largest event id of the execution, when a cached engine knows it (history is then empty). */
  readonly lastEventId: number | undefined;
  /** The failure to record instead of the attempts message (e.g. code the watchdog stopped). */
  readonly failure?: ErrorDetails | undefined;
}

/** Where the poison event goes and what a never-started execution records. */
export interface PoisonContext {
  /** Epoch ms stamped on the events. */
  readonly now: number;
  /**
   * Number of events the execution has in storage, asked for only when its history could not
   * be read: event ids of an execution run 1..n without gaps (history is append-only and a
   * resume removes only the last event), so the failure goes at n + 1.
   */
  readonly storedEventCount?: number | undefined;
  /** The version a never-started execution records when its start names none. */
  readonly resolveVersion: (name: string) => string | undefined;
}

/**
 * The ack that fails the execution as poison. A never-started execution gets a synthesized
 * `OrchestrationStarted` first, so the instance exists (and can be inspected and deleted).
 */
export function poisonAck(batch: PoisonedBatch, context: PoisonContext): OrchestrationAck {
  const { locked, history, executionId, start, reason, lastEventId, maxAttempts } = batch;
  const { item, attemptCount } = locked;
  const message = `poison: orchestration ${item.instanceId} exceeded ${attemptCount} attempts (max ${maxAttempts})${reason === undefined ? '' : `: ${reason}`}`;
  const details: ErrorDetails = batch.failure ?? {
    category: 'poison',
    kind: 'Orchestration',
    message,
    details: { attemptCount, maxAttempts, executionId },
  };
  const event = (eventId: number, kind: EventKind): HistoryEvent => ({
    eventId,
    instanceId: item.instanceId,
    executionId,
    timestampMs: context.now,
    duroxideVersion: DUROXIDE_VERSION,
    ...kind,
  });
  const unreadable = item.historyError !== undefined;
  const delta: HistoryEvent[] = [];
  let parent: ParentLink | undefined;
  let name = item.orchestrationName;
  let version = item.orchestrationVersion;
  if (history.length === 0 && lastEventId === undefined && !unreadable) {
    name = start?.orchestration ?? name ?? 'unknown';
    version = start?.version ?? context.resolveVersion(name) ?? 'unknown';
    parent = start?.parent;
    delta.push(
      event(1, {
        type: 'OrchestrationStarted',
        name,
        version,
        input: start?.input ?? 'null',
        parent,
      }),
    );
    delta.push(event(2, { type: 'OrchestrationFailed', details }));
  } else {
    const first = history[0];
    if (first?.type === 'OrchestrationStarted') parent = first.parent;
    const last = unreadable
      ? (context.storedEventCount ?? 0)
      : (lastEventId ?? history[history.length - 1]?.eventId ?? 0);
    delta.push(event(last + 1, { type: 'OrchestrationFailed', details }));
  }
  const started = delta[0]?.type === 'OrchestrationStarted';
  return {
    executionId,
    historyDelta: delta,
    workerItems: [],
    orchestratorItems:
      parent === undefined
        ? []
        : [
            {
              type: 'SubOrchFailed',
              parentInstance: parent.instanceId,
              parentExecutionId: parent.executionId,
              parentId: parent.scheduleEventId,
              details,
            },
          ],
    cancelledActivities: [],
    metadata: {
      status: 'Failed',
      output: displayMessage(details),
      orchestrationName: started ? name : undefined,
      orchestrationVersion: started ? version : undefined,
      parentInstanceId: started ? parent?.instanceId : undefined,
      pinnedDuroxideVersion: started ? DUROXIDE_VERSION : undefined,
    },
  };
}

/** How many events the batch's execution has in storage, when its history could not be read. */
export async function storedEventCount(
  provider: Provider,
  batch: PoisonedBatch,
): Promise<number | undefined> {
  if (batch.locked.item.historyError === undefined) return undefined;
  return (
    (await provider.getExecution(batch.locked.item.instanceId, batch.executionId))?.eventCount ?? 0
  );
}
