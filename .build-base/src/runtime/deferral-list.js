/**
 * Keys (instance ids, activity names) this runtime has recently found it cannot serve because
 * it lacks their code. While a key is deferred, this runtime's fetches skip it, so a node that
 * has the code picks the item up at once (rolling deployments, docs/versioning.md). When the deferral
 * ends, this runtime tries again; each try counts as an attempt, so an item that no node can run
 * still ends as poison after `maxAttempts`.
 * @module
 */
/** Upper bound on keys sent to the provider per fetch; the oldest deferrals drop first. */
const MAX_KEYS = 500;
export class DeferralList {
    #until = new Map();
    defer(key, forMs) {
        this.#until.delete(key);
        this.#until.set(key, Date.now() + forMs);
        if (this.#until.size > MAX_KEYS) {
            const oldest = this.#until.keys().next().value;
            this.#until.delete(oldest);
        }
    }
    /** Whether `key` is deferred now. */
    has(key) {
        const until = this.#until.get(key);
        return until !== undefined && until > Date.now();
    }
    /** Keys still deferred now (expired ones are forgotten). */
    active() {
        if (this.#until.size === 0)
            return undefined;
        const now = Date.now();
        const keys = [];
        for (const [key, until] of this.#until) {
            if (until <= now)
                this.#until.delete(key);
            else
                keys.push(key);
        }
        return keys.length === 0 ? undefined : keys;
    }
}
//# sourceMappingURL=deferral-list.js.map