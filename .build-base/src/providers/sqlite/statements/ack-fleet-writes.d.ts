/**
 * The fleet-versioning parts of an orchestration ack (`OrchestrationAck.reopen`, the
 * `historyFormat` / `versionPin` / `consumedNextVersion` metadata). Each statement runs only
 * when its field is present, inside the ack's transaction, so a turn without them costs
 * nothing more.
 * @module
 */
import type Database from 'better-sqlite3';
import type { ExecutionMetadata, OrchestrationAck } from '../../provider.js';
export interface AckFleetWrites {
    /**
     * Resume of a Failed execution, before the turn's history is appended: deletes the
     * `OrchestrationFailed` event (which must be the execution's last event), sets the execution
     * back to `Running` without output or completion time, and records `version` on the
     * execution, the instance and the execution's `OrchestrationStarted` event.
     * @throws ProviderError (permanent) when the event is not the execution's last event or not
     *   an `OrchestrationFailed`; the ack's transaction then rolls back, writing nothing.
     */
    reopen(instanceId: string, executionId: number, reopen: NonNullable<OrchestrationAck['reopen']>): void;
    /** Writes the instance row's history format, pin and consumed next version when given. */
    applyMetadata(instanceId: string, metadata: ExecutionMetadata): void;
}
export declare function prepareAckFleetWrites(db: Database.Database, operation: string): AckFleetWrites;
