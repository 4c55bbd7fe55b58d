/**
 * Runtime options, their defaults and validation.
 * @module
 */
import { InvalidInputError } from '../core/errors/duroxide-error.js';
import type { TagFilter } from '../providers/provider.js';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel, type LogSink } from './logger.js';
import { HISTORY_FORMAT } from '../core/version.js';
import { DEFAULT_LIMITS, MAX_WORKER_TAGS, type Limits } from '../core/limits.js';
import { tagProblem } from '../core/validation/arguments.js';
import { checkStructuredLogger, type StructuredLogger } from './observability/structured-logger.js';
import { SYSTEM_CLOCK, type RuntimeClock } from './runtime-clock.js';

export interface RuntimeOptions {
  /**
   * Orchestration turns processed at once. Default 4. 0 makes a worker-only runtime: it runs
   * activities but no orchestration turns.
   */
  readonly orchestrationConcurrency?: number;
  /**
   * Activities executed at once (fetched from the queue or run locally). Activities mostly wait
   * on I/O, so this is well above the core count. Default 100.
   */
  readonly workerConcurrency?: number;
  /**
   * Longest sleep of an idle dispatcher between polls, in ms. Work enqueued by this process
   * wakes dispatchers at once; polling only matters for work from other processes. Default 100.
   */
  readonly dispatcherPollIntervalMs?: number;
  /** Instance lock per turn, renewed while the turn runs. Default 5,000. */
  readonly orchestratorLockTimeoutMs?: number;
  /** Activity lock, renewed while the activity runs. Default 30,000. */
  readonly workerLockTimeoutMs?: number;
  /** Fetches after which an item is poison (fails instead of retrying). Default 10. */
  readonly maxAttempts?: number;
  /** Backoff while a needed orchestration version or activity is not registered here. */
  readonly unregisteredBackoff?: { readonly baseMs?: number; readonly maxMs?: number };
  /** Which activity tags this runtime runs. Default `'defaultOnly'`. */
  readonly workerTagFilter?: TagFilter | 'tags' | 'defaultAnd';
  /** duroxide-node's flat form: the tags of `workerTagFilter: 'tags'` or `'defaultAnd'`. */
  readonly workerTagFilterTags?: readonly string[];
  /** Name of the service this runtime belongs to, written in its start log record. */
  readonly serviceName?: string;
  /** Version of that service, written in its start log record. */
  readonly serviceVersion?: string;
  /**
   * Stable identity of this node (e.g. the pod name). Used in worker ids and as the session
   * owner shared by all worker slots, so a restarted node reclaims its sessions at once.
   */
  readonly workerNodeId?: string;
  /** Most distinct activity sessions in flight on this runtime. Default 10. */
  readonly maxSessionsPerRuntime?: number;
  /** A session with no activity for this long stops being renewed and unpins. Default 300,000. */
  readonly sessionIdleTimeoutMs?: number;
  /** Session lease length, renewed while the session is active. Default 30,000. */
  readonly sessionLockTimeoutMs?: number;
  /** How often expired, unreferenced sessions are deleted. Default 300,000. */
  readonly sessionCleanupIntervalMs?: number;
  /** How long a cancelled activity may keep running before its result is discarded. Default 10,000. */
  readonly activityCancellationGraceMs?: number;
  /**
   * Longest orchestration code may run without yielding (one step between two awaits), in ms.
   * Code that runs longer (a CPU loop) is stopped and its instance fails with
   * `ORCHESTRATION_CODE_TIMEOUT`; every other instance keeps running
   * (docs/decisions/0010-runaway-orchestration-code.md). 0 turns the watchdog off. Default 5,000.
   */
  readonly orchestrationCodeTimeoutMs?: number;
  /**
   * Default timeout of every activity attempt, in ms: an attempt still running after it fails
   * with a `Timeout` error (retry policies see it like any failure) and frees its worker slot.
   * A per-call `timeoutMs` wins. 0 (the default): no timeout, and an activity that never settles
   * holds its slot until the runtime shuts down (docs/reliability.md).
   */
  readonly activityTimeoutMs?: number;
  /**
   * Suspended instances kept in memory so a turn costs O(new events). Default 1,000. Instances
   * held while their local activities run stay in memory regardless: to make every turn replay
   * (determinism tests), also set `localActivities: false`.
   */
  readonly instanceCacheSize?: number;
  /**
   * Run the activities a turn schedules on this runtime at once, when it has them registered and
   * a worker slot is free: the turn's commit queues them already locked to this runtime, so no
   * worker-queue fetch is needed. Still durable: if this runtime dies, the locks expire and any
   * runtime runs them. Activities with a session always go through the queue. Default true.
   */
  readonly localActivities?: boolean;
  /**
   * After a turn whose activities run locally, keep the instance locked this long (ms) waiting
   * for them, so their results go straight into the next turn: one commit per activity step
   * instead of four. Messages for the instance (events, timers, cancellation) wait at most this
   * long; activities that usually take longer are not waited for. 0 disables it. Default 100.
   */
  readonly localActivityHoldMs?: number;
  /** Default `'warn'`. */
  readonly logLevel?: LogLevel;
  /** Default `'pretty'`. */
  readonly logFormat?: LogFormat;
  /** Receives log records instead of stderr. */
  readonly logSink?: LogSink;
  /**
   * A pino-compatible logger (e.g. `pino()`) receiving every record as a structured object
   * (`instanceId`, `executionId`, `orchestration: 'name@version'`, `activityName`, `nodeId`, …);
   * its own level decides what is logged (docs/observability.md). Not with `logSink`.
   */
  readonly logger?: StructuredLogger;
  /**
   * Emit OpenTelemetry spans for executions, turns and activity attempts when an SDK is
   * registered (default true). `false` leaves them out while the application's own spans and
   * the metrics carry on (docs/observability.md).
   */
  readonly tracing?: boolean;
  /**
   * Size limits: `maxPayloadBytes` (default 4 MiB), `maxCustomStatusBytes` (256 KiB),
   * `maxKvValueBytes` (64 KiB), `maxKvKeys` (150), `maxTagBytes` (256) and `maxHistoryEvents`
   * per execution (default 0 = unlimited). Exceeding one is a clear error at the call site, or
   * fails the instance; history is never truncated.
   */
  readonly limits?: Partial<Limits>;
  /**
   * How often this runtime records itself in the node registry (its versions, activities and
   * engine). Others count it live for three intervals after its last heartbeat; fleet "latest"
   * waits for the nodes it counts. Default 5,000.
   */
  readonly nodeHeartbeatIntervalMs?: number;
  /**
   * How long this runtime uses the stored version policies and node list before reading them
   * again (in the background; a view twice this old is never used): a policy change reaches
   * every node within twice this time, without a restart. Default 1,000.
   */
  readonly fleetRefreshMs?: number;
  /**
   * Newest history format this runtime writes and replays; executions recorded in a newer
   * format are left to nodes that can replay them.
   * @internal Tests simulate engines of other builds with it.
   */
  readonly historyFormat?: number;
  /**
   * Where now comes from for what orchestrations observe (`ctx.utcNow`, timer fire times); the
   * provider must use the same clock. Default real time.
   * @internal The test kit's virtual clock (`createTestEnvironment`).
   */
  readonly clock?: RuntimeClock;
}

