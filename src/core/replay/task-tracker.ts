/**
 * `TaskTracker`: the durable tasks of one execution the engine still has to settle, drop or
 * wait for — by schedule event id, the live set the quiescence check reads, and the tasks
 * dropped since the last turn ended.
 * @module
 */
import { settleTask, type DurableTask } from './durable-task.js';

export type Settlement =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** The settlement of a task that completes without a value (timers, chained starts, status). */
export const VOID_SETTLEMENT: Settlement = Object.freeze({ ok: true as const, value: undefined });

/** A fired timer resolves with null, as in duroxide-node (JSON-friendly inside `all`/`race` results). */
export const TIMER_SETTLEMENT: Settlement = Object.freeze({ ok: true as const, value: null });

export class TaskTracker {
  /** Unsettled tasks bound to a scheduling event (settled ones need no more bookkeeping). */
  readonly #bySchedule = new Map<number, DurableTask<unknown>>();
  /** Unsettled, undropped tasks: the quiescence check looks for one the code waits on. */
  readonly #live = new Set<DurableTask<unknown>>();
  /** Tasks dropped since the last turn ended; they get cancellation breadcrumbs. */
  #dropped: DurableTask<unknown>[] = [];

  /** Binds a task to the scheduling event it claimed or appended. */
  bind(eventId: number, task: DurableTask<unknown>): void {
    task.internals.scheduleEventId = eventId;
    this.#bySchedule.set(eventId, task);
    this.#live.add(task);
  }

  /** The unsettled task bound to schedule `eventId`, if any. */
  get(eventId: number): DurableTask<unknown> | undefined {
    return this.#bySchedule.get(eventId);
  }

  /** Settles a task; returns true if that can make orchestration code run. */
  settle(task: DurableTask<unknown>, settlement: Settlement): boolean {
    const waiters = task.hasWaiters;
    if (!settleTask(task, settlement)) return false;
    this.#live.delete(task);
    const id = task.internals.scheduleEventId;
    if (id !== undefined) this.#bySchedule.delete(id);
    return waiters;
  }

  /** A task with no scheduling event (continue-as-new) that the code may wait on. */
  addLive(task: DurableTask<unknown>): void {
    this.#live.add(task);
  }

  /** Composite tasks (all/race) register so the quiescence check sees them. */
  track(task: DurableTask<unknown>): void {
    if (!task.isSettled) {
      this.#live.add(task);
      task.onSettle(() => this.#live.delete(task));
    }
  }

  /** Marks a task (and its children) discarded; its completion will be ignored. */
  drop(task: DurableTask<unknown>): void {
    if (task.isSettled || task.internals.dropped) return;
    task.internals.dropped = true;
    this.#live.delete(task);
    this.#dropped.push(task);
    for (const child of task.internals.children) this.drop(child);
  }

  /** Drops every unsettled scheduled task (the code finished while they were pending). */
  dropAllScheduled(): void {
    for (const task of this.#bySchedule.values()) this.drop(task);
  }

  /** The tasks dropped since the last call, in drop order. */
  takeDropped(): readonly DurableTask<unknown>[] {
    if (this.#dropped.length === 0) return EMPTY;
    const dropped = this.#dropped;
    this.#dropped = [];
    return dropped;
  }

  /** Whether some unsettled task can wake the code when it settles. */
  isAnyAwaited(): boolean {
    for (const task of this.#live) {
      if (task.hasWaiters) return true;
    }
    return false;
  }
}

const EMPTY: readonly DurableTask<unknown>[] = Object.freeze([]);
