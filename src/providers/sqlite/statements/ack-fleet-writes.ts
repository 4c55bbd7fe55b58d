/**
 * The fleet-versioning parts of an orchestration ack (`OrchestrationAck.reopen`, the
 * `historyFormat` / `versionPin` / `consumedNextVersion` metadata). Each statement runs only
 * when its field is present, inside the ack's transaction, so a turn without them costs
 * nothing more.
 * @module
 */
import type Database from 'better-sqlite3';
import { ProviderError } from '../../../core/errors/duroxide-error.js';
import type { ExecutionMetadata, OrchestrationAck } from '../../provider.js';

export interface AckFleetWrites {
  /**
   * Resume of a Failed execution, before the turn's history is appended: deletes the
   * `OrchestrationFailed` event (which must be the execution's last event), sets the execution
   * back to `Running` without output or completion time, and records `version` on the
   * execution, the instance and the execution's `OrchestrationStarted` event (and the resumed
   * attempt's trace context there, when given).
   * @throws ProviderError (permanent) when the event is not the execution's last event or not
   *   an `OrchestrationFailed`; the ack's transaction then rolls back, writing nothing.
   */
  reopen(
    instanceId: string,
    executionId: number,
    reopen: NonNullable<OrchestrationAck['reopen']>,
  ): void;
  /** Writes the instance row's history format, pin and consumed next version when given. */
  applyMetadata(instanceId: string, metadata: ExecutionMetadata): void;
}

export function prepareAckFleetWrites(db: Database.Database, operation: string): AckFleetWrites {
  const selectLastEvent = db.prepare<
    { instanceId: string; executionId: number },
    { event_id: number; event_type: string }
  >(
    `SELECT event_id, event_type FROM history WHERE instance_id = @instanceId AND execution_id = @executionId
     ORDER BY event_id DESC LIMIT 1`,
  );
  const deleteEvent = db.prepare<{ instanceId: string; executionId: number; eventId: number }>(
    'DELETE FROM history WHERE instance_id = @instanceId AND execution_id = @executionId AND event_id = @eventId',
  );
  const reopenExecution = db.prepare<{ instanceId: string; executionId: number; version: string }>(
    `UPDATE executions SET status = 'Running', output = NULL, completed_at = NULL, orchestration_version = @version
     WHERE instance_id = @instanceId AND execution_id = @executionId`,
  );
  const setInstanceVersion = db.prepare<{ instanceId: string; version: string }>(
    'UPDATE instances SET orchestration_version = @version WHERE instance_id = @instanceId',
  );
  const setStartedVersion = db.prepare<{
    instanceId: string;
    executionId: number;
    version: string;
  }>(
    `UPDATE history SET event_data = json_set(event_data, '$.version', @version)
     WHERE instance_id = @instanceId AND execution_id = @executionId AND event_type = 'OrchestrationStarted'`,
  );
  const setStartedTrace = db.prepare<{
    instanceId: string;
    executionId: number;
    traceContext: string;
  }>(
    `UPDATE history SET event_data = json_set(event_data, '$.traceContext', json(@traceContext))
     WHERE instance_id = @instanceId AND execution_id = @executionId AND event_type = 'OrchestrationStarted'`,
  );
  const setHistoryFormat = db.prepare<{ instanceId: string; format: number }>(
    'UPDATE instances SET history_format = @format WHERE instance_id = @instanceId',
  );
  const setVersionPin = db.prepare<{ instanceId: string; pin: string | null }>(
    'UPDATE instances SET version_pin = @pin WHERE instance_id = @instanceId',
  );
  const consumeNextVersion = db.prepare<{ instanceId: string; version: string }>(
    'UPDATE instances SET next_version = NULL WHERE instance_id = @instanceId AND next_version = @version',
  );

  return {
    reopen(instanceId, executionId, { failedEventId, version, traceContext }) {
      const last = selectLastEvent.get({ instanceId, executionId });
      if (
        last === undefined ||
        last.event_id !== failedEventId ||
        last.event_type !== 'OrchestrationFailed'
      ) {
        const found =
          last === undefined
            ? 'no events'
            : `its last event is ${last.event_id} (${last.event_type})`;
        throw new ProviderError(
          operation,
          `cannot reopen instance '${instanceId}' execution ${executionId} at OrchestrationFailed event ${failedEventId}: ` +
            `${found}; the execution changed since it was read, nothing was written — read it again`,
          false,
          undefined,
          { instanceId, executionId, eventId: failedEventId },
        );
      }
      deleteEvent.run({ instanceId, executionId, eventId: failedEventId });
      reopenExecution.run({ instanceId, executionId, version });
      setInstanceVersion.run({ instanceId, version });
      setStartedVersion.run({ instanceId, executionId, version });
      if (traceContext !== undefined)
        setStartedTrace.run({
          instanceId,
          executionId,
          traceContext: JSON.stringify(traceContext),
        });
    },
    applyMetadata(instanceId, metadata) {
      if (metadata.historyFormat !== undefined)
        setHistoryFormat.run({ instanceId, format: metadata.historyFormat });
      if (metadata.versionPin !== undefined)
        setVersionPin.run({ instanceId, pin: metadata.versionPin.value });
      if (metadata.consumedNextVersion !== undefined) {
        consumeNextVersion.run({ instanceId, version: metadata.consumedNextVersion });
      }
    },
  };
}