export interface ResolvedRuntimeOptions {
  readonly orchestrationConcurrency: number;
  readonly workerConcurrency: number;
  readonly dispatcherPollIntervalMs: number;
  readonly orchestratorLockTimeoutMs: number;
  readonly workerLockTimeoutMs: number;
  readonly maxAttempts: number;
  readonly unregisteredBackoff: { readonly baseMs: number; readonly maxMs: number };
  readonly workerTagFilter: TagFilter;
  readonly workerNodeId: string | undefined;
  readonly serviceName: string | undefined;
  readonly serviceVersion: string | undefined;
  readonly maxSessionsPerRuntime: number;
  readonly sessionIdleTimeoutMs: number;
  readonly sessionLockTimeoutMs: number;
  readonly sessionCleanupIntervalMs: number;
  readonly activityCancellationGraceMs: number;
  readonly orchestrationCodeTimeoutMs: number;
  readonly activityTimeoutMs: number;
  readonly instanceCacheSize: number;
  readonly localActivities: boolean;
  readonly localActivityHoldMs: number;
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
  readonly logSink: LogSink | undefined;
  readonly logger: StructuredLogger | undefined;
  readonly tracing: boolean;
  readonly limits: Limits;
  readonly nodeHeartbeatIntervalMs: number;
  readonly fleetRefreshMs: number;
  readonly historyFormat: number;
  readonly clock: RuntimeClock;
}

