/**
 * Operator requests that arrive as orchestrator messages: resume a Failed execution from its
 * history (`client.resumeInstance`) and restart a finished instance (`client.restartInstance`,
 * applied by the dispatcher as a new execution). Their outcome is written to the audit log, where
 * the client that asked reads it (docs/versioning.md, "Recovering after a bad deploy").
 *
 * Resume replays the execution's history, without its final `OrchestrationFailed`, on the
 * requested (or recorded) version. If that replay diverges, the request is refused and nothing
 * changes. Otherwise the failure event is removed, the execution runs on, and the work the
 * failure dropped is issued again: activities and timers without a completion, and the outcome
 * of sub-orchestrations that finished meanwhile. Completed activities are never run again.
 * @module
 */
import type { HistoryEvent } from '../../core/history/history-event.js';
import type { WorkItem, WorkItemOfType } from '../../core/history/work-item.js';
import type { ReplayEngine } from '../../core/replay/replay-engine.js';
import type { OrchestrationHandler } from '../../core/replay/orchestration-handler.js';
import type { AuditEntryInput, LockedOrchestrationItem, OrchestrationAck, Provider } from '../../providers/provider.js';
import type { Logger } from '../logger.js';
import type { ResolvedRuntimeOptions } from '../options.js';
import type { OrchestrationRegistry } from '../registry.js';
import { type VersionDecider } from './version-stamping.js';
export type OperatorRequest = WorkItemOfType<'ResumeOrchestration'> | WorkItemOfType<'RestartOrchestration'>;
type ResumeRequest = WorkItemOfType<'ResumeOrchestration'>;
/** Audit entries for requests that do not apply (the instance is running, another execution…). */
export declare function refuseOperatorRequests(requests: readonly OperatorRequest[], why: string): AuditEntryInput[];
/** The audit entry of a restart the dispatcher applied as a new execution. */
export declare function restartedAudit(request: WorkItemOfType<'RestartOrchestration'>, executionId: number, version: string | undefined): AuditEntryInput;
export interface ResumeDeps {
    readonly provider: Provider;
    readonly registry: OrchestrationRegistry;
    readonly options: ResolvedRuntimeOptions;
    readonly logger: Logger;
    readonly versions: VersionDecider;
    createEngine(args: {
        instanceId: string;
        executionId: number;
        history: readonly HistoryEvent[];
        handler: OrchestrationHandler;
        kvSnapshot: LockedOrchestrationItem['item']['kvSnapshot'];
    }): Promise<ReplayEngine>;
    /** Commits; false when nothing was written (the batch comes back). */
    commit(locked: LockedOrchestrationItem, ack: OrchestrationAck): Promise<boolean>;
    /** Consumes the batch without changes, writing the audit entries. */
    discard(locked: LockedOrchestrationItem, why: string, audits: AuditEntryInput[]): Promise<void>;
    /** Leaves the batch to a node that has the requested version. */
    defer(locked: LockedOrchestrationItem, what: string): Promise<void>;
    audit(entries: readonly AuditEntryInput[]): Promise<void>;
}
/** Applies (or refuses) a resume of the instance's Failed current execution. */
export declare function resumeExecution(deps: ResumeDeps, locked: LockedOrchestrationItem, history: readonly HistoryEvent[], request: ResumeRequest, messages: readonly WorkItem[], requests: readonly OperatorRequest[]): Promise<void>;
export {};
