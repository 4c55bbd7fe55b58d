/**
 * `replayHistory`: replays an instance's exported history (from production, staging, a bug
 * report) on the orchestration code of this build, in a unit test, without a database: the way to
 * prove a new version still replays the instances already running before deploying it.
 * @module
 */
import { DuroxideError, ERROR_CODES, InvalidInputError } from '../core/errors/duroxide-error.js';
import type { ErrorCode } from '../core/errors/error-codes.js';
import { DEFAULT_LIMITS, type Limits } from '../core/limits.js';
import type { HistoryEvent } from '../core/history/history-event.js';
import type { KvEntry } from '../core/replay/replay-engine.js';
import { Logger } from '../runtime/logger.js';
import { OrchestrationRegistry } from '../runtime/registry.js';
import { replayExecution, type ReplayCheckResult } from '../runtime/replay-check.js';
import { SYSTEM_CLOCK } from '../runtime/runtime-clock.js';
import { importHistory, type ExportedHistory } from './exported-history.js';
import { forEachOrchestration, type OrchestrationSet } from './orchestration-set.js';

export interface ReplayHistoryOptions {
  /**
   * The instance's id, as `ctx.instanceId` returned when the history was recorded. Default: the
   * id the events carry (stored events, sub-orchestration ids), else `'replayed-instance'`.
   */
  readonly instanceId?: string;
  /** Size limits the code ran with (default the runtime's defaults). */
  readonly limits?: Partial<Limits>;
}

/** Every execution replayed, oldest first: each `ok` when `replayHistory` resolves. */
export interface ReplayHistoryReport {
  readonly instanceId: string;
  readonly results: readonly ReplayCheckResult[];
}

/**
 * Thrown by {@link replayHistory} when an execution does not replay: `results` holds the
 * report of every execution, as `runtime.checkReplay` reports them. Its code is
 * `NONDETERMINISM` when the code diverged from history, `VERSION_NOT_REGISTERED` when
 * a recorded name@version is not in the orchestrations given, else `INVALID_INPUT`.
 */
export class ReplayHistoryError extends DuroxideError {
  static override readonly brand: string = 'ReplayHistoryError';
  readonly results: readonly ReplayCheckResult[];
  constructor(code: ErrorCode, message: string, results: readonly ReplayCheckResult[]) {
    super(code, message, { category: 'configuration' });
    this.results = results;
  }
}

/**
 * Replays every execution of an exported history on `orchestrations` and resolves with the
 * report when each replays cleanly.
 *
 * `exported` is what `GET /instances/{id}/export` and `duroxide instances export <id>` write
 * (NDJSON text, or the parsed lines), `env.history(id)` of a test environment, or stored events.
 * A finished execution is replayed up to its end event: the code must make the same calls in
 * the same order; what it returns is not compared.
 * @throws ReplayHistoryError when an execution diverges (the message names the execution, the
 *   event and what each side did), is not registered, or cannot be replayed.
 * @throws InvalidInputError when `exported` is not an exported history.
 * @example
 * // CI: prove this build replays the instances exported from production
 * test('order flow v2 replays v1 histories', async () => {
 *   await replayHistory({ OrderFlow: orderFlow }, readFileSync('fixtures/order-123.ndjson', 'utf8'));
 * });
 */
export async function replayHistory(
  orchestrations: OrchestrationSet,
  exported: ExportedHistory,
  options: ReplayHistoryOptions = {},
): Promise<ReplayHistoryReport> {
  const registry = new OrchestrationRegistry();
  forEachOrchestration(orchestrations, (name, version, handler) =>
    registry.register(name, version, handler),
  );
  if (options.instanceId !== undefined && typeof options.instanceId !== 'string')
    throw new InvalidInputError('replayHistory option instanceId must be a string');
  const { instanceId, executions } = importHistory(exported, options.instanceId);
  const env = {
    registry,
    options: { limits: { ...DEFAULT_LIMITS, ...options.limits }, clock: SYSTEM_CLOCK },
    logger: new Logger('error', 'json', () => undefined),
  };
  const results: ReplayCheckResult[] = [];
  let kv = new Map<string, KvEntry>();
  for (const { executionId, events } of executions) {
    const history = untilEnd(events);
    results.push(await replayExecution(env, { instanceId, executionId, history, kvSnapshot: kv }));
    kv = mergeKv(kv, events);
  }
  const failed = results.filter((r) => r.outcome !== 'ok');
  if (failed.length > 0) {
    const code = failed.some((r) => r.outcome === 'diverged')
      ? ERROR_CODES.NONDETERMINISM
      : failed.some((r) => r.outcome === 'unregistered')
        ? ERROR_CODES.VERSION_NOT_REGISTERED
        : ERROR_CODES.INVALID_INPUT;
    const lines = failed.map(
      (r) =>
        `  execution ${r.executionId ?? '?'} (${r.orchestrationName ?? '?'}@${r.orchestrationVersion ?? '?'}): ${r.outcome}: ${r.message}`,
    );
    throw new ReplayHistoryError(
      code,
      `instance '${instanceId}': ${failed.length} of ${results.length} execution(s) do not replay on this code:\n${lines.join('\n')}\nShip a behaviour change as a new orchestration version and keep the old one registered until its executions finish (docs/versioning.md).`,
      results,
    );
  }
  return { instanceId, results };
}

const END_EVENTS = new Set([
  'OrchestrationCompleted',
  'OrchestrationFailed',
  'OrchestrationContinuedAsNew',
]);

/**
 * The events up to (not including) the execution's end event: a turn never replays an ended
 * execution, so the end is left for the code to reach again.
 */
function untilEnd(events: readonly HistoryEvent[]): HistoryEvent[] {
  const end = events.findIndex((e) => END_EVENTS.has(e.type));
  return end === -1 ? [...events] : events.slice(0, end);
}

/** The KV store after an execution ends: its writes merged over the store it started with. */
function mergeKv(
  kv: ReadonlyMap<string, KvEntry>,
  events: readonly HistoryEvent[],
): Map<string, KvEntry> {
  const next = new Map(kv);
  for (const e of events) {
    if (e.type === 'KeyValueSet')
      next.set(e.key, { value: e.value, lastUpdatedAt: e.lastUpdatedAt });
    else if (e.type === 'KeyValueCleared') next.delete(e.key);
    else if (e.type === 'KeyValuesCleared') next.clear();
  }
  return next;
}
