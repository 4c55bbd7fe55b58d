import type { Provider } from '../providers/provider.js';
import type { Logger } from './logger.js';
import { type ResolvedRuntimeOptions } from './options.js';
export declare class SessionTracker {
    #private;
    constructor(provider: Provider, options: ResolvedRuntimeOptions, logger: Logger);
    /** The session owner of a worker slot: the node id when set, else the slot's own id. */
    ownerFor(slotWorkerId: string): string;
    /** True while another distinct session may start on this runtime. */
    get hasCapacity(): boolean;
    /** Registers an activity of `sessionId`; false when that would exceed the cap. */
    enter(sessionId: string): boolean;
    leave(sessionId: string): void;
    /** True when the provider declares the capability `sessions` (else session work is refused). */
    get isSupported(): boolean;
    start(): void;
    stop(): void;
}
