import type { Provider } from '../providers/provider.js';
import type { EnsureOrchestrationOptions, EnsureOrchestrationResult, OrchestrationStatus } from './types.js';
/** What ensure needs from the Client. */
export interface EnsureHost {
    readonly provider: Provider;
    getStatus(instanceId: string): Promise<OrchestrationStatus>;
    deleteInstance(instanceId: string, force: boolean): Promise<unknown>;
    startOrchestration(instanceId: string, name: string, input: unknown): Promise<void>;
    startOrchestrationVersioned(instanceId: string, name: string, input: unknown, version: string): Promise<void>;
    /** Polls `check` (woken by the instance's commit signals) until it returns a value, else TimeoutError(message). */
    waitUntil(instanceId: string, timeoutMs: number, check: () => Promise<true | undefined>, message: string): Promise<true>;
}
export declare function ensureOrchestration(host: EnsureHost, instanceId: string, orchestrationName: string, input: unknown, options: EnsureOrchestrationOptions | undefined): Promise<EnsureOrchestrationResult>;
