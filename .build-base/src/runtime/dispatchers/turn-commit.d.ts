/**
 * Committing an orchestration batch: the ack with retries for transient
 * provider errors, the abandon that hands the batch back, the discard that consumes it without
 * changes, and the audit entries written after a commit. Nothing here decides what a turn does;
 * it only writes what the dispatcher decided.
 * @module
 */
import type { WorkItem } from '../../core/history/work-item.js';
import type { TurnResult } from '../../core/replay/turn-result.js';
import type { AuditEntryInput, LockedOrchestrationItem, OrchestrationAck, OrchestrationAckOptions, OrchestrationAckResult, Provider } from '../../providers/provider.js';
import type { Logger } from '../logger.js';
import type { RuntimeMetrics } from '../metrics.js';
import type { StartItem } from './batch-resolution.js';
export interface TurnCommitDeps {
    readonly provider: Provider;
    readonly logger: Logger;
    readonly metrics: RuntimeMetrics;
}
export declare class TurnCommitter {
    #private;
    constructor(deps: TurnCommitDeps);
    /**
     * Commits with retries for transient errors. Returns undefined when nothing was written: the
     * batch is then abandoned (with a short backoff) and comes back.
     */
    ack(locked: LockedOrchestrationItem, ack: OrchestrationAck, options?: OrchestrationAckOptions): Promise<OrchestrationAckResult | undefined>;
    /**
     * Hands the batch back, visible again after `delayMs`; `ignoreAttempt` keeps the fetch from
     * counting towards poison (the batch was not at fault). Never throws.
     */
    abandon(locked: LockedOrchestrationItem, delayMs: number, ignoreAttempt?: boolean): Promise<void>;
    /**
     * Acks a batch without changes: its messages are consumed and dropped, `replies` (to rejected
     * starts) are sent, and `audits` are written once it is committed.
     */
    discard(locked: LockedOrchestrationItem, executionId: number, why: string, replies: readonly WorkItem[], audits: readonly AuditEntryInput[]): Promise<void>;
    /** Writes audit entries; a failure is logged, never fails the turn (it is committed). */
    audit(entries: readonly AuditEntryInput[]): Promise<void>;
}
/** The ack of a turn's result (version and format metadata are added by the caller). */
export declare function turnAck(executionId: number, r: TurnResult, extraItems: readonly WorkItem[]): OrchestrationAck;
/** Counts a committed turn in the metrics; a failed execution is logged by its error category. */
export declare function countTurn(m: RuntimeMetrics, logger: Logger, r: TurnResult, start: StartItem | undefined): void;
