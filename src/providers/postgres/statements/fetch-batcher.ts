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

interface Pending {
  readonly request: CandidateRequest;
  readonly resolve: (row: Candidate) => void;
  readonly reject: (error: unknown) => void;
}

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
 * at the next macrotask (as the held-step group commit, ack-held-steps.ts), one statement per
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
  const queues = new Map<Queryable, Map<string, Pending[]>>();

  const runAlone = (db: Queryable, p: Pending): void => {
    const r = p.request;
    db.query<FirstCandidateRow>(
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
    ).then((result) => {
      const row = result.rows[0];
      p.resolve(row === undefined || row.outcome === 'none' ? undefined : row);
    }, p.reject);
  };

  const runBatch = (db: Queryable, batch: Pending[]): void => {
    const first = batch[0]!.request;
    const now = Math.max(...batch.map((p) => p.request.now));
    const scanRows = batch.length * SCAN_ROWS_PER_CALLER;
    db.query<CandidateRow>(
      manySql,
      [
        now,
        now + first.lockTimeoutMs,
        batch.map((p) => p.request.token),
        first.excluded,
        lockKeyPrefix,
        first.maxHistoryFormat,
        first.maxItemBytes,
        batch.length,
        scanRows,
      ],
      true,
    ).then(
      (result) => {
        const full = result.rows.some((row) => row.scan_full);
        batch.forEach((p, i) => {
          const row = result.rows.find((r) => r.k === i + 1);
          if (row !== undefined) p.resolve(row);
          else if (full) p.resolve({ outcome: 'busy' });
          else p.resolve(undefined);
        });
      },
      () => {
        for (const p of batch) runAlone(db, p);
      },
    );
  };

  const flush = (db: Queryable): void => {
    const groups = queues.get(db);
    queues.delete(db);
    for (const batch of groups?.values() ?? []) {
      if (batch.length === 1) runAlone(db, batch[0]!);
      else runBatch(db, batch);
    }
  };

  return async (db, request) =>
    new Promise<Candidate>((resolve, reject) => {
      let groups = queues.get(db);
      if (groups === undefined) {
        groups = new Map();
        queues.set(db, groups);
        setImmediate(() => flush(db));
      }
      const key = groupKey(request);
      let batch = groups.get(key);
      if (batch === undefined) {
        batch = [];
        groups.set(key, batch);
      }
      batch.push({ request, resolve, reject });
    });
}
