export class ExecutionScope {
    instanceId;
    executionId;
    orchestrationName;
    orchestrationVersion;
    #sink;
    #error;
    constructor(instanceId, executionId, orchestrationName, orchestrationVersion, sink) {
        this.instanceId = instanceId;
        this.executionId = executionId;
        this.orchestrationName = orchestrationName;
        this.orchestrationVersion = orchestrationVersion;
        this.#sink = sink;
    }
    /** The first failure of this execution; once set, the code is not run any further. */
    get error() {
        return this.#error;
    }
    /** Records a failure; the first one wins. */
    fail(details) {
        this.#error ??= details;
    }
    /** `instance 'x' execution 2 (Name@1.0.0)`, the subject of every engine message. */
    where() {
        return `instance '${this.instanceId}' execution ${this.executionId} (${this.orchestrationName}@${this.orchestrationVersion})`;
    }
    context() {
        return {
            instanceId: this.instanceId,
            executionId: this.executionId,
            orchestrationName: this.orchestrationName,
            orchestrationVersion: this.orchestrationVersion,
        };
    }
    /** Engine-side trace (also while replaying); no-op without a sink. */
    trace(level, message) {
        this.#sink?.(level, message, this.context());
    }
}
//# sourceMappingURL=execution-scope.js.map