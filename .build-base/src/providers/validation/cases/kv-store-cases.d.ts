import type { EventKind } from '../../../core/history/history-event.js';
import type { ExecutionStatus, LockedOrchestrationItem, Provider } from '../../provider.js';
import type { ConformanceHarness } from '../conformance-fixtures.js';
export declare function set(key: string, value: string, lastUpdatedAt?: number): EventKind;
export declare function clear(key: string): EventKind;
type Ending = Exclude<ExecutionStatus, 'Running'>;
/** The item's KV snapshot as `key → value` (an absent snapshot is empty). */
export declare function snapshotOf(locked: LockedOrchestrationItem): Record<string, string>;
/** The provider's merged view as `key → value`. */
export declare function mergedOf(p: Provider, instanceId: string): Promise<Record<string, string>>;
export declare function nextEventId(locked: LockedOrchestrationItem): number;
/**
 * Runs one turn of an existing instance whose history delta holds `kinds` (KV events, in
 * order), optionally ending the execution with `ending`. Returns the fetched item, whose
 * snapshot is the one the turn started from.
 */
export declare function kvTurn(p: Provider, instanceId: string, kinds: readonly EventKind[], ending?: Exclude<Ending, 'ContinuedAsNew'>): Promise<LockedOrchestrationItem>;
/**
 * Ends the current execution with continue-as-new in a turn holding `kinds`, then runs the new
 * execution's first turn. Returns that first fetch (its snapshot is what the new execution
 * starts from).
 */
export declare function kvContinueAsNew(p: Provider, instanceId: string, kinds?: readonly EventKind[]): Promise<LockedOrchestrationItem>;
/** Fetches the instance once more (acking nothing) and returns its snapshot. */
export declare function snapshotNow(p: Provider, instanceId: string): Promise<Record<string, string>>;
export declare function registerKvStoreCases(h: ConformanceHarness): void;
export {};
