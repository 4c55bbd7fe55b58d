/**
 * The group-commit window shared by the batched statements: calls issued through one
 * `Queryable` in the same event-loop turn are sent together at the next macrotask.
 * @module
 */
import type { Queryable } from '../database.js';

/** How one batcher commits: one call alone, several together (one result per input, in order). */
export interface TickBatch<I, R> {
  readonly one: (db: Queryable, input: I) => Promise<R>;
  readonly many: (db: Queryable, inputs: readonly I[]) => Promise<readonly R[]>;
  /** Most inputs per `many` call (default: no limit); a larger turn goes as several calls. */
  readonly maxPerCall?: number;
  /**
   * Whether the inputs of a failed `many` run again alone (default: always). Answer false when
   * the failure may have committed the batch (a lost connection): each input then gets the
   * error, as it would alone.
   */
  readonly rerunAlone?: (error: unknown) => boolean;
  /** Inputs may share a `many` call only when their keys are equal (default: all may). */
  readonly groupKey?: (input: I) => string;
}

interface Pending<I, R> {
  readonly input: I;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Calls issued through one `Queryable` in the same event-loop turn are collected and sent at
 * the next macrotask (the window: no timer, no added wait beyond that turn). One alone runs
 * `one`; several run `many` (in chunks of `maxPerCall`). When `many` fails as a whole (a
 * duplicate key rolls back the statement, a lost connection), each of its inputs runs again
 * alone through `one`, so one input's failure is never another's — unless `rerunAlone` says
 * the failure may have committed.
 */
export function tickBatcher<I, R>(batch: TickBatch<I, R>): (db: Queryable, input: I) => Promise<R> {
  const queues = new Map<Queryable, Pending<I, R>[]>();

  const runAlone = (db: Queryable, p: Pending<I, R>): void => {
    batch.one(db, p.input).then(p.resolve, p.reject);
  };

  const maxPerCall = batch.maxPerCall ?? Number.POSITIVE_INFINITY;
  const rerunAlone = batch.rerunAlone ?? ((): boolean => true);

  const groupKey = batch.groupKey;

  const flush = (db: Queryable): void => {
    const queue = queues.get(db) ?? [];
    queues.delete(db);
    const groups = new Map<string, Pending<I, R>[]>();
    for (const p of queue) {
      const key = groupKey === undefined ? '' : groupKey(p.input);
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [p]);
      else group.push(p);
    }
    for (const group of groups.values()) {
      for (let from = 0; from < group.length; from += maxPerCall) {
        send(db, group.slice(from, from + maxPerCall));
      }
    }
  };

  const send = (db: Queryable, pending: readonly Pending<I, R>[]): void => {
    if (pending.length === 1) {
      runAlone(db, pending[0]!);
      return;
    }
    batch
      .many(
        db,
        pending.map((p) => p.input),
      )
      .then(
        (results) => {
          pending.forEach((p, i) => {
            if (i < results.length) p.resolve(results[i]!);
            else runAlone(db, p);
          });
        },
        (error: unknown) => {
          if (rerunAlone(error)) for (const p of pending) runAlone(db, p);
          else for (const p of pending) p.reject(error);
        },
      );
  };

  return async (db, input) =>
    new Promise<R>((resolve, reject) => {
      let queue = queues.get(db);
      if (queue === undefined) {
        queue = [];
        queues.set(db, queue);
        setImmediate(() => flush(db));
      }
      queue.push({ input, resolve, reject });
    });
}
