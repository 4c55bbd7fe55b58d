import type { Provider } from '../providers/provider.js';
import type { FleetView } from './fleet-view.js';
/** What a start does when the instance id already exists (or a start for it is queued). */
type IfExists = 'ignore' | 'error';
export interface StartRequest {
    readonly version: string | undefined;
    readonly pinVersion: boolean;
    readonly ifExists: IfExists;
}
/** Checks the options bag of a start; `allowed` are the option names this method takes. */
export declare function parseStartOptions(options: unknown, allowed: readonly string[]): StartRequest;
/**
 * Enqueues the start unless the id exists. A second start of an existing id is dropped (the
 * instance keeps its first input and history), or refused with `InstanceAlreadyExistsError`
 * under `ifExists: 'error'`.
 */
export declare function startInstance(provider: Provider, fleet: FleetView, instanceId: string, name: string, input: unknown, request: StartRequest, maxPayloadBytes: number): Promise<void>;
export {};
