/**
 * `ExecutionScope`: what every part of the replay engine shares about the execution being
 * replayed — its identity (for messages and error contexts), its first failure, and the
 * engine's own trace output.
 * @module
 */
import type { ErrorDetails } from '../errors/error-details.js';
/** Replay-safe trace output (the context's trace calls are silent while replaying). */
export type TraceLevel = 'debug' | 'info' | 'warn' | 'error';
export type TraceSink = (level: TraceLevel, message: string, fields: Record<string, unknown>) => void;
/** Identifiers of the execution, as put into error contexts and trace fields. */
export type ExecutionIdentity = {
    instanceId: string;
    executionId: number;
    orchestrationName: string;
    orchestrationVersion: string;
};
export declare class ExecutionScope {
    #private;
    readonly instanceId: string;
    readonly executionId: number;
    readonly orchestrationName: string;
    readonly orchestrationVersion: string;
    constructor(instanceId: string, executionId: number, orchestrationName: string, orchestrationVersion: string, sink: TraceSink | undefined);
    /** The first failure of this execution; once set, the code is not run any further. */
    get error(): ErrorDetails | undefined;
    /** Records a failure; the first one wins. */
    fail(details: ErrorDetails): void;
    /** `instance 'x' execution 2 (Name@1.0.0)`, the subject of every engine message. */
    where(): string;
    context(): ExecutionIdentity;
    /** Engine-side trace (also while replaying); no-op without a sink. */
    trace(level: TraceLevel, message: string): void;
}
