/**
 * Replay check before deploy: replays the stored history of every non-terminal instance
 * against the code registered in this process and reports, per instance, whether it replays
 * cleanly or where it diverges. Reads only; stored state is never changed.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { InvalidInputError } from '../core/errors/duroxide-error.js';
import { ReplayEngine } from '../core/replay/replay-engine.js';
import { DUROXIDE_VERSION } from '../core/version.js';
import type { Provider } from '../providers/provider.js';
import { drainMicrotasks } from './orchestration-dispatcher.js';
import type { OrchestrationRegistry } from './registry.js';

export interface ReplayCheckOptions {
  /** Instances to check; default: every instance whose current execution is running. */
  readonly instanceIds?: readonly string[];
  /** Most instances to check when `instanceIds` is not given. Default 1,000. */
  readonly limit?: number;
}

/**
 * - `ok`: the current execution replays cleanly on this code.
 * - `diverged`: the code no longer matches the history (deploying it would fail the instance).
 * - `unregistered`: this process has no code for the execution's name@version.
 * - `skipped`: nothing to replay (the instance finished, or is between two executions).
 * - `error`: the check itself could not run (missing instance, unreadable history, the code
 *   awaited something that is not a durable task).
 */
export type ReplayCheckOutcome = 'ok' | 'diverged' | 'unregistered' | 'skipped' | 'error';

export interface ReplayCheckResult {
  readonly instanceId: string;
  readonly executionId?: number;
  readonly orchestrationName?: string;
  readonly orchestrationVersion?: string;
  readonly outcome: ReplayCheckOutcome;
  /** "replays cleanly", or "diverges at event 7: history has activity 'A', code did timer". */
  readonly message: string;
  readonly eventId?: number;
  /** What history recorded at `eventId`. */
  readonly expected?: string;
  /** What the code did there. */
  readonly actual?: string;
}

export interface ReplayCheckReport {
  readonly checked: number;
  readonly ok: number;
  readonly diverged: number;
  readonly unregistered: number;
  readonly skipped: number;
  readonly errors: number;
  readonly results: readonly ReplayCheckResult[];
}

export async function checkReplay(
  provider: Provider,
  registry: OrchestrationRegistry,
  options: ReplayCheckOptions = {},
): Promise<ReplayCheckReport> {
  const limit = options.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1) throw new InvalidInputError(`limit must be a positive integer, got ${String(limit)}`);
  let ids: readonly string[];
  if (options.instanceIds !== undefined) {
    if (!Array.isArray(options.instanceIds) || !options.instanceIds.every((i) => typeof i === 'string' && i.length > 0)) {
      throw new InvalidInputError('instanceIds must be an array of non-empty strings');
    }
    ids = options.instanceIds;
  } else {
    ids = (await provider.listInstancesByStatus('Running')).slice(0, limit);
  }
  const results: ReplayCheckResult[] = [];
  for (const id of ids) results.push(await checkOne(provider, registry, id));
  const count = (o: ReplayCheckOutcome): number => results.filter((r) => r.outcome === o).length;
  return {
    checked: results.length,
    ok: count('ok'),
    diverged: count('diverged'),
    unregistered: count('unregistered'),
    skipped: count('skipped'),
    errors: count('error'),
    results,
  };
}

async function checkOne(provider: Provider, registry: OrchestrationRegistry, instanceId: string): Promise<ReplayCheckResult> {
  const info = await provider.getInstance(instanceId);
  if (info === null) return { instanceId, outcome: 'error', message: `instance '${instanceId}' not found` };
  const executionId = info.currentExecutionId;
  if (info.status !== 'Running') {
    const next = info.status === 'ContinuedAsNew' ? `; its next execution starts on ${info.orchestrationName}@${registry.resolveVersion(info.orchestrationName) ?? '(none registered here)'}` : '';
    return { instanceId, executionId, orchestrationName: info.orchestrationName, outcome: 'skipped', message: `instance is ${info.status}: nothing to replay${next}` };
  }
  let history;
  try {
    history = await provider.readHistory(instanceId, executionId);
  } catch (e) {
    return { instanceId, executionId, outcome: 'error', message: `history could not be read: ${(e as Error).message}` };
  }
  const first = history[0];
  if (first?.type !== 'OrchestrationStarted') {
    return { instanceId, executionId, outcome: 'error', message: 'history does not start with OrchestrationStarted' };
  }
  const base = { instanceId, executionId, orchestrationName: first.name, orchestrationVersion: first.version };
  const handler = registry.get(first.name, first.version);
  if (handler === undefined) {
    return {
      ...base,
      outcome: 'unregistered',
      message: `no code registered here for ${first.name}@${first.version}; keep that version registered until its executions finish`,
    };
  }
  const engine = new ReplayEngine({
    instanceId,
    executionId,
    history,
    handler,
    clock: Date.now,
    newGuid: randomUUID,
    drain: drainMicrotasks,
    duroxideVersion: DUROXIDE_VERSION,
  });
  const result = await engine.runTurn([]);
  const error = result.error;
  if (error === undefined || error.category === 'application') return { ...base, outcome: 'ok', message: 'replays cleanly' };
  if (error.kind === 'Nondeterminism' && error.details !== undefined) {
    const d = error.details;
    return {
      ...base,
      outcome: 'diverged',
      message: `diverges at event ${String(d['eventId'])}: history has ${String(d['expected'])}, code did ${String(d['actual'])}`,
      eventId: Number(d['eventId']),
      expected: String(d['expected']),
      actual: String(d['actual']),
    };
  }
  return { ...base, outcome: error.kind === 'Nondeterminism' ? 'diverged' : 'error', message: error.message };
}
