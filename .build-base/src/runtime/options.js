/**
 * Runtime options, their defaults and validation.
 * @module
 */
import { InvalidInputError } from '../core/errors/duroxide-error.js';
import { LOG_FORMATS, LOG_LEVELS } from './logger.js';
import { HISTORY_FORMAT } from '../core/version.js';
import { DEFAULT_LIMITS, MAX_WORKER_TAGS } from '../core/limits.js';
import { tagProblem } from '../core/validation/arguments.js';
function int(options, key, fallback, min) {
    const v = options[key];
    if (v === undefined)
        return fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
        throw new InvalidInputError(`runtime option ${key} must be an integer >= ${min}, got ${JSON.stringify(v)}`);
    }
    return v;
}
function checkTagFilter(filter, flatTags) {
    if (flatTags !== undefined && filter !== 'tags' && filter !== 'defaultAnd') {
        throw new InvalidInputError(`runtime option workerTagFilterTags needs workerTagFilter 'tags' or 'defaultAnd', got ${JSON.stringify(filter)}`);
    }
    if (filter === 'tags')
        filter = { tags: flatTags };
    else if (filter === 'defaultAnd')
        filter = { defaultAnd: flatTags };
    if (filter === 'defaultOnly' || filter === 'any' || filter === 'none')
        return filter;
    if (typeof filter === 'object' && filter !== null) {
        const tags = filter.tags ?? filter.defaultAnd;
        if (Array.isArray(tags) &&
            tags.length >= 1 &&
            tags.length <= MAX_WORKER_TAGS &&
            tags.every((t) => tagProblem(t) === undefined)) {
            return filter;
        }
    }
    throw new InvalidInputError(`runtime option workerTagFilter must be 'defaultOnly', 'any', 'none', { tags: [...] } or { defaultAnd: [...] } with 1–${MAX_WORKER_TAGS} non-empty tags, got ${JSON.stringify(filter)}`);
}
/** Every option name a runtime accepts; any other is refused (a typo must not be ignored). */
const KNOWN_OPTIONS = new Set([
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
    'instanceCacheSize',
    'localActivities',
    'localActivityHoldMs',
    'logLevel',
    'logFormat',
    'logSink',
    'limits',
    'nodeHeartbeatIntervalMs',
    'fleetRefreshMs',
    'historyFormat',
]);
function optionalString(options, key) {
    const v = options[key];
    if (v !== undefined && typeof v !== 'string')
        throw new InvalidInputError(`runtime option ${key} must be a string, got ${JSON.stringify(v)}`);
    return v;
}
export function resolveRuntimeOptions(options = {}) {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
        throw new InvalidInputError('runtime options must be an object');
    }
    const unknown = Object.keys(options).filter((k) => !KNOWN_OPTIONS.has(k));
    if (unknown.length > 0) {
        throw new InvalidInputError(`unknown runtime option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}; known options: ${[...KNOWN_OPTIONS].join(', ')}`);
    }
    const logLevel = options.logLevel ?? 'warn';
    if (!LOG_LEVELS.includes(logLevel)) {
        throw new InvalidInputError(`runtime option logLevel must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`);
    }
    const logFormat = options.logFormat ?? 'pretty';
    if (!LOG_FORMATS.includes(logFormat)) {
        throw new InvalidInputError(`runtime option logFormat must be one of ${LOG_FORMATS.join(', ')}, got ${JSON.stringify(logFormat)}`);
    }
    const backoff = options.unregisteredBackoff ?? {};
    const baseMs = backoff.baseMs ?? 1000;
    const maxMs = backoff.maxMs ?? 60_000;
    if (!Number.isInteger(baseMs) || baseMs < 0 || !Number.isInteger(maxMs) || maxMs < baseMs) {
        throw new InvalidInputError(`runtime option unregisteredBackoff needs integers 0 <= baseMs <= maxMs, got ${JSON.stringify(backoff)}`);
    }
    if (options.workerNodeId !== undefined &&
        (typeof options.workerNodeId !== 'string' || options.workerNodeId.length === 0)) {
        throw new InvalidInputError('runtime option workerNodeId must be a non-empty string');
    }
    if (options.localActivities !== undefined && typeof options.localActivities !== 'boolean') {
        throw new InvalidInputError(`runtime option localActivities must be a boolean, got ${JSON.stringify(options.localActivities)}`);
    }
    const workerLockTimeoutMs = int(options, 'workerLockTimeoutMs', 30_000, 100);
    const sessionIdleTimeoutMs = int(options, 'sessionIdleTimeoutMs', 300_000, 1);
    if (sessionIdleTimeoutMs <= renewalIntervalMs(workerLockTimeoutMs)) {
        // Otherwise a session could unpin while one of its activities still runs.
        throw new InvalidInputError(`runtime option sessionIdleTimeoutMs (${sessionIdleTimeoutMs}) must be greater than the worker lock renewal interval (${renewalIntervalMs(workerLockTimeoutMs)} ms, half of workerLockTimeoutMs)`);
    }
    return {
        maxSessionsPerRuntime: int(options, 'maxSessionsPerRuntime', 10, 1),
        sessionIdleTimeoutMs,
        sessionLockTimeoutMs: int(options, 'sessionLockTimeoutMs', 30_000, 100),
        sessionCleanupIntervalMs: int(options, 'sessionCleanupIntervalMs', 300_000, 100),
        orchestrationConcurrency: int(options, 'orchestrationConcurrency', 4, 0),
        workerConcurrency: int(options, 'workerConcurrency', 100, 1),
        dispatcherPollIntervalMs: int(options, 'dispatcherPollIntervalMs', 100, 1),
        orchestratorLockTimeoutMs: int(options, 'orchestratorLockTimeoutMs', 5000, 100),
        workerLockTimeoutMs,
        maxAttempts: int(options, 'maxAttempts', 10, 1),
        unregisteredBackoff: { baseMs, maxMs },
        workerTagFilter: checkTagFilter(options.workerTagFilter ?? 'defaultOnly', options.workerTagFilterTags),
        workerNodeId: options.workerNodeId,
        serviceName: optionalString(options, 'serviceName'),
        serviceVersion: optionalString(options, 'serviceVersion'),
        activityCancellationGraceMs: int(options, 'activityCancellationGraceMs', 10_000, 0),
        instanceCacheSize: int(options, 'instanceCacheSize', 1000, 0),
        localActivities: options.localActivities ?? true,
        localActivityHoldMs: int(options, 'localActivityHoldMs', 100, 0),
        logLevel,
        logFormat,
        logSink: options.logSink,
        limits: checkLimits(options.limits),
        nodeHeartbeatIntervalMs: int(options, 'nodeHeartbeatIntervalMs', 5000, 10),
        fleetRefreshMs: int(options, 'fleetRefreshMs', 1000, 0),
        historyFormat: int(options, 'historyFormat', HISTORY_FORMAT, 1),
    };
}
function checkLimits(limits) {
    if (limits === undefined)
        return DEFAULT_LIMITS;
    if (typeof limits !== 'object' || limits === null)
        throw new InvalidInputError('runtime option limits must be an object');
    const resolved = { ...DEFAULT_LIMITS };
    for (const [key, value] of Object.entries(limits)) {
        if (!(key in DEFAULT_LIMITS)) {
            throw new InvalidInputError(`runtime option limits.${key} is unknown; known: ${Object.keys(DEFAULT_LIMITS).join(', ')}`);
        }
        if (value === undefined)
            continue;
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
            throw new InvalidInputError(`runtime option limits.${key} must be a non-negative integer, got ${JSON.stringify(value)}`);
        }
        resolved[key] = value;
    }
    return resolved;
}
/** Lock renewal interval for a lock of `timeoutMs`. */
export function renewalIntervalMs(timeoutMs) {
    return Math.max(Math.floor(timeoutMs / 2), 50);
}
/** Backoff for a missing handler: `min(base × 2^min(attempt−1, 6), max)`. */
export function unregisteredDelayMs(attempt, backoff) {
    return Math.min(backoff.baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 6), backoff.maxMs);
}
//# sourceMappingURL=options.js.map