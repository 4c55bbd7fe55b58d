import type { OrchestrationHandler } from '../../src/core/replay/orchestration-handler.js';
import { ReplayEngine } from '../../src/core/replay/replay-engine.js';
import type { HistoryEvent, EventKind } from '../../src/core/history/history-event.js';
import type { WorkItem } from '../../src/core/history/work-item.js';
import type { TurnResult } from '../../src/core/replay/turn-result.js';
export declare const INSTANCE = "inst-1";
export declare const ENGINE_VERSION = "0.1.0";
export declare function fixedClock(start?: number): () => number;
export declare function makeEngine(handler: OrchestrationHandler, history: HistoryEvent[], opts?: {
    input?: unknown;
    executionId?: number;
    clock?: () => number;
}): ReplayEngine;
/** Runs one turn on a fresh engine (a full replay of `history`). */
export declare function turn(handler: OrchestrationHandler, history: HistoryEvent[], messages?: WorkItem[], opts?: {
    input?: unknown;
    executionId?: number;
}): Promise<TurnResult>;
/** Builds events with consecutive ids starting at 1. */
export declare function history(...kinds: (EventKind & {
    sourceEventId?: number;
})[]): HistoryEvent[];
export declare const started: (input?: unknown) => EventKind;
export declare const activityScheduled: (name: string, input?: unknown) => EventKind;
export declare const activityCompleted: (source: number, result: unknown) => EventKind & {
    sourceEventId: number;
};
export declare const activityDone: (id: number, result: unknown) => WorkItem;
export declare const timerFired: (id: number, fireAt?: number) => WorkItem;
export declare const raised: (name: string, data: unknown) => WorkItem;
/** Applies a turn's delta to a history (what the provider would store). */
export declare function commit(h: HistoryEvent[], r: TurnResult): HistoryEvent[];
export declare const types: (events: readonly HistoryEvent[]) => string[];
