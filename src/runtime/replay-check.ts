/**
 * Replay check before deploy: replays the stored history of every non-terminal instance
 * against the code registered in this process and reports, per instance, whether it replays
 * cleanly or where it diverges; and which instances carry an input (state) that the version
 * they would move to at their next continue-as-new rejects. Reads only; stored state is never
 * changed. Engines come from the dispatcher's factory, so a check replays exactly as a turn
 * would (KV snapshot, limits).
 * @module
 */
import { InvalidInputError } from '../core/errors/duroxide-error.js';
import type { HistoryEvent } from '../core/history/history-event.js';
import type { KvEntry, ReplayEngine } from '../core/replay/replay-engine.js';
import { describeIssues, type SchemaIssue } from '../core/schema/standard-schema.js';
import { compareSemVer, parseSemVer } from '../core/versioning/semver.js';
import type { Provider } from '../providers/provider.js';
import { createReplayEngine, type EngineEnvironment } from './engine-factory.js';
import { inputIssues } from './input-gate.js';
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

/**
 * A running instance whose current input (the input of its current execution's
 * `OrchestrationStarted`, i.e. the state it carries) the input schema of the version it would
 * move to at its next continue-as-new rejects: deploying as is would fail it at that
 * continue-as-new with `INPUT_REJECTED`.
 */
export interface ReplayCheckInputRejection {
  readonly instanceId: string;
  readonly executionId: number;
  readonly orchestrationName: string;
  /** Version of the current execution. */
  readonly fromVersion: string;
  /** Version the next continue-as-new would run. */
  readonly toVersion: string;
  readonly issues: readonly SchemaIssue[];
  /** "its input is rejected by Flow@2.0.0's input schema: count: Expected number, received string". */
  readonly message: string;
}

export interface ReplayCheckReport {
  readonly checked: number;
  readonly ok: number;
  readonly diverged: number;
  readonly unregistered: number;
  readonly skipped: number;
  readonly errors: number;
  readonly results: readonly ReplayCheckResult[];
  /** How many instances are in `inputRejections`. */
  readonly inputRejected: number;
  readonly inputRejections: readonly ReplayCheckInputRejection[];
}

/**
 * The version a running execution of `name`@`currentVersion` (instance `instanceId`) would move
 * to at its next continue-as-new, or undefined when none is known here.
 */
export type UpgradeTarget = (
  name: string,
  currentVersion: string,
  instanceId: string,
) => Promise<string | undefined> | string | undefined;

/** The highest version of the name registered on this runtime, if not below the current one. */
export function highestRegisteredTarget(registry: OrchestrationRegistry): UpgradeTarget {
  return (name, currentVersion) => {
    const highest = registry.listVersions(name).at(-1);
    const current = parseSemVer(currentVersion);
    const top = highest === undefined ? null : parseSemVer(highest);
    if (top === null || current === null || compareSemVer(top, current) < 0) return undefined;
    return highest;
  };
}

export async function checkReplay(
  provider: Provider,
  env: EngineEnvironment,
  options: ReplayCheckOptions = {},
  upgradeTarget: UpgradeTarget = highestRegisteredTarget(env.registry),
): Promise<ReplayCheckReport> {
  const limit = options.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1)
    throw new InvalidInputError(`limit must be a positive integer, got ${String(limit)}`);
  let ids: readonly string[];
  if (options.instanceIds !== undefined) {
    if (
      !Array.isArray(options.instanceIds) ||
      !options.instanceIds.every((i) => typeof i === 'string' && i.length > 0)
    ) {
      throw new InvalidInputError('instanceIds must be an array of non-empty strings');
    }
    ids = options.instanceIds;
  } else {
    ids = (await provider.listInstancesByStatus('Running')).slice(0, limit);
  }
  const results: ReplayCheckResult[] = [];
  const inputRejections: ReplayCheckInputRejection[] = [];
  for (const id of ids) {
    const { result, history } = await checkOne(provider, env, id);
    results.push(result);
    const rejection =
      history === undefined
        ? undefined
        : await checkInput(env.registry, upgradeTarget, id, history);
    if (rejection !== undefined) inputRejections.push(rejection);
  }
  const count = (o: ReplayCheckOutcome): number => results.filter((r) => r.outcome === o).length;
  return {
    checked: results.length,
    ok: count('ok'),
    diverged: count('diverged'),
    unregistered: count('unregistered'),
    skipped: count('skipped'),
    errors: count('error'),
    results,
    inputRejected: inputRejections.length,
    inputRejections,
  };
}