/** Largest duration option: what Node's timers accept (about 24.8 days). */
const MAX_DURATION_MS = 2 ** 31 - 1;
/** Largest slot count: each slot is a loop started by `start()` (1e6 of them never finish). */
const MAX_SLOTS = 10_000;

/** `v` as a person wrote it: NaN and Infinity are not JSON (they would print as null). */
function shown(v: unknown): string {
  return typeof v === 'number' || typeof v === 'bigint'
    ? String(v)
    : (JSON.stringify(v) ?? String(v));
}

function int(
  options: RuntimeOptions,
  key: keyof RuntimeOptions,
  fallback: number,
  min: number,
  max: number = MAX_DURATION_MS,
): number {
  const v = options[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new InvalidInputError(
      `runtime option ${key} must be an integer from ${min} to ${max}, got ${shown(v)}`,
    );
  }
  return v;
}

function checkTagFilter(filter: unknown, flatTags: unknown): TagFilter {
  if (flatTags !== undefined && filter !== 'tags' && filter !== 'defaultAnd') {
    throw new InvalidInputError(
      `runtime option workerTagFilterTags needs workerTagFilter 'tags' or 'defaultAnd', got ${JSON.stringify(filter)}`,
    );
  }
  if (filter === 'tags') filter = { tags: flatTags };
  else if (filter === 'defaultAnd') filter = { defaultAnd: flatTags };
  if (filter === 'defaultOnly' || filter === 'any' || filter === 'none') return filter;
  if (typeof filter === 'object' && filter !== null) {
    const tags =
      (filter as { tags?: unknown }).tags ?? (filter as { defaultAnd?: unknown }).defaultAnd;
    if (
      Array.isArray(tags) &&
      tags.length >= 1 &&
      tags.length <= MAX_WORKER_TAGS &&
      tags.every((t) => tagProblem(t) === undefined)
    ) {
      return filter as TagFilter;
    }
  }
  throw new InvalidInputError(
    `runtime option workerTagFilter must be 'defaultOnly', 'any', 'none', { tags: [...] } or { defaultAnd: [...] } with 1–${MAX_WORKER_TAGS} non-empty tags, got ${JSON.stringify(filter)}`,
  );
}

/** Every option name a runtime accepts; any other is refused (a typo must not be ignored). */
const KNOWN_OPTIONS: ReadonlySet<string> = new Set<keyof RuntimeOptions>([
  'orchestrationConcurrency',
  'workerConcurrency',
  'dispatcherPollIntervalMs',
  'orchestratorLockTimeoutMs',
  'workerLockTimeoutMs',
  'maxAttempts',
  'unregisteredBackoff',
  'workerTagFilter',
  'workerTagFilterTags',
  'serviceName',
  'serviceVersion',
  'workerNodeId',
  'maxSessionsPerRuntime',
  'sessionIdleTimeoutMs',
  'sessionLockTimeoutMs',
  'sessionCleanupIntervalMs',
  'activityCancellationGraceMs',
  'orchestrationCodeTimeoutMs',
  'activityTimeoutMs',
  'instanceCacheSize',
  'localActivities',
  'localActivityHoldMs',
  'logLevel',
  'logFormat',
  'logSink',
  'logger',
  'tracing',
  'limits',
  'nodeHeartbeatIntervalMs',
  'fleetRefreshMs',
  'historyFormat',
  'clock',
]);

