/** What a task stands for; used for cancellation bookkeeping and error messages. */
export type TaskKind = 'activity' | 'timer' | 'external' | 'queue' | 'subOrchestration' | 'detached' | 'system' | 'continueAsNew' | 'all' | 'race' | 'retry';
type Settlement<T> = {
    readonly ok: true;
    readonly value: T;
} | {
    readonly ok: false;
    readonly error: unknown;
};
type SettleListener = () => void;
/** Internal hooks a task exposes to the engine; not part of the public surface. */
export interface TaskInternals {
    readonly kind: TaskKind;
    /** Event id of the scheduling event this task is bound to (composites: none). */
    scheduleEventId: number | undefined;
    /** Code may be waiting for it: `then` was called or a composite includes it. */
    observed: boolean;
    /** Discarded before settling (race loser, or pending when the orchestration ended). */
    dropped: boolean;
    readonly children: readonly DurableTask<unknown>[];
}
export declare class DurableTask<T> implements PromiseLike<T> {
    #private;
    /** @internal */
    readonly internals: TaskInternals;
    /** @internal Tasks are created by the orchestration context, never by user code. */
    constructor(kind: TaskKind, children?: readonly DurableTask<unknown>[]);
    then<R1 = T, R2 = never>(onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null, onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2>;
    catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R>;
    finally(onfinally?: (() => void) | null): Promise<T>;
    /**
     * Routes an activity to workers whose tag filter accepts `tag`. Call it right
     * away, in the same synchronous step as the scheduling call.
     */
    withTag(tag: string): this;
    /** The routing tag set by {@link withTag}; undefined for an untagged task. */
    get tag(): string | undefined;
    /** @internal */
    get isSettled(): boolean;
    /** @internal */
    get settlement(): Settlement<T> | undefined;
    /** @internal */
    setTagHandler(handler: (tag: string) => void): void;
    /**
     * @internal Transforms the value this task resolves with (the `*Typed` methods parse JSON
     * text results); set right after creation, before anything can settle the task.
     */
    mapValue(map: (value: unknown) => unknown): this;
    /** @internal Settles the task; a second settlement is ignored. Returns true if it settled now. */
    settle(settlement: Settlement<T>): boolean;
    /** @internal Composites listen for their children settling. */
    onSettle(listener: SettleListener): void;
    /** @internal Whether settling this task can make orchestration code run. */
    get hasWaiters(): boolean;
}
/** duroxide-node's name for a task a scheduling call returns (what a generator yields). */
export type ScheduledTask = DurableTask<unknown>;
/** True for values that `await` would unwrap. */
export declare function isThenable(value: unknown): value is PromiseLike<unknown>;
export {};
