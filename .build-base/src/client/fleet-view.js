/**
 * What the fleet looks like from the store: the stored version policies and the live nodes
 * with the versions they register. Shared by the Client (versions of client starts) and the
 * Runtime (versions of sub-orchestrations, detached starts and continue-as-new), so every
 * creator of work decides a version by the same rule (docs/versioning.md, "How a version is
 * chosen"; ADR 0005).
 *
 * Reads are cached for `refreshMs`; a view up to twice that old is served while a fresh one
 * loads, so a busy hot path never waits on the store for it.
 * @module
 */
import { resolveExecutionVersion, } from '../core/versioning/version-policy.js';
import { hasCapability } from './provider-capabilities.js';
/** A node is live while its last heartbeat is at most this many heartbeat intervals old. */
const NODE_LIVENESS_INTERVALS = 3;
/** True when the node heartbeated recently enough to count (see {@link NODE_LIVENESS_INTERVALS}). */
export function isNodeLive(node, now) {
    return now - node.lastSeenAt <= NODE_LIVENESS_INTERVALS * Math.max(node.heartbeatIntervalMs, 1);
}
export class FleetView {
    #provider;
    #refreshMs;
    #snapshot;
    #loading;
    constructor(provider, refreshMs) {
        this.#provider = provider;
        this.#refreshMs = refreshMs;
    }
    /**
     * The cached view. Younger than `refreshMs`: used as is. Up to twice that: used, and a fresh
     * one loads in the background (a busy node never waits). Older, or none, or `refreshMs` 0:
     * loaded now. So no decision uses a view older than twice `refreshMs`.
     */
    async snapshot() {
        const current = this.#snapshot;
        const age = current === undefined ? Infinity : Date.now() - current.loadedAt;
        if (current === undefined || this.#refreshMs === 0 || age >= 2 * this.#refreshMs)
            return this.#load();
        if (age >= this.#refreshMs)
            void this.#load().catch(() => undefined);
        return current;
    }
    /** Forgets the cached view (after this process changed a policy). */
    invalidate() {
        this.#snapshot = undefined;
    }
    #load() {
        this.#loading ??= (async () => {
            try {
                // Without fleet storage there is no stored policy and no node registry: versions are
                // decided from the calling runtime's registry and in-code policy only.
                const provider = this.#provider;
                const [policies, nodes] = hasCapability(provider, 'fleet')
                    ? await Promise.all([provider.listVersionPolicies(), provider.listNodes()])
                    : [[], []];
                const now = Date.now();
                const snapshot = {
                    policies: new Map(policies.map((p) => [p.orchestrationName, p.policy])),
                    liveNodes: nodes.filter((n) => isNodeLive(n, now)),
                    loadedAt: now,
                };
                this.#snapshot = snapshot;
                return snapshot;
            }
            finally {
                this.#loading = undefined;
            }
        })();
        return this.#loading;
    }
    /**
     * The version a new execution of `name` for `instanceId` gets. `self` is the calling runtime
     * (its registry counts even before its heartbeat is visible); `currentVersion` is set for a
     * continue-as-new (never backwards).
     */
    async resolve(name, instanceId, options = {}) {
        const snapshot = await this.snapshot();
        const nodes = [];
        const { self } = options;
        for (const node of snapshot.liveNodes) {
            if (self !== undefined && node.nodeId === self.nodeId)
                continue;
            const entry = node.orchestrations.find((o) => o.name === name);
            if (entry !== undefined && entry.versions.length > 0)
                nodes.push({ versions: entry.versions, defaultPolicy: entry.defaultPolicy });
        }
        const mine = self?.versionsOf(name);
        if (mine !== undefined && mine.versions.length > 0)
            nodes.push(mine);
        return resolveExecutionVersion({
            storedPolicy: snapshot.policies.get(name),
            nodes,
            instanceId,
            currentVersion: options.currentVersion,
        });
    }
}
//# sourceMappingURL=fleet-view.js.map