function optionalString(
  options: RuntimeOptions,
  key: 'serviceName' | 'serviceVersion',
): string | undefined {
  const v = options[key];
  if (v !== undefined && typeof v !== 'string')
    throw new InvalidInputError(`runtime option ${key} must be a string, got ${JSON.stringify(v)}`);
  return v;
}

export function resolveRuntimeOptions(options: RuntimeOptions = {}): ResolvedRuntimeOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidInputError('runtime options must be an object');
  }
  const unknown = Object.keys(options).filter((k) => !KNOWN_OPTIONS.has(k));
  if (unknown.length > 0) {
    throw new InvalidInputError(
      `unknown runtime option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}; known options: ${[...KNOWN_OPTIONS].join(', ')}`,
    );
  }
  const logLevel = options.logLevel ?? 'warn';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new InvalidInputError(
      `runtime option logLevel must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`,
    );
  }
  const logFormat = options.logFormat ?? 'pretty';
  if (!LOG_FORMATS.includes(logFormat)) {
    throw new InvalidInputError(
      `runtime option logFormat must be one of ${LOG_FORMATS.join(', ')}, got ${JSON.stringify(logFormat)}`,
    );
  }
  const backoff = options.unregisteredBackoff ?? {};
  const baseMs = backoff.baseMs ?? 1000;
  const maxMs = backoff.maxMs ?? 60_000;
  if (!Number.isInteger(baseMs) || baseMs < 0 || !Number.isInteger(maxMs) || maxMs < baseMs) {
    throw new InvalidInputError(
      `runtime option unregisteredBackoff needs integers 0 <= baseMs <= maxMs, got ${JSON.stringify(backoff)}`,
    );
  }
  if (
    options.workerNodeId !== undefined &&
    (typeof options.workerNodeId !== 'string' || options.workerNodeId.length === 0)
  ) {
    throw new InvalidInputError('runtime option workerNodeId must be a non-empty string');
  }
  if (options.localActivities !== undefined && typeof options.localActivities !== 'boolean') {
    throw new InvalidInputError(
      `runtime option localActivities must be a boolean, got ${JSON.stringify(options.localActivities)}`,
    );
  }
  const workerLockTimeoutMs = int(options, 'workerLockTimeoutMs', 30_000, 100);
  const sessionIdleTimeoutMs = int(options, 'sessionIdleTimeoutMs', 300_000, 1);
  if (sessionIdleTimeoutMs <= renewalIntervalMs(workerLockTimeoutMs)) {
    // Otherwise a session could unpin while one of its activities still runs.
    throw new InvalidInputError(
      `runtime option sessionIdleTimeoutMs (${sessionIdleTimeoutMs}) must be greater than the worker lock renewal interval (${renewalIntervalMs(workerLockTimeoutMs)} ms, half of workerLockTimeoutMs)`,
    );
  }
  return {
    maxSessionsPerRuntime: int(options, 'maxSessionsPerRuntime', 10, 1, MAX_SLOTS),
    sessionIdleTimeoutMs,
    sessionLockTimeoutMs: int(options, 'sessionLockTimeoutMs', 30_000, 100),
    sessionCleanupIntervalMs: int(options, 'sessionCleanupIntervalMs', 300_000, 100),
    orchestrationConcurrency: int(options, 'orchestrationConcurrency', 4, 0, MAX_SLOTS),
    workerConcurrency: int(options, 'workerConcurrency', 100, 1, MAX_SLOTS),
    dispatcherPollIntervalMs: int(options, 'dispatcherPollIntervalMs', 100, 1),
    orchestratorLockTimeoutMs: int(options, 'orchestratorLockTimeoutMs', 5000, 100),
    workerLockTimeoutMs,
    maxAttempts: int(options, 'maxAttempts', 10, 1, 1_000_000),
    unregisteredBackoff: { baseMs, maxMs },
    workerTagFilter: checkTagFilter(
      options.workerTagFilter ?? 'defaultOnly',
      options.workerTagFilterTags,
    ),
    workerNodeId: options.workerNodeId,
    serviceName: optionalString(options, 'serviceName'),
    serviceVersion: optionalString(options, 'serviceVersion'),
    activityCancellationGraceMs: int(options, 'activityCancellationGraceMs', 10_000, 0),
    orchestrationCodeTimeoutMs: int(options, 'orchestrationCodeTimeoutMs', 5_000, 0),
    activityTimeoutMs: int(options, 'activityTimeoutMs', 0, 0),
    instanceCacheSize: int(options, 'instanceCacheSize', 1000, 0, 10_000_000),
    localActivities: options.localActivities ?? true,
    localActivityHoldMs: int(options, 'localActivityHoldMs', 100, 0),
    logLevel,
    logFormat,
    logSink: options.logSink,
    logger: checkLogger(options),
    tracing: checkTracing(options.tracing),
    limits: checkLimits(options.limits),
    nodeHeartbeatIntervalMs: int(options, 'nodeHeartbeatIntervalMs', 5000, 10),
    fleetRefreshMs: int(options, 'fleetRefreshMs', 1000, 0),
    historyFormat: int(options, 'historyFormat', HISTORY_FORMAT, 1, 1_000),
    clock: checkClock(options.clock),
  };
}

