/**
 * Group commit of starts: the `enqueueStartIfAbsent` calls issued through one `Queryable` in
 * the same event-loop turn (a burst of client starts) run as ONE call of the schema's
 * `enqueue_starts_if_absent` function (migration 0007): one round trip and one commit, with the
 * single start's rules for each (its advisory lock, its check, its result). ADR 0019.
 * @module
 */
import type { WorkItemOfType } from '../../../core/history/work-item.js';
import { ConnectionAcquireError } from '../database.js';
import { encodeSignals } from '../notify/signal-payload.js';
import {
  prepareEnqueueStartIfAbsent,
  startLockKey,
  type EnqueueStartIfAbsent,
} from './enqueue-start-if-absent.js';
import type { StatementContext } from './statement-context.js';
import { tickBatcher } from './tick-batcher.js';

/**
 * Most starts per call: each holds one advisory lock until the commit, and advisory locks
 * share the server's lock table (`max_locks_per_transaction` × connections slots). A larger
 * burst goes as several calls.
 */
const MAX_STARTS_PER_CALL = 100;

interface StartInput {
  readonly item: WorkItemOfType<'StartOrchestration'>;
  readonly now: number;
}

/** The batch's parameters could not be built: nothing was sent. */
class BatchNotSent extends Error {}

/**
 * True when a failed call certainly wrote nothing: no connection was had, or the server
 * reported the statement's own error (an error message from the server, with a `severity`
 * and a SQLSTATE: its implicit transaction rolled back). A lost connection (a socket error
 * such as `EPIPE`, which has no severity) or a terminated session (SQLSTATE class 08, 57P)
 * leaves the commit unknown: running the starts again would report a start that did commit as
 * refused.
 */
function wroteNothing(error: unknown): boolean {
  if (error instanceof ConnectionAcquireError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  return (
    typeof severity === 'string' &&
    typeof code === 'string' &&
    /^[0-9A-Z]{5}$/.test(code) &&
    !code.startsWith('08') &&
    !code.startsWith('57P')
  );
}

/**
 * The batcher: starts issued in the same event-loop turn are sent together at the next
 * macrotask (the window: no timer, no wait beyond that turn), up to {@link MAX_STARTS_PER_CALL}
 * per call. One alone calls `enqueue_start_if_absent`. When a batch fails as a whole and wrote
 * nothing (a start the server cannot store, such as an id with a NUL character; a statement
 * timeout), each of its starts runs again alone, so one start's failure is never another's;
 * when its outcome is unknown (the connection was lost), each start gets the error, as a start
 * alone would. The NOTIFY is one per batch (`q` the earliest queued start); the provider still
 * signals each queued start in process.
 */
export function startBatcher(ctx: StatementContext): EnqueueStartIfAbsent {
  const single = prepareEnqueueStartIfAbsent(ctx);
  const sql = `SELECT ${ctx.schema.quoted}.enqueue_starts_if_absent($1, $2, $3, $4, $5, $6) AS visible_at`;
  const parameters = (batch: readonly StartInput[]): unknown[] => {
    try {
      return [
        batch.map((p) => p.item.instance),
        batch.map((p) => JSON.stringify(p.item)),
        batch.map((p) => p.now),
        batch.map((p) => startLockKey(ctx, p.item.instance)),
        ctx.schema.channel,
        encodeSignals(ctx.origin, {}),
      ];
    } catch (error) {
      throw new BatchNotSent('the batch of starts could not be encoded', { cause: error });
    }
  };
  const batched = tickBatcher<StartInput, number | undefined>({
    one: (db, p) => single(db, p.item, p.now),
    many: async (db, batch) => {
      const result = await db.query<{ visible_at: (string | number | null)[] | null }>(
        sql,
        parameters(batch),
        true,
      );
      const at = result.rows[0]?.visible_at ?? [];
      return batch.map((_, i) => {
        const visibleAt = at[i];
        return visibleAt === null || visibleAt === undefined ? undefined : Number(visibleAt);
      });
    },
    maxPerCall: MAX_STARTS_PER_CALL,
    rerunAlone: (error) => error instanceof BatchNotSent || wroteNothing(error),
  });
  return (db, item, now) => batched(db, { item, now });
}