/** The current input against the schema of the version the next continue-as-new would run. */
async function checkInput(
  registry: OrchestrationRegistry,
  upgradeTarget: UpgradeTarget,
  instanceId: string,
  history: readonly HistoryEvent[],
): Promise<ReplayCheckInputRejection | undefined> {
  const first = history[0];
  if (first?.type !== 'OrchestrationStarted') return undefined;
  const toVersion = await upgradeTarget(first.name, first.version, instanceId);
  const schema = toVersion === undefined ? undefined : registry.inputSchema(first.name, toVersion);
  if (toVersion === undefined || schema === undefined) return undefined;
  const issues = await inputIssues(schema, first.input);
  if (issues.length === 0) return undefined;
  return {
    instanceId,
    executionId: first.executionId,
    orchestrationName: first.name,
    fromVersion: first.version,
    toVersion,
    issues,
    message: `its input is rejected by ${first.name}@${toVersion}'s input schema: ${describeIssues(issues)}; at its next continue-as-new into ${toVersion} it would fail with INPUT_REJECTED unless the state it passes then is accepted`,
  };
}

interface Checked {
  readonly result: ReplayCheckResult;
  /** The current execution's history, when it could be read (for the input check). */
  readonly history?: readonly HistoryEvent[];
}

async function checkOne(
  provider: Provider,
  env: EngineEnvironment,
  instanceId: string,
): Promise<Checked> {
  const { registry } = env;
  const info = await provider.getInstance(instanceId);
  if (info === null)
    return {
      result: { instanceId, outcome: 'error', message: `instance '${instanceId}' not found` },
    };
  const executionId = info.currentExecutionId;
  if (info.status !== 'Running') {
    const next =
      info.status === 'ContinuedAsNew'
        ? `; its next execution starts on ${info.orchestrationName}@${registry.resolveVersion(info.orchestrationName) ?? '(none registered here)'}`
        : '';
    return {
      result: {
        instanceId,
        executionId,
        orchestrationName: info.orchestrationName,
        outcome: 'skipped',
        message: `instance is ${info.status}: nothing to replay${next}`,
      },
    };
  }
  let history: HistoryEvent[];
  let kvSnapshot;
  try {
    // The snapshot changes only when an execution ends, which the re-read below detects.
    kvSnapshot = await provider.readKvSnapshot(instanceId);
    history = await provider.readHistory(instanceId, executionId);
  } catch (e) {
    return {
      result: {
        instanceId,
        executionId,
        outcome: 'error',
        message: `history could not be read: ${(e as Error).message}`,
      },
    };
  }
  const again = await provider.getInstance(instanceId);
  if (again?.currentExecutionId !== executionId || again.status !== 'Running') {
    return {
      result: {
        instanceId,
        executionId,
        orchestrationName: info.orchestrationName,
        outcome: 'skipped',
        message: 'the execution ended while it was being read; run the check again',
      },
    };
  }
  return {
    history,
    result: await replayExecution(env, { instanceId, executionId, history, kvSnapshot }),
  };
}

/** One execution's stored history, to replay on the registered code. */
export interface RecordedExecution {
  readonly instanceId: string;
  readonly executionId: number;
  readonly history: readonly HistoryEvent[];
  /** KV values merged at the end of earlier executions. */
  readonly kvSnapshot?: ReadonlyMap<string, KvEntry> | undefined;
}

/**
 * Replays one execution's history on the code registered for its name@version: `ok`,
 * `diverged` (where, and what each side did), `unregistered` or `error`. Shared by the replay
 * check and the test kit's `replayHistory`, so both report a divergence the same way.
 */
export async function replayExecution(
  env: EngineEnvironment,
  recorded: RecordedExecution,
): Promise<ReplayCheckResult> {
  const { instanceId, executionId, history } = recorded;
  const first = history[0];
  if (first?.type !== 'OrchestrationStarted') {
    return {
      instanceId,
      executionId,
      outcome: 'error',
      message: 'history does not start with OrchestrationStarted',
    };
  }
  const base = {
    instanceId,
    executionId,
    orchestrationName: first.name,
    orchestrationVersion: first.version,
  };
  const handler = env.registry.get(first.name, first.version);
  if (handler === undefined) {
    return {
      ...base,
      outcome: 'unregistered',
      message: `no code registered here for ${first.name}@${first.version}; keep that version registered until its executions finish`,
    };
  }
  const engine = await createReplayEngine(env, {
    instanceId,
    executionId,
    history,
    handler,
    kvSnapshot: recorded.kvSnapshot,
    quiet: true,
  });
  return replay(engine, base);
}

type Base = Pick<
  ReplayCheckResult,
  'instanceId' | 'executionId' | 'orchestrationName' | 'orchestrationVersion'
>;

async function replay(engine: ReplayEngine, base: Base): Promise<ReplayCheckResult> {
  const result = await engine.runTurn([]);
  const error = result.error;
  if (error === undefined || error.category === 'application')
    return { ...base, outcome: 'ok', message: 'replays cleanly' };
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
  return {
    ...base,
    outcome: error.kind === 'Nondeterminism' ? 'diverged' : 'error',
    message: error.message,
  };
}
