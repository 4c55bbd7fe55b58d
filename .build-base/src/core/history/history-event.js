/** Every event type. Unknown types fail deserialization. */
const EVENT_TYPES = [
    'OrchestrationStarted',
    'OrchestrationCompleted',
    'OrchestrationFailed',
    'OrchestrationContinuedAsNew',
    'OrchestrationCancelRequested',
    'ActivityScheduled',
    'ActivityCompleted',
    'ActivityFailed',
    'ActivityCancelRequested',
    'TimerCreated',
    'TimerFired',
    'ExternalSubscribed',
    'ExternalEvent',
    'ExternalSubscribedCancelled',
    'QueueSubscribed',
    'QueueEventDelivered',
    'QueueSubscriptionCancelled',
    'SubOrchestrationScheduled',
    'SubOrchestrationCompleted',
    'SubOrchestrationFailed',
    'SubOrchestrationCancelRequested',
    'OrchestrationChained',
    'CustomStatusUpdated',
    'KeyValueSet',
    'KeyValueCleared',
    'KeyValuesCleared',
];
const EVENT_TYPE_SET = new Set(EVENT_TYPES);
/**
 * Events produced by a context call and matched positionally on replay.
 */
export function isScheduleEvent(e) {
    switch (e.type) {
        case 'ActivityScheduled':
        case 'TimerCreated':
        case 'ExternalSubscribed':
        case 'QueueSubscribed':
        case 'SubOrchestrationScheduled':
        case 'OrchestrationChained':
        case 'CustomStatusUpdated':
        case 'KeyValueSet':
        case 'KeyValueCleared':
        case 'KeyValuesCleared':
            return true;
        default:
            return false;
    }
}
/**
 * Parses one stored event. Throws a plain `Error` naming the problem when the JSON is not an
 * event this engine knows, which providers report as `historyError`.
 */
export function parseHistoryEvent(text) {
    const value = JSON.parse(text);
    if (typeof value !== 'object' || value === null) {
        throw new Error('history event is not a JSON object');
    }
    const record = value;
    if (typeof record['type'] !== 'string' || !EVENT_TYPE_SET.has(record['type'])) {
        throw new Error(`unknown history event type ${JSON.stringify(record['type'])}`);
    }
    if (typeof record['eventId'] !== 'number' || !Number.isInteger(record['eventId'])) {
        throw new Error('history event has no integer eventId');
    }
    return value;
}
/** One-line description of an event for error messages ("activity 'charge'"). */
export function describeEvent(e) {
    switch (e.type) {
        case 'ActivityScheduled':
            return `activity '${e.name}'${e.tag !== undefined ? ` [tag ${e.tag}]` : ''}`;
        case 'TimerCreated':
            return 'timer';
        case 'ExternalSubscribed':
            return `wait for event '${e.name}'`;
        case 'QueueSubscribed':
            return `dequeue from '${e.name}'`;
        case 'SubOrchestrationScheduled':
            return `sub-orchestration '${e.name}'`;
        case 'OrchestrationChained':
            return `detached orchestration '${e.name}' (${e.instance})`;
        case 'CustomStatusUpdated':
            return 'custom status update';
        case 'KeyValueSet':
            return `set value '${e.key}'`;
        case 'KeyValueCleared':
            return `clear value '${e.key}'`;
        case 'KeyValuesCleared':
            return 'clear all values';
        default:
            return e.type;
    }
}
//# sourceMappingURL=history-event.js.map