import type { TagFilter } from '../providers/provider.js';
import { type LogFormat, type LogLevel, type LogSink } from './logger.js';
import { type Limits } from '../core/limits.js';
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
    readonly unregisteredBackoff?: {
        readonly baseMs?: number;
        readonly maxMs?: number;
    };
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
}
export interface ResolvedRuntimeOptions {
    readonly orchestrationConcurrency: number;
    readonly workerConcurrency: number;
    readonly dispatcherPollIntervalMs: number;
    readonly orchestratorLockTimeoutMs: number;
    readonly workerLockTimeoutMs: number;
    readonly maxAttempts: number;
    readonly unregisteredBackoff: {
        readonly baseMs: number;
        readonly maxMs: number;
    };
    readonly workerTagFilter: TagFilter;
    readonly workerNodeId: string | undefined;
    readonly serviceName: string | undefined;
    readonly serviceVersion: string | undefined;
    readonly maxSessionsPerRuntime: number;
    readonly sessionIdleTimeoutMs: number;
    readonly sessionLockTimeoutMs: number;
    readonly sessionCleanupIntervalMs: number;
    readonly activityCancellationGraceMs: number;
    readonly instanceCacheSize: number;
    readonly localActivities: boolean;
    readonly localActivityHoldMs: number;
    readonly logLevel: LogLevel;
    readonly logFormat: LogFormat;
    readonly logSink: LogSink | undefined;
    readonly limits: Limits;
    readonly nodeHeartbeatIntervalMs: number;
    readonly fleetRefreshMs: number;
    readonly historyFormat: number;
}
export declare function resolveRuntimeOptions(options?: RuntimeOptions): ResolvedRuntimeOptions;
/** Lock renewal interval for a lock of `timeoutMs`. */
export declare function renewalIntervalMs(timeoutMs: number): number;
/** Backoff for a missing handler: `min(base × 2^min(attempt−1, 6), max)`. */
export declare function unregisteredDelayMs(attempt: number, backoff: {
    baseMs: number;
    maxMs: number;
}): number;
