import type { HistoryEvent } from '../core/history/history-event.js';
import { ReplayEngine, type ExecutionStart, type KvEntry } from '../core/replay/replay-engine.js';
import type { OrchestrationHandler } from '../core/replay/orchestration-handler.js';
import type { Logger } from './logger.js';
import type { ResolvedRuntimeOptions } from './options.js';
import type { OrchestrationRegistry } from './registry.js';
/** Lets every pending microtask run: the engine's pause between two deliveries. */
export declare const drainMicrotasks: () => Promise<void>;
/** What a runtime builds every engine with. */
export interface EngineEnvironment {
    readonly registry: OrchestrationRegistry;
    readonly options: Pick<ResolvedRuntimeOptions, 'limits'>;
    readonly logger: Logger;
}
/** One execution to run or replay. */
export interface EngineRequest {
    readonly instanceId: string;
    readonly executionId: number;
    /** Stored history of the execution; empty for a new one (then `start` is given). */
    readonly history: readonly HistoryEvent[];
    /** A new execution: its input is checked against the version's input schema first. */
    readonly start?: ExecutionStart | undefined;
    readonly handler: OrchestrationHandler;
    /** KV values merged at the end of earlier executions (the provider's snapshot). */
    readonly kvSnapshot?: ReadonlyMap<string, KvEntry> | undefined;
    /** No trace output: the replay check must not log as if the code ran for real. */
    readonly quiet?: boolean | undefined;
}
export declare function createReplayEngine(env: EngineEnvironment, request: EngineRequest): Promise<ReplayEngine>;
