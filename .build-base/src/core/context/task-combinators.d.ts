import { DurableTask } from '../replay/durable-task.js';
/**
 * Result element of `OrchestrationContext.all`: the value, or the failure's message as a string
 * (as duroxide-node gives it), so an `all` result can be returned as an orchestration output.
 */
export type AllResult<T> = {
    readonly ok: T;
    readonly err?: undefined;
} | {
    readonly ok?: undefined;
    readonly err: string;
};
/** duroxide-node's name for {@link AllResult}. */
export type JoinResult<T = unknown> = AllResult<T>;
/** Result of `OrchestrationContext.race`. */
export interface RaceResult<T> {
    readonly index: number;
    readonly value: T;
}
/** The value a durable task resolves with. */
export type TaskValue<T> = T extends DurableTask<infer V> ? V : never;
/** What the combinators need from the engine: composites are tracked, race losers dropped. @internal */
export interface CombinatorHost {
    track(task: DurableTask<unknown>): void;
    drop(task: DurableTask<unknown>): void;
}
/** Waits for every task; resolves with `{ ok } | { err }` per task, in argument order. Never fails. */
export declare function allOf<T extends readonly DurableTask<unknown>[]>(host: CombinatorHost, tasks: T, mapValue?: (value: unknown) => unknown): DurableTask<{
    [K in keyof T]: AllResult<TaskValue<T[K]>>;
}>;
/**
 * Settles like the first task to settle, in history order (`{ index, value }`, or its error);
 * the other tasks are dropped, which cancels them where possible.
 */
export declare function raceOf<T extends readonly DurableTask<unknown>[]>(host: CombinatorHost, tasks: T, mapValue?: (value: unknown) => unknown): DurableTask<RaceResult<TaskValue<T[number]>>>;
