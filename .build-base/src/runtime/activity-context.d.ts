/**
 * `ActivityContext`: what an activity receives.
 * @module
 */
import { Client } from '../client/client.js';
import type { Provider } from '../providers/provider.js';
import type { Logger } from './logger.js';
export interface ActivityContextInit {
    readonly instanceId: string;
    readonly executionId: number;
    readonly orchestrationName: string;
    readonly orchestrationVersion: string;
    readonly activityName: string;
    readonly activityId: number;
    readonly workerId: string;
    readonly sessionId: string | undefined;
    readonly tag: string | undefined;
    readonly signal: AbortSignal;
    readonly provider: Provider;
    readonly logger: Logger;
}
export declare class ActivityContext {
    #private;
    readonly instanceId: string;
    readonly executionId: number;
    readonly orchestrationName: string;
    readonly orchestrationVersion: string;
    readonly activityName: string;
    /** Identity of the worker slot running this activity. */
    readonly workerId: string;
    /** The session this activity was routed by; null for an activity scheduled without one. */
    readonly sessionId: string | null;
    /**
     * Aborted when the activity is cancelled (its orchestration ended or dropped it, or its lock
     * was lost). Pass it to `fetch` and friends; the result of a cancelled activity is discarded.
     */
    readonly signal: AbortSignal;
    /** @internal Created by the worker dispatcher. */
    constructor(init: ActivityContextInit);
    /** The routing tag of this activity, or null. */
    tag(): string | null;
    isCancelled(): boolean;
    /** A client on the same storage, e.g. to start orchestrations from an activity. */
    getClient(): Client;
    traceInfo(message: string): void;
    traceWarn(message: string): void;
    traceError(message: string): void;
    traceDebug(message: string): void;
}
