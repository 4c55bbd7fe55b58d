/**
 * `ActivityContext`: what an activity receives.
 * @module
 */
import { Client } from '../client/client.js';
export class ActivityContext {
    instanceId;
    executionId;
    orchestrationName;
    orchestrationVersion;
    activityName;
    /** Identity of the worker slot running this activity. */
    workerId;
    /** The session this activity was routed by; null for an activity scheduled without one. */
    sessionId;
    /**
     * Aborted when the activity is cancelled (its orchestration ended or dropped it, or its lock
     * was lost). Pass it to `fetch` and friends; the result of a cancelled activity is discarded.
     */
    signal;
    #init;
    #client;
    /** @internal Created by the worker dispatcher. */
    constructor(init) {
        this.#init = init;
        this.instanceId = init.instanceId;
        this.executionId = init.executionId;
        this.orchestrationName = init.orchestrationName;
        this.orchestrationVersion = init.orchestrationVersion;
        this.activityName = init.activityName;
        this.workerId = init.workerId;
        this.sessionId = init.sessionId ?? null;
        this.signal = init.signal;
    }
    /** The routing tag of this activity, or null. */
    tag() {
        return this.#init.tag ?? null;
    }
    isCancelled() {
        return this.signal.aborted;
    }
    /** A client on the same storage, e.g. to start orchestrations from an activity. */
    getClient() {
        return (this.#client ??= new Client(this.#init.provider));
    }
    traceInfo(message) {
        this.#trace('info', message);
    }
    traceWarn(message) {
        this.#trace('warn', message);
    }
    traceError(message) {
        this.#trace('error', message);
    }
    traceDebug(message) {
        this.#trace('debug', message);
    }
    #trace(level, message) {
        this.#init.logger.log(level, 'duroxide::activity', message, {
            instanceId: this.instanceId,
            executionId: this.executionId,
            activityName: this.activityName,
            activityId: this.#init.activityId,
            workerId: this.workerId,
        });
    }
}
//# sourceMappingURL=activity-context.js.map