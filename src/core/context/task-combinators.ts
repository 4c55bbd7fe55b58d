/**
 * `ctx.all` and `ctx.race`: composite durable tasks over tasks the context returned. They settle
 * from their children's settlements, which the replay engine delivers one at a time in history
 * order, so the winner of a race and the order of results replay identically
 * (docs/architecture.md).
 * @module
 */
import { InvalidInputError } from '../errors/duroxide-error.js';
import { DurableTask, settleTask } from '../replay/durable-task.js';

/**
 * Result element of `OrchestrationContext.all`: the value, or the failure's message as a string
 * (as duroxide-node gives it), so an `all` result can be returned as an orchestration output.
 */
export type AllResult<T> =
  { readonly ok: T; readonly err?: undefined } | { readonly ok?: undefined; readonly err: string };

/** duroxide-node's name for {@link AllResult}. */
export type JoinResult<T = unknown> = AllResult<T>;

/** Result of `OrchestrationContext.race`. */
export interface RaceResult<T> {
  readonly index: number;
  readonly value: T;
}

/** The value a durable task resolves with. */
export type TaskValue<T> = T extends DurableTask<infer V> ? V : never;

/** What the combinators need from the engine: composites are tracked, race losers dropped. (Not part of the public API.) */
export interface CombinatorHost {
  track(task: DurableTask<unknown>): void;
  drop(task: DurableTask<unknown>): void;
}

function requireTasks(tasks: unknown, what: string): DurableTask<unknown>[] {
  if (!Array.isArray(tasks)) throw new InvalidInputError(`${what}() takes an array of tasks`);
  return tasks.map((t: unknown, i) => {
    if (!(t instanceof DurableTask)) {
      throw new InvalidInputError(`${what}(): element ${i} is not a task returned by ctx`);
    }
    return t as DurableTask<unknown>;
  });
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === 'string' ? e : (JSON.stringify(e) ?? String(e));
}

/** Waits for every task; resolves with `{ ok } | { err }` per task, in argument order. Never fails. */
export function allOf<T extends readonly DurableTask<unknown>[]>(
  host: CombinatorHost,
  tasks: T,
  mapValue?: (value: unknown) => unknown,
): DurableTask<{ [K in keyof T]: AllResult<TaskValue<T[K]>> }> {
  const list = requireTasks(tasks, 'all');
  const composite = new DurableTask<{ [K in keyof T]: AllResult<TaskValue<T[K]>> }>('all', list);
  // Before any listener: settled children settle the composite at once.
  if (mapValue !== undefined) composite.mapValue(mapValue);
  host.track(composite);
  let remaining = list.length;
  const finish = (): void => {
    const results = list.map((t) => {
      const s = t.settlement!;
      return s.ok ? { ok: s.value } : { err: errorText(s.error) };
    });
    settleTask(composite, {
      ok: true,
      value: results as { [K in keyof T]: AllResult<TaskValue<T[K]>> },
    });
  };
  if (remaining === 0) finish();
  for (const t of list) {
    t.onSettle(() => {
      if (--remaining === 0) finish();
    });
  }
  return composite;
}

/**
 * Settles like the first task to settle, in history order (`{ index, value }`, or its error);
 * the other tasks are dropped, which cancels them where possible.
 */
export function raceOf<T extends readonly DurableTask<unknown>[]>(
  host: CombinatorHost,
  tasks: T,
  mapValue?: (value: unknown) => unknown,
): DurableTask<RaceResult<TaskValue<T[number]>>> {
  const list = requireTasks(tasks, 'race');
  if (list.length === 0) throw new InvalidInputError('race() needs at least one task');
  const composite = new DurableTask<RaceResult<TaskValue<T[number]>>>('race', list);
  if (mapValue !== undefined) composite.mapValue(mapValue);
  host.track(composite);
  list.forEach((t, index) => {
    t.onSettle(() => {
      if (composite.isSettled || composite.internals.dropped) return;
      const s = t.settlement!;
      settleTask(
        composite,
        s.ok
          ? { ok: true, value: { index, value: s.value as TaskValue<T[number]> } }
          : { ok: false, error: s.error },
      );
      for (const loser of list) if (loser !== t) host.drop(loser);
    });
  });
  return composite;
}
