/**
 * The NOTIFY payload: which queues a commit fed, so listeners in other processes wake the
 * right dispatchers. Small on purpose (PostgreSQL caps payloads at 8,000 bytes and every
 * listener of the channel reads every notification).
 * @module
 */
import { type CancelledActivity, type ExecutionStatus, type ProviderSignal } from '../../provider.js';
/** What one commit announces. */
export interface CommitSignals {
    /** Earliest `visibleAt` of orchestrator rows written, if any. */
    readonly orchestratorVisibleAt?: number | undefined;
    readonly hasWorkerItems?: boolean;
    readonly instanceId?: string | undefined;
    /** The instance's execution status after an orchestration ack (see ProviderSignal). */
    readonly executionStatus?: ExecutionStatus | undefined;
    /** Activities whose worker rows the commit deleted (cancellation, lock stealing). */
    readonly cancelledActivities?: readonly CancelledActivity[] | undefined;
}
export declare function encodeSignals(origin: string, signals: CommitSignals): string;
/** The signals of one commit, in the SQLite provider's order (the instance last). */
export declare function toProviderSignals(signals: CommitSignals): ProviderSignal[];
/** Parses a payload; anything malformed (another program on the channel) yields undefined. */
export declare function decodeSignals(payload: string | undefined): {
    origin: string;
    signals: CommitSignals;
} | undefined;
/** `[[instanceId, executionId, activityId], …]` rows (also the SQL function's return shape). */
export declare function decodeCancelled(value: unknown): CancelledActivity[];
