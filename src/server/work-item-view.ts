/**
 * "Waiting on" with what the worker queue says about each open activity: its attempt count and,
 * while a worker holds it, the lock owner (node id) and expiry.
 * @module
 */
import type { WorkItemStateRecord } from '../client/operator-types.js';
import type { WaitingOn } from './history-views.js';

export interface WaitingActivity {
  readonly eventId: number;
  readonly name: string;
  readonly scheduledAt: number;
  readonly attemptCount: number | null;
  readonly isLocked: boolean;
  readonly lockOwner: string | null;
  readonly lockedUntil: number | null;
}

/** `waiting` with its activities joined to the execution's work items (by scheduling event id). */
export function withWorkItems(
  waiting: WaitingOn,
  executionId: number,
  items: readonly WorkItemStateRecord[],
): Omit<WaitingOn, 'activities'> & { readonly activities: readonly WaitingActivity[] } {
  const byId = new Map(
    items.filter((w) => w.executionId === executionId).map((w) => [w.activityId, w]),
  );
  return {
    ...waiting,
    activities: waiting.activities.map((a) => {
      const item = byId.get(a.eventId);
      return {
        ...a,
        attemptCount: item?.attemptCount ?? null,
        isLocked: item?.lock !== undefined,
        lockOwner: item?.lock?.owner ?? null,
        lockedUntil: item?.lock?.lockedUntil ?? null,
      };
    }),
  };
}
