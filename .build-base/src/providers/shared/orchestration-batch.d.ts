/**
 * The rules both providers' `fetchOrchestrationItem` follow besides SQL: how far one fetch
 * looks, when an orphan batch (messages for an instance that was never started) is dropped or
 * delayed, and the item handed out for a new instance's first turn.
 * @module
 */
import type { HistoryEvent } from '../../core/history/history-event.js';
import type { WorkItem, WorkItemOfType } from '../../core/history/work-item.js';
import type { CachedHistoryHint, KvEntryRecord, OrchestrationItem } from '../provider.js';
/**
 * How many candidate instances one fetch may inspect. Candidates are skipped when they are
 * orphans (which each pass deletes or delays) or, on PostgreSQL, when another fetcher holds
 * them; the bound just caps the work of a single call.
 */
export declare const MAX_CANDIDATES_PER_FETCH = 20;
/**
 * Messages for an instance that was never started are dropped once the oldest is this old.
 * Until then they are delayed by {@link ORPHAN_RETRY_DELAY_MS}, giving a racing
 * `StartOrchestration` time to arrive.
 */
export declare const ORPHAN_MAX_AGE_MS = 60000;
export declare const ORPHAN_RETRY_DELAY_MS = 1000;
/** Items that name the orchestration to run when the instance row does not exist yet. */
export type StartItem = WorkItemOfType<'StartOrchestration'> | WorkItemOfType<'ContinueAsNew'>;
export declare function isStartItem(item: WorkItem): item is StartItem;
/** The item of an instance's first turn: no history yet; `start` names the orchestration. */
export declare function firstTurnItem(instanceId: string, start: StartItem | undefined, messages: readonly WorkItem[], kvSnapshot: ReadonlyMap<string, KvEntryRecord>): OrchestrationItem;
/** What an item for an existing instance carries besides its history and KV snapshot. */
export interface InstanceTurn {
    readonly instanceId: string;
    readonly orchestrationName: string | undefined;
    readonly orchestrationVersion: string | undefined;
    readonly executionId: number;
    readonly messages: readonly WorkItem[];
    readonly instanceCreatedAt: number;
}
/**
 * Whether the caller's cache hint is for this execution of this incarnation of the instance;
 * the caller then compares `hint.lastEventId` with the stored largest event id (read only
 * when this holds).
 */
export declare function isHintForTurn(hint: CachedHistoryHint | undefined, executionId: number, instanceCreatedAt: number): hint is CachedHistoryHint;
/**
 * The item of an existing instance's turn with its loaded history; a history event that did
 * not parse hands out no history and the `historyError` (the runtime fails the turn, keeping
 * the lock's batch for inspection).
 */
export declare function loadedTurnItem(turn: InstanceTurn, history: HistoryEvent[], historyError: string | undefined, kvSnapshot: ReadonlyMap<string, KvEntryRecord>): OrchestrationItem;
