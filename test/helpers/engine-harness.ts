/**
 * Runs the pure replay engine on plain arrays of history events, with an injected clock.
 */
import { setImmediate as drainMacrotask } from 'node:timers/promises';
import type { OrchestrationHandler } from '../../src/core/replay/orchestration-handler.js';
import { ReplayEngine } from '../../src/core/replay/replay-engine.js';
import type { HistoryEvent, EventKind } from '../../src/core/history/history-event.js';
import type { WorkItem } from '../../src/core/history/work-item.js';
import type { TurnResult } from '../../src/core/replay/turn-result.js';

export const INSTANCE = 'inst-1';
export const ENGINE_VERSION = '0.1.0';

export function fixedClock(start = 1_000_000): () => number {
  let t = start;
  return () => t++;
}

export function makeEngine(
  handler: OrchestrationHandler,
  history: HistoryEvent[],
  opts: { input?: unknown; executionId?: number; clock?: () => number } = {},
): ReplayEngine {
  let guid = 0;
  return new ReplayEngine({
    instanceId: INSTANCE,
    executionId: opts.executionId ?? 1,
    history,
    start:
      history.length === 0
        ? { name: 'Flow', version: '1.0.0', input: JSON.stringify(opts.input ?? null) }
        : undefined,
    handler,
    clock: opts.clock ?? fixedClock(),
    newGuid: () => `guid-${++guid}`,
    drain: () => drainMacrotask(),
    duroxideVersion: ENGINE_VERSION,
  });
}

/** Runs one turn on a fresh engine (a full replay of `history`). */
export async function turn(
  handler: OrchestrationHandler,
  history: HistoryEvent[],
  messages: WorkItem[] = [],
  opts: { input?: unknown; executionId?: number } = {},
): Promise<TurnResult> {
  return makeEngine(handler, history, opts).runTurn(messages);
}

/** Builds events with consecutive ids starting at 1. */
export function history(...kinds: (EventKind & { sourceEventId?: number })[]): HistoryEvent[] {
  return kinds.map((k, i) => ({
    eventId: i + 1,
    instanceId: INSTANCE,
    executionId: 1,
    timestampMs: 1,
    duroxideVersion: ENGINE_VERSION,
    ...k,
  }));
}

export const started = (input: unknown = null): EventKind => ({
  type: 'OrchestrationStarted',
  name: 'Flow',
  version: '1.0.0',
  input: JSON.stringify(input),
});

export const activityScheduled = (name: string, input: unknown = null): EventKind => ({
  type: 'ActivityScheduled',
  name,
  input: JSON.stringify(input),
});

export const activityCompleted = (
  source: number,
  result: unknown,
): EventKind & { sourceEventId: number } => ({
  type: 'ActivityCompleted',
  result: JSON.stringify(result),
  sourceEventId: source,
});

export const activityDone = (id: number, result: unknown): WorkItem => ({
  type: 'ActivityCompleted',
  instance: INSTANCE,
  executionId: 1,
  id,
  result: JSON.stringify(result),
});

export const timerFired = (id: number, fireAt = 0): WorkItem => ({
  type: 'TimerFired',
  instance: INSTANCE,
  executionId: 1,
  id,
  fireAt,
});

export const raised = (name: string, data: unknown): WorkItem => ({
  type: 'ExternalRaised',
  instance: INSTANCE,
  name,
  data: JSON.stringify(data),
});

/** Applies a turn's delta to a history (what the provider would store). */
export function commit(h: HistoryEvent[], r: TurnResult): HistoryEvent[] {
  return [...h, ...r.historyDelta];
}

export const types = (events: readonly HistoryEvent[]): string[] => events.map((e) => e.type);
