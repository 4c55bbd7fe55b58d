/**
 * Batched fetch: the hot-path first-candidate fetches issued through one `Queryable` in the same
 * event-loop turn take their instances with ONE statement (fetch-candidates.ts), each caller
 * getting a distinct instance (ADR 0018).
 * @module
 */
import type { Queryable } from '../database.js';
import { type CandidateRow, firstCandidatesSql, SCAN_ROWS_PER_CALLER } from './fetch-candidates.js';
import { firstCandidateSql, type FirstCandidateRow } from './fetch-first-candidate.js';
import type { StatementContext } from './statement-context.js';
import { tickBatcher } from './tick-batcher.js';

/** What one caller asks: the first candidate statement's parameters. */
interface CandidateRequest {
  readonly now: number;
  readonly lockTimeoutMs: number;
  readonly token: string;
  readonly excluded: readonly string[];
  readonly maxHistoryFormat: number | null;
  readonly maxItemBytes: number | null;
}

/**
 * Takes the first candidate for one caller, batched with the other callers of the same
 * event-loop turn: resolves to what `firstCandidateSql` would have returned for it alone (the
 * batch row of its instance, locked with its token), or `undefined` for nothing found.
 */
export type FirstCandidate = (db: Queryable, request: CandidateRequest) => Promise<Candidate>;

/** A caller's first candidate; 'busy' alone: none of its own, but the function may find one. */
type Candidate = FirstCandidateRow | { readonly outcome: 'busy' } | undefined;

/** Callers can share one statement when everything but their token and clock agrees. */
function groupKey(r: CandidateRequest): string {
  return JSON.stringify([
    r.lockTimeoutMs,
    [...r.excluded].sort(),
    r.maxHistoryFormat,
    r.maxItemBytes,
  ]);
}

/**
 * The batcher: requests through one `Queryable` in the same event-loop turn are sent together
 * at the next macrotask (the shared turn window, tick-batcher.ts), one statement per
 * group of compatible requests (same exclusion list, history format, size limit and lock
 * timeout). One alone runs the single first-candidate statement, unchanged. In a batch, caller
 * `k` (in call order) gets the `k`-th candidate instance; callers left without one get
 * 'none' when the scan saw every free row, and 'busy' (so the function looks further) when it
 * stopped at its row limit. The batch's clock is its latest caller's. When a batch fails as a
 * whole, each of its requests runs again alone, so one caller's failure is never another's.
 */
export function firstCandidateBatcher(
  ctx: StatementContext,
  lockKeyPrefix: string,
): FirstCandidate {
  const singleSql = firstCandidateSql(ctx);
  const manySql = firstCandidatesSql(ctx);
  return tickBatcher<CandidateRequest, Candidate>({
    groupKey,
    one: async (db, r) => {
      const result = await db.query<FirstCandidateRow>(
        singleSql,
        [
          r.now,
          r.now + r.lockTimeoutMs,
          r.token,
          r.excluded,
          lockKeyPrefix,
          r.maxHistoryFormat,
          r.maxItemBytes,
        ],
        true,
      );
      const row = result.rows[0];
      return row === undefined || row.outcome === 'none' ? undefined : row;
    },
    many: async (db, batch) => {
      const first = batch[0]!;
      const now = Math.max(...batch.map((r) => r.now));
      const result = await db.query<CandidateRow>(
        manySql,
        [
          now,
          now + first.lockTimeoutMs,
          batch.map((r) => r.token),
          first.excluded,
          lockKeyPrefix,
          first.maxHistoryFormat,
          first.maxItemBytes,
          batch.length,
          batch.length * SCAN_ROWS_PER_CALLER,
        ],
        true,
      );
      const full = result.rows.some((row) => row.scan_full);
      return batch.map((_, i): Candidate => {
        const row = result.rows.find((r) => r.k === i + 1);
        if (row !== undefined) return row;
        return full ? { outcome: 'busy' } : undefined;
      });
    },
  });
}
