/**
 * The SQLite provider's group commit of hot-path writes.
 * @module
 */
import type Database from 'better-sqlite3';
import { ProviderError } from '../../core/errors/duroxide-error.js';
import { toProviderError } from './to-provider-error.js';

type Outcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: Error };

interface PendingWrite {
  readonly operation: string;
  readonly run: () => unknown;
  readonly settle: (outcome: Outcome) => void;
}

/** An operation of the optimistic pass threw: the pass is rolled back and retried isolated. */
class OperationFailed extends Error {
  constructor(readonly error: unknown) {
    super('an operation of the group commit failed');
  }
}

/**
 * Operations issued in the same event-loop turn (by the dispatcher slots of this process, and
 * clients) run in ONE `BEGIN IMMEDIATE` transaction at the next macrotask. Every promise settles
 * only after that transaction has committed, so nothing is acknowledged before it is on disk;
 * `afterCommit` (signals) runs after the commit. One commit per batch instead of one per
 * operation is what makes many in-flight instances cheap (docs/performance.md).
 *
 * A failing operation rolls back only itself. The batch first runs without savepoints (the
 * operations' own transactions run bare inside it, statements/own-transaction.ts); if an
 * operation throws, that pass is rolled back and the batch runs again with each operation in
 * its own savepoint, so the others commit and the failing one reports its error. Failures are
 * rare (a lost lock, an invalid ack), so nearly every batch saves two statements per operation.
 */
export class GroupCommit {
  readonly #pending: PendingWrite[] = [];
  readonly #optimistic: Database.Transaction<
    (batch: readonly PendingWrite[], outcomes: Outcome[]) => void
  >;
  readonly #isolated: Database.Transaction<
    (batch: readonly PendingWrite[], outcomes: Outcome[]) => void
  >;
  readonly #isClosed: () => boolean;

  constructor(db: Database.Database, isClosed: () => boolean) {
    this.#isClosed = isClosed;
    this.#optimistic = db.transaction((batch: readonly PendingWrite[], outcomes: Outcome[]) => {
      for (const op of batch) {
        let value: unknown;
        try {
          value = op.run();
        } catch (error) {
          throw new OperationFailed(error);
        }
        outcomes.push({ ok: true, value });
      }
    });
    const savepoint = db.transaction((op: PendingWrite) => op.run());
    this.#isolated = db.transaction((batch: readonly PendingWrite[], outcomes: Outcome[]) => {
      for (const op of batch) {
        try {
          outcomes.push({ ok: true, value: savepoint(op) });
        } catch (error) {
          outcomes.push({ ok: false, error: toProviderError(op.operation, error) });
        }
      }
    });
  }

  /** Queues `fn` for the next batch; resolves with its result once the batch has committed. */
  write<T>(operation: string, fn: () => T, afterCommit?: (result: T) => void): Promise<T> {
    if (this.#isClosed()) return Promise.reject(closedError(operation));
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({
        operation,
        run: fn,
        settle: (outcome) => {
          if (!outcome.ok) {
            reject(outcome.error);
            return;
          }
          afterCommit?.(outcome.value as T);
          resolve(outcome.value as T);
        },
      });
      if (this.#pending.length === 1) setImmediate(() => this.flush());
    });
  }

  /** Commits the queued operations now (the scheduled batch, or on close). */
  flush(): void {
    const batch = this.#pending.splice(0);
    if (batch.length === 0) return;
    if (this.#isClosed()) {
      for (const op of batch) op.settle({ ok: false, error: closedError(op.operation) });
      return;
    }
    const outcomes: Outcome[] = [];
    try {
      this.#optimistic.immediate(batch, outcomes);
    } catch (error) {
      outcomes.length = 0;
      if (error instanceof OperationFailed && batch.length === 1) {
        // Alone in the batch: the rolled-back transaction was its savepoint.
        outcomes.push({ ok: false, error: toProviderError(batch[0]!.operation, error.error) });
      } else if (error instanceof OperationFailed) {
        try {
          this.#isolated.immediate(batch, outcomes);
        } catch (again) {
          this.#failAll(batch, again);
          return;
        }
      } else {
        // The transaction itself failed (busy past the timeout, disk error): nothing committed.
        this.#failAll(batch, error);
        return;
      }
    }
    batch.forEach((op, i) => op.settle(outcomes[i]!));
  }

  #failAll(batch: readonly PendingWrite[], error: unknown): void {
    for (const op of batch) op.settle({ ok: false, error: toProviderError(op.operation, error) });
  }
}

function closedError(operation: string): ProviderError {
  return new ProviderError(operation, 'the SQLite provider is closed; open a new one', false);
}
