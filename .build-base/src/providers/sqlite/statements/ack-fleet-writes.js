import { ProviderError } from '../../../core/errors/duroxide-error.js';
export function prepareAckFleetWrites(db, operation) {
    const selectLastEvent = db.prepare(`SELECT event_id, event_type FROM history WHERE instance_id = @instanceId AND execution_id = @executionId
     ORDER BY event_id DESC LIMIT 1`);
    const deleteEvent = db.prepare('DELETE FROM history WHERE instance_id = @instanceId AND execution_id = @executionId AND event_id = @eventId');
    const reopenExecution = db.prepare(`UPDATE executions SET status = 'Running', output = NULL, completed_at = NULL, orchestration_version = @version
     WHERE instance_id = @instanceId AND execution_id = @executionId`);
    const setInstanceVersion = db.prepare('UPDATE instances SET orchestration_version = @version WHERE instance_id = @instanceId');
    const setStartedVersion = db.prepare(`UPDATE history SET event_data = json_set(event_data, '$.version', @version)
     WHERE instance_id = @instanceId AND execution_id = @executionId AND event_type = 'OrchestrationStarted'`);
    const setHistoryFormat = db.prepare('UPDATE instances SET history_format = @format WHERE instance_id = @instanceId');
    const setVersionPin = db.prepare('UPDATE instances SET version_pin = @pin WHERE instance_id = @instanceId');
    const consumeNextVersion = db.prepare('UPDATE instances SET next_version = NULL WHERE instance_id = @instanceId AND next_version = @version');
    return {
        reopen(instanceId, executionId, { failedEventId, version }) {
            const last = selectLastEvent.get({ instanceId, executionId });
            if (last === undefined ||
                last.event_id !== failedEventId ||
                last.event_type !== 'OrchestrationFailed') {
                const found = last === undefined
                    ? 'no events'
                    : `its last event is ${last.event_id} (${last.event_type})`;
                throw new ProviderError(operation, `cannot reopen instance '${instanceId}' execution ${executionId} at OrchestrationFailed event ${failedEventId}: ` +
                    `${found}; the execution changed since it was read, nothing was written — read it again`, false, undefined, { instanceId, executionId, eventId: failedEventId });
            }
            deleteEvent.run({ instanceId, executionId, eventId: failedEventId });
            reopenExecution.run({ instanceId, executionId, version });
            setInstanceVersion.run({ instanceId, version });
            setStartedVersion.run({ instanceId, executionId, version });
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
//# sourceMappingURL=ack-fleet-writes.js.map