import type { NodeRecord, ProviderWith } from '../providers/provider.js';
import type { Logger } from './logger.js';
import type { ActivityRegistry, OrchestrationRegistry } from './registry.js';
export interface NodeHeartbeatDeps {
    readonly provider: ProviderWith<'fleet'>;
    readonly nodeId: string;
    readonly intervalMs: number;
    readonly historyFormat: number;
    readonly orchestrations: OrchestrationRegistry;
    readonly activities: ActivityRegistry;
    readonly logger: Logger;
}
export declare class NodeHeartbeat {
    #private;
    constructor(deps: NodeHeartbeatDeps);
    /** This node's row as of now. */
    record(): NodeRecord;
    /** Writes the first heartbeat (so the fleet sees this node before it takes work), then beats on. */
    start(): Promise<void>;
    /** Stops beating and removes the row, so the fleet stops counting this node at once. */
    stop(): Promise<void>;
}
