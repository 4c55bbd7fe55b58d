/**
 * The node registry entry of one runtime: who it is, which engine it runs and which
 * orchestration versions and activities it registers, refreshed every
 * `nodeHeartbeatIntervalMs`. Fleet "latest" and the management views are computed from these
 * rows (docs/versioning.md, "Node registry").
 * @module
 */
import { hostname } from 'node:os';
import { DUROXIDE_VERSION } from '../core/version.js';
const TARGET = 'duroxide::runtime::nodes';
/** Rows of nodes not seen for this long are deleted by any live node. */
const PRUNE_AFTER_MS = 24 * 60 * 60 * 1000;
/** Prune at most this often per node. */
const PRUNE_EVERY_MS = 10 * 60 * 1000;
export class NodeHeartbeat {
    #d;
    #startedAt = Date.now();
    #timer;
    #lastPruneAt = 0;
    #beating;
    constructor(deps) {
        this.#d = deps;
    }
    /** This node's row as of now. */
    record() {
        const { orchestrations, activities } = this.#d;
        return {
            nodeId: this.#d.nodeId,
            host: hostname(),
            pid: process.pid,
            duroxideVersion: DUROXIDE_VERSION,
            historyFormat: this.#d.historyFormat,
            startedAt: this.#startedAt,
            lastSeenAt: Date.now(),
            heartbeatIntervalMs: this.#d.intervalMs,
            orchestrations: orchestrations.listNames().map((name) => ({
                name,
                versions: orchestrations.listVersions(name),
                defaultPolicy: orchestrations.defaultPolicy(name),
            })),
            activities: activities.listNames(),
        };
    }
    /** Writes the first heartbeat (so the fleet sees this node before it takes work), then beats on. */
    async start() {
        await this.#beat();
        this.#timer = setInterval(() => void this.#beat(), this.#d.intervalMs);
        this.#timer.unref();
    }
    /** Stops beating and removes the row, so the fleet stops counting this node at once. */
    async stop() {
        clearInterval(this.#timer);
        this.#timer = undefined;
        await this.#beating;
        try {
            await this.#d.provider.removeNode(this.#d.nodeId);
        }
        catch (error) {
            this.#d.logger.warn(TARGET, 'could not remove this node from the node registry; it ages out on its own', { error: String(error) });
        }
    }
    #beat() {
        this.#beating = (async () => {
            const { provider, logger } = this.#d;
            try {
                await provider.heartbeatNode(this.record());
                const now = Date.now();
                if (now - this.#lastPruneAt >= PRUNE_EVERY_MS) {
                    this.#lastPruneAt = now;
                    await provider.pruneNodes(now - PRUNE_AFTER_MS);
                }
            }
            catch (error) {
                logger.warn(TARGET, 'node heartbeat failed; retrying at the next interval', {
                    error: String(error),
                });
            }
        })();
        return this.#beating;
    }
}
//# sourceMappingURL=node-heartbeat.js.map