import type { OrchestrationContext } from '../context/orchestration-context.js';
import type { OrchestrationHandler } from './orchestration-handler.js';
/** Where the code is: still running, returned a value, or threw. */
export type CodeState = {
    readonly done: false;
} | {
    readonly done: true;
    readonly ok: true;
    readonly value: unknown;
} | {
    readonly done: true;
    readonly ok: false;
    readonly error: unknown;
};
export declare class OrchestrationRun {
    #private;
    get isStarted(): boolean;
    get isDone(): boolean;
    get state(): CodeState;
    /**
     * Calls the handler with the decoded input. It runs until its first suspension; later
     * progress happens as the engine settles tasks.
     */
    start(handler: OrchestrationHandler, ctx: OrchestrationContext, inputJson: string): void;
}