function checkTracing(tracing: unknown): boolean {
  if (tracing !== undefined && typeof tracing !== 'boolean')
    throw new InvalidInputError(
      `runtime option tracing must be true or false, got ${JSON.stringify(tracing)}`,
    );
  return tracing !== false;
}

function checkLogger(options: RuntimeOptions): StructuredLogger | undefined {
  if (options.logger === undefined) return undefined;
  if (options.logSink !== undefined)
    throw new InvalidInputError(
      'runtime options logger and logSink cannot be used together; pass one of them',
    );
  return checkStructuredLogger(options.logger);
}

function checkClock(clock: RuntimeClock | undefined): RuntimeClock {
  if (clock === undefined) return SYSTEM_CLOCK;
  const c = clock as { now?: unknown; onJump?: unknown } | null;
  if (
    typeof c !== 'object' ||
    c === null ||
    typeof c.now !== 'function' ||
    (c.onJump !== undefined && typeof c.onJump !== 'function')
  ) {
    throw new InvalidInputError('runtime option clock must be an object with a now() function');
  }
  return clock;
}

function checkLimits(limits: Partial<Limits> | undefined): Limits {
  if (limits === undefined) return DEFAULT_LIMITS;
  if (typeof limits !== 'object' || limits === null)
    throw new InvalidInputError('runtime option limits must be an object');
  const resolved = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(limits)) {
    if (!(key in DEFAULT_LIMITS)) {
      throw new InvalidInputError(
        `runtime option limits.${key} is unknown; known: ${Object.keys(DEFAULT_LIMITS).join(', ')}`,
      );
    }
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new InvalidInputError(
        `runtime option limits.${key} must be a non-negative integer, got ${shown(value)}`,
      );
    }
    (resolved as Record<string, number>)[key] = value;
  }
  return resolved;
}

/** Lock renewal interval for a lock of `timeoutMs`. */
export function renewalIntervalMs(timeoutMs: number): number {
  return Math.max(Math.floor(timeoutMs / 2), 50);
}

/** Backoff for a missing handler: `min(base × 2^min(attempt−1, 6), max)`. */
export function unregisteredDelayMs(
  attempt: number,
  backoff: { baseMs: number; maxMs: number },
): number {
  return Math.min(backoff.baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 6), backoff.maxMs);
}
