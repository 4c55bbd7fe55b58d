/**
 * `DurableTask<T>`: what every scheduling call on the orchestration context returns. It is a
 * thenable (so `await` works) and also the value a generator orchestration yields.
 *
 * A task is settled only by the replay engine, never by real I/O: the engine delivers one
 * recorded completion at a time, in history order, and lets the orchestration code run to its
 * next suspension before delivering the next one (docs/decisions/0001-async-engine-emit-on-call.md).
 * @module
 */
import { InvalidInputError } from '../errors/duroxide-error.js';
import { requireTag } from '../validation/arguments.js';

/** What a task stands for; used for cancellation bookkeeping and error messages. */
export type TaskKind =
  | 'activity'
  | 'timer'
  | 'external'
  | 'queue'
  | 'subOrchestration'
  | 'detached'
  | 'system'
  | 'continueAsNew'
  | 'all'
  | 'race'
  | 'retry';

export type Settlement<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

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

/**
 * Settles `task` (a second settlement is ignored; returns true if it settled now). Only the
 * replay engine and the context's composites settle tasks: this function is not exported from
 * the package, and a task has no method that settles it, so orchestration code cannot complete
 * a timer or an activity that did not happen. Assigned once, by DurableTask's static block
 * (which can reach the private `#settle`).
 */
export let settleTask: <T>(task: DurableTask<T>, settlement: Settlement<T>) => boolean;

export class DurableTask<T> implements PromiseLike<T> {
  readonly #promise: Promise<T>;
  // Stored as `unknown` so DurableTask<T> stays covariant in T (a DurableTask<void> is a DurableTask<unknown>).
  #resolve!: (value: unknown) => void;
  #reject!: (error: unknown) => void;
  #settlement: Settlement<T> | undefined;
  #listeners: SettleListener[] | undefined;
  #onTag: ((tag: string) => void) | undefined;
  #tag: string | undefined;
  #mapValue: ((value: unknown) => unknown) | undefined;
  /** @internal */
  readonly internals: TaskInternals;

  /** @internal Tasks are created by the orchestration context, never by user code. */
  constructor(kind: TaskKind, children: readonly DurableTask<unknown>[] = []) {
    this.#promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve as (value: unknown) => void;
      this.#reject = reject;
    });
    // A failed task nobody awaits must not surface as an unhandled rejection.
    this.#promise.catch(() => undefined);
    this.internals = {
      kind,
      scheduleEventId: undefined,
      observed: false,
      dropped: false,
      children,
    };
  }

  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.internals.observed = true;
    return this.#promise.then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    this.internals.observed = true;
    return this.#promise.finally(onfinally);
  }

  /**
   * Generator style: `const value = yield* task` gives the task's value with its type (a bare
   * `yield task` gives `unknown`).
   */
  *[Symbol.iterator](): Generator<DurableTask<T>, T, unknown> {
    return (yield this) as T;
  }

  /**
   * Routes an activity to workers whose tag filter accepts `tag`. Call it right
   * away, in the same synchronous step as the scheduling call.
   */
  withTag(tag: string): this {
    if (this.#onTag === undefined) {
      throw new InvalidInputError(
        `withTag() applies to activity tasks only, not to a ${this.internals.kind} task`,
      );
    }
    // The byte limit is the runtime's configured one, checked by the engine.
    const checked = requireTag(tag, 'tag', Number.POSITIVE_INFINITY);
    this.#onTag(checked);
    this.#tag = checked;
    return this;
  }

  /** The routing tag set by {@link withTag}; undefined for an untagged task. */
  get tag(): string | undefined {
    return this.#tag;
  }

  /** @internal */
  get isSettled(): boolean {
    return this.#settlement !== undefined;
  }

  /** @internal */
  get settlement(): Settlement<T> | undefined {
    return this.#settlement;
  }

  /** @internal */
  setTagHandler(handler: (tag: string) => void): void {
    this.#onTag = handler;
  }

  /**
   * @internal Transforms the value this task resolves with (the `*Typed` methods parse JSON
   * text results); set right after creation, before anything can settle the task.
   */
  mapValue(map: (value: unknown) => unknown): this {
    this.#mapValue = map;
    return this;
  }

  static {
    settleTask = (task, settlement) => task.#settle(settlement);
  }

  /** Settles the task; a second settlement is ignored. Returns true if it settled now. */
  #settle(settlement: Settlement<T>): boolean {
    if (this.#settlement !== undefined || this.internals.dropped) return false;
    if (settlement.ok && this.#mapValue !== undefined)
      settlement = { ok: true, value: this.#mapValue(settlement.value) as T };
    this.#settlement = settlement;
    if (settlement.ok) this.#resolve(settlement.value);
    else this.#reject(settlement.error);
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (listeners !== undefined) for (const l of listeners) l();
    return true;
  }

  /** @internal Composites listen for their children settling. */
  onSettle(listener: SettleListener): void {
    if (this.#settlement !== undefined) {
      listener();
      return;
    }
    (this.#listeners ??= []).push(listener);
  }

  /** @internal Whether settling this task can make orchestration code run. */
  get hasWaiters(): boolean {
    return this.internals.observed || (this.#listeners !== undefined && this.#listeners.length > 0);
  }
}

/** duroxide-node's name for a task a scheduling call returns (what a generator yields). */
export type ScheduledTask = DurableTask<unknown>;

/** True for values that `await` would unwrap. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
