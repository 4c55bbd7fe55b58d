import type { LockedOrchestrationItem, Provider } from '../../providers/provider.js';
import type { InstanceCache } from '../instance-cache.js';
import type { Logger } from '../logger.js';
import type { RuntimeMetrics } from '../metrics.js';
import { type ResolvedRuntimeOptions } from '../options.js';
import type { OrchestrationRegistry } from '../registry.js';
import { type LocalActivityRunner } from './local-activity-hold.js';
import type { VersionDecider } from './version-stamping.js';
export interface OrchestrationDispatcherDeps {
    readonly provider: Provider;
    readonly worker: LocalActivityRunner;
    readonly registry: OrchestrationRegistry;
    readonly options: ResolvedRuntimeOptions;
    readonly cache: InstanceCache;
    readonly logger: Logger;
    readonly metrics: RuntimeMetrics;
    /** Decides the versions of the executions turns create (fleet policy). */
    readonly versions: VersionDecider;
}
export declare class OrchestrationDispatcher {
    #private;
    constructor(deps: OrchestrationDispatcherDeps);
    /** Ends every hold (their locks are released, their activities report through the queue). */
    stop(): Promise<void>;
    fetch(): Promise<LockedOrchestrationItem | null>;
    process(locked: LockedOrchestrationItem): Promise<void>;
}
