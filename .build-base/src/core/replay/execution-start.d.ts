/**
 * `ExecutionStart`: how a new execution starts, and how the engine finds (or, for a new
 * execution, appends) the execution's `OrchestrationStarted` event.
 * @module
 */
import type { EventOfType, ParentLink } from '../history/history-event.js';
import type { ExecutionHistory } from './execution-history.js';
/** How a new execution starts: from a start item or a continue-as-new item. */
export interface ExecutionStart {
    readonly name: string;
    readonly version: string;
    readonly input: string;
    readonly parent?: ParentLink | undefined;
    readonly carryForwardEvents?: ReadonlyArray<readonly [string, string]> | undefined;
    readonly initialCustomStatus?: string | undefined;
}
/** The execution's `OrchestrationStarted` event; `corruption` says why history is unusable. */
export interface StartedEvent {
    readonly started: EventOfType<'OrchestrationStarted'>;
    readonly corruption?: string | undefined;
}
/**
 * The first event held, or — for an empty history — one appended from `start`. A history that
 * begins with anything else is corrupted: a stand-in event is returned with the reason, so the
 * first turn fails with a clear message.
 */
export declare function openStartedEvent(history: ExecutionHistory, start: ExecutionStart | undefined, instanceId: string, executionId: number, duroxideVersion: string): StartedEvent;
