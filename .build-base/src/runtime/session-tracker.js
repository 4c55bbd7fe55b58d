/**
 * Activity sessions on this runtime: which sessions have activities in
 * flight (capped by `maxSessionsPerRuntime`), who owns them, and the background lease renewal
 * and orphan cleanup.
 * @module
 */
import { hasCapability } from '../client/provider-capabilities.js';
import { renewalIntervalMs } from './options.js';
const TARGET = 'duroxide::runtime::sessions';
export class SessionTracker {
    #inFlight = new Map();
    #owners = new Set();
    #provider;
    #options;
    #logger;
    #timers = [];
    constructor(provider, options, logger) {
        this.#provider = provider;
        this.#options = options;
        this.#logger = logger;
    }
    /** The session owner of a worker slot: the node id when set, else the slot's own id. */
    ownerFor(slotWorkerId) {
        const owner = this.#options.workerNodeId ?? slotWorkerId;
        this.#owners.add(owner);
        return owner;
    }
    /** True while another distinct session may start on this runtime. */
    get hasCapacity() {
        return this.#inFlight.size < this.#options.maxSessionsPerRuntime;
    }
    /** Registers an activity of `sessionId`; false when that would exceed the cap. */
    enter(sessionId) {
        const n = this.#inFlight.get(sessionId);
        if (n === undefined && this.#inFlight.size >= this.#options.maxSessionsPerRuntime)
            return false;
        this.#inFlight.set(sessionId, (n ?? 0) + 1);
        return true;
    }
    leave(sessionId) {
        const n = this.#inFlight.get(sessionId) ?? 0;
        if (n <= 1)
            this.#inFlight.delete(sessionId);
        else
            this.#inFlight.set(sessionId, n - 1);
    }
    /** True when the provider declares the capability `sessions` (else session work is refused). */
    get isSupported() {
        return this.#provider.capabilities.sessions;
    }
    start() {
        const o = this.#options;
        const provider = this.#provider;
        if (!hasCapability(provider, 'sessions'))
            return;
        const renew = setInterval(() => {
            if (this.#owners.size === 0)
                return;
            provider
                .renewSessionLocks([...this.#owners], o.sessionLockTimeoutMs, o.sessionIdleTimeoutMs)
                .catch((error) => {
                this.#logger.warn(TARGET, 'session lease renewal failed', { error: String(error) });
            });
        }, renewalIntervalMs(o.sessionLockTimeoutMs));
        const cleanup = setInterval(() => {
            provider.cleanupOrphanedSessions(o.sessionIdleTimeoutMs).catch((error) => {
                this.#logger.warn(TARGET, 'session cleanup failed', { error: String(error) });
            });
        }, o.sessionCleanupIntervalMs);
        renew.unref();
        cleanup.unref();
        this.#timers = [renew, cleanup];
    }
    stop() {
        for (const t of this.#timers)
            clearInterval(t);
        this.#timers = [];
    }
}
//# sourceMappingURL=session-tracker.js.map