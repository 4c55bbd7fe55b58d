/**
 * The live-instance cache: suspended replay engines kept in memory (bounded LRU) so the next
 * turn of an instance delivers only its new messages instead of replaying the whole history.
 * An entry is valid only while storage still holds exactly the history the engine
 * has consumed; the provider checks that (`cachedHistory` hint) before skipping the history load.
 * @module
 */
import type { ReplayEngine } from '../core/replay/replay-engine.js';
import type { CachedHistoryHint } from '../providers/provider.js';
export interface CachedInstance {
    readonly engine: ReplayEngine;
    readonly instanceCreatedAt: number;
}
export declare class InstanceCache {
    #private;
    constructor(capacity: number);
    get size(): number;
    /** The hint handed to the provider during fetch. */
    hint(instanceId: string): CachedHistoryHint | undefined;
    /** Removes and returns the entry (a turn owns it while it runs). */
    take(instanceId: string): CachedInstance | undefined;
    put(instanceId: string, entry: CachedInstance): void;
    delete(instanceId: string): void;
    clear(): void;
}
