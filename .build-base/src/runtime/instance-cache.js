export class InstanceCache {
    #capacity;
    #entries = new Map();
    constructor(capacity) {
        this.#capacity = capacity;
    }
    get size() {
        return this.#entries.size;
    }
    /** The hint handed to the provider during fetch. */
    hint(instanceId) {
        const e = this.#entries.get(instanceId);
        if (e === undefined)
            return undefined;
        return {
            executionId: e.engine.executionId,
            lastEventId: e.engine.lastEventId,
            instanceCreatedAt: e.instanceCreatedAt,
        };
    }
    /** Removes and returns the entry (a turn owns it while it runs). */
    take(instanceId) {
        const e = this.#entries.get(instanceId);
        if (e !== undefined)
            this.#entries.delete(instanceId);
        return e;
    }
    put(instanceId, entry) {
        if (this.#capacity === 0)
            return;
        this.#entries.delete(instanceId);
        this.#entries.set(instanceId, entry);
        while (this.#entries.size > this.#capacity) {
            const oldest = this.#entries.keys().next().value;
            this.#entries.delete(oldest);
        }
    }
    delete(instanceId) {
        this.#entries.delete(instanceId);
    }
    clear() {
        this.#entries.clear();
    }
}
//# sourceMappingURL=instance-cache.js.map