/**
 * Runs orchestration turns (SPEC §3.1): fetch a locked batch for one instance, decide which
 * execution and code version it belongs to, run the replay engine, and commit the result in one
 * atomic ack. Missing code versions are abandoned with backoff (rolling deployments); items
 * that keep failing become poison after `maxAttempts`.
 *
 * The local path: a turn's ack claims the activities it schedules that this runtime can run
 * (inserted already locked to it) and, when they usually finish quickly, keeps the instance
 * lock. The activities run at once; their completions go straight into the next turn, committed
 * with the same lock — one commit per step instead of ack, worker fetch, worker ack,
 * orchestration fetch and ack. When the hold ends (time's up, a message waits for the instance,
 * the execution ends), remaining activities report through the worker queue as usual.
 * @module
 */
import type { EventKind, HistoryEvent, ParentLink } from '../core/history/history-event.js';
import type { WorkItem, WorkItemOfType } from '../core/history/work-item.js';
import { applicationError, displayMessage, type ErrorDetails } from '../core/errors/error-details.js';
import { isDuroxideError } from '../core/errors/duroxide-error.js';
import type { ExecutionStart, ReplayEngine } from '../core/replay/replay-engine.js';
import type { TurnResult } from '../core/replay/turn-result.js';
import { DUROXIDE_VERSION } from '../core/version.js';
import type {
  LockedOrchestrationItem,
  LockedWorkItem,
  OrchestrationAck,
  OrchestrationAckOptions,
  OrchestrationAckResult,
  AuditEntryInput,
  Provider,
} from '../providers/provider.js';
import { DeferralList } from './deferral-list.js';
import { createReplayEngine, drainMicrotasks } from './engine-factory.js';
import type { InstanceCache } from './instance-cache.js';
import type { Logger } from './logger.js';
import type { RuntimeMetrics } from './metrics.js';
import { renewalIntervalMs, unregisteredDelayMs, type ResolvedRuntimeOptions } from './options.js';
import type { OrchestrationRegistry } from './registry.js';
import { refuseOperatorRequests, resumeExecution, type OperatorRequest, type ResumeDeps } from './operator-requests.js';
import { stampVersions, type VersionDecider } from './version-stamping.js';

const TARGET = 'duroxide::runtime::dispatchers::orchestration';
const HISTORY_ERROR_DELAY_MS = 1000;
const ACK_RETRY_DELAYS_MS = [10, 20, 40, 80, 160];
const SENTINEL_EVENT_ID = 99_999;

/** What the orchestration dispatcher needs from the worker side to run activities locally. */
export interface LocalActivityRunner {
  canRunLocally(item: WorkItem): item is WorkItemOfType<'ActivityExecute'>;
  tryReserve(): boolean;
  release(): void;
  expectedDurationMs(name: string): number;
  runLocal(locked: LockedActivity): Promise<WorkItem | null>;
  complete(lockToken: string, completion: WorkItem): Promise<void>;
  cancelRunning(instanceId: string, executionId: number, activityId: number): void;
}

/** A claimed worker row of an activity. */
type LockedActivity = LockedWorkItem & { readonly item: WorkItemOfType<'ActivityExecute'> };

/** An activity running in this process for an instance this runtime holds. */
interface LocalRun {
  /** Its worker row, claimed (locked to this runtime) by the commit that queued it. */
  readonly locked: LockedActivity;
  readonly done: Promise<void>;
  settled: boolean;
  completion: WorkItem | null;
}

/** One turn run on an instance this runtime holds. */
interface HeldTurn {
  readonly result: TurnResult;
  readonly start: StartItem | undefined;
  /** Messages the runtime adds to the turn's ack (replies to rejected starts). */
  readonly extraItems: WorkItem[];
  /** Run on results of local activities, without a fetch. */
  readonly local: boolean;
  /** Audit entries written once the turn is committed (operator requests it applied or refused). */
  readonly audits?: readonly AuditEntryInput[];
}

/** An instance this runtime holds (its lock kept) while its local activities run. */
interface Hold {
  readonly locked: LockedOrchestrationItem;
  readonly engine: ReplayEngine;
  createdAt: number | undefined;
  /** Local activities whose results no turn has consumed yet, by {@link activityKey}. */
  readonly runs: Map<string, LocalRun>;
  /** Runs whose results the turn being committed consumed (their rows go with its commit). */
  consumed: LocalRun[];
  /** The instance's sticky version pin as this runtime last saw or wrote it. */
  versionPin: string | undefined;
  /** True once a continue-as-new consumed the instance's `nextVersion`. */
  nextVersionConsumed?: boolean;
}

function isActivity(locked: LockedWorkItem): locked is LockedActivity {
  return locked.item.type === 'ActivityExecute';
}

function activityKey(executionId: number, activityId: number): string {
  return `${executionId}|${activityId}`;
}

export interface OrchestrationDispatcherDeps {
  readonly provider: Provider;
  readonly worker: LocalActivityRunner;
  readonly registry: OrchestrationRegistry;
  readonly options: ResolvedRuntimeOptions;
  readonly cache: InstanceCache;
  readonly logger: Logger;
  readonly metrics: RuntimeMetrics;
  /** Decides the versions of the executions turns create (fleet policy). */
  readonly versions: VersionDecider;
}

type StartItem = WorkItemOfType<'StartOrchestration'> | WorkItemOfType<'ContinueAsNew'>;

export class OrchestrationDispatcher {
  readonly #d: OrchestrationDispatcherDeps;
  /** Instances whose code this runtime lacks, left to other nodes for a while. */
  readonly #deferred = new DeferralList();
  /** Instances held after a turn, waiting for their local activities. */
  readonly #holds = new Set<Promise<void>>();
  #stopping = false;
  #wakeHolds: (() => void) | undefined;
  #stopped: Promise<void>;

  constructor(deps: OrchestrationDispatcherDeps) {
    this.#d = deps;
    this.#stopped = new Promise((resolve) => (this.#wakeHolds = resolve));
  }

  /** Ends every hold (their locks are released, their activities report through the queue). */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wakeHolds?.();
    while (this.#holds.size > 0) await Promise.allSettled([...this.#holds]);
  }

  fetch(): Promise<LockedOrchestrationItem | null> {
    const { cache } = this.#d;
    return this.#d.provider.fetchOrchestrationItem({
      lockTimeoutMs: this.#d.options.orchestratorLockTimeoutMs,
      cachedHistory: (instanceId) => cache.hint(instanceId),
      excludeInstances: this.#deferred.active(),
      maxHistoryFormat: this.#d.options.historyFormat,
    });
  }

  async process(locked: LockedOrchestrationItem): Promise<void> {
    const { provider, options } = this.#d;
    this.#d.metrics.orchDispatcherItemsFetched++;
    const timeout = options.orchestratorLockTimeoutMs;
    const renewal = setInterval(() => {
      provider.renewOrchestrationItemLock(locked.lockToken, timeout).catch((error: unknown) => {
        this.#d.logger.debug(TARGET, 'lock renewal failed', { instanceId: locked.item.instanceId, error: String(error) });
        clearInterval(renewal);
      });
    }, renewalIntervalMs(timeout));
    try {
      await this.#turn(locked);
    } catch (error) {
      this.#d.cache.delete(locked.item.instanceId);
      this.#d.logger.error(TARGET, 'orchestration turn failed; abandoning the batch', {
        instanceId: locked.item.instanceId,
        error: String(error),
      });
      await this.#abandon(locked, 50);
    } finally {
      clearInterval(renewal);
    }
  }

  async #turn(locked: LockedOrchestrationItem): Promise<void> {
    const { item, attemptCount } = locked;
    const { registry, cache, options, logger } = this.#d;
    const instanceId = item.instanceId;
    const cached = cache.take(instanceId);
    let engine = item.historyCached ? cached?.engine : undefined;
    let history: readonly HistoryEvent[] = item.history;
    let kvSnapshot = item.kvSnapshot;
    if (item.historyCached && engine === undefined) {
      // The cache entry was evicted after the provider accepted the hint (which skipped both).
      history = await this.#d.provider.readHistory(instanceId, item.executionId);
      kvSnapshot = await this.#d.provider.readKvSnapshot(instanceId);
    }

    if (item.historyError !== undefined) {
      if (attemptCount > options.maxAttempts) {
        await this.#poison(locked, [], item.executionId, undefined, `history could not be read: ${item.historyError}`);
      } else {
        logger.warn(TARGET, 'history deserialization failed, abandoning with 1s backoff', { instanceId, error: item.historyError });
        await this.#abandon(locked, HISTORY_ERROR_DELAY_MS);
      }
      return;
    }

    if ((item.historyFormat ?? 1) > options.historyFormat) {
      // A guard for providers that ignore maxHistoryFormat: never replay a newer format.
      const delay = unregisteredDelayMs(attemptCount, options.unregisteredBackoff);
      this.#deferred.defer(instanceId, delay);
      logger.warn(TARGET, `instance recorded in history format ${item.historyFormat} (this node replays up to ${options.historyFormat}); leaving it to newer nodes`, { instanceId });
      await this.#abandon(locked, 0, true);
      return;
    }
    const requests = item.messages.filter((m): m is OperatorRequest => m.type === 'ResumeOrchestration' || m.type === 'RestartOrchestration');
    const messages = requests.length === 0 ? item.messages : item.messages.filter((m) => m.type !== 'ResumeOrchestration' && m.type !== 'RestartOrchestration');
    const starts = messages.filter((m): m is StartItem => m.type === 'StartOrchestration' || m.type === 'ContinueAsNew');
    let executionId = item.executionId;
    let start: StartItem | undefined;
    let applied: OperatorRequest | undefined;

    if (engine === undefined && history.length > 0) {
      const last = history[history.length - 1]!;
      if (last.type === 'OrchestrationCompleted' || last.type === 'OrchestrationFailed') {
        const resume = requests.find((r) => r.type === 'ResumeOrchestration' && r.executionId === executionId);
        if (resume !== undefined && last.type === 'OrchestrationFailed') {
          await resumeExecution(this.#resumeDeps(), locked, history, resume as Extract<OperatorRequest, { type: 'ResumeOrchestration' }>, messages, requests);
          return;
        }
        const restart = requests.find((r) => r.type === 'RestartOrchestration');
        if (restart === undefined || restart.type !== 'RestartOrchestration') {
          await this.#ackDiscard(locked, executionId, starts, 'instance already finished', requests);
          return;
        }
        applied = restart;
        start = { type: 'StartOrchestration', instance: instanceId, orchestration: restart.orchestration, input: restart.input, version: restart.version };
        executionId += 1;
        history = [];
      }
      if (start === undefined && last.type === 'OrchestrationContinuedAsNew') {
        start = starts.find((m) => m.type === 'ContinueAsNew');
        if (start === undefined) {
          await this.#ackDiscard(locked, executionId, starts, 'execution continued as new');
          return;
        }
        executionId += 1;
        history = [];
      }
    }
    if (engine === undefined && history.length === 0 && start === undefined) {
      start = starts.find((m) => m.type === 'StartOrchestration') ?? starts[0];
      if (start === undefined) {
        await this.#ackDiscard(locked, executionId, starts, 'no start message for an instance that has not started');
        return;
      }
    }
    const consumedStart = start;

    // Resolve the code: a new execution uses the requested version or the policy; an existing
    // one ALWAYS replays with the version recorded in its OrchestrationStarted (SPEC §5.3).
    let name: string;
    let version: string | undefined;
    if (start !== undefined) {
      name = start.orchestration;
      // Decided by the creator of the item; only items nobody could decide get decided here,
      // by the same fleet rule (never from this node's registry alone).
      version =
        start.version ??
        (await this.#d.versions.fleet.resolve(name, instanceId, {
          self: this.#d.versions.self,
          ...(start.type === 'ContinueAsNew' && item.orchestrationVersion !== undefined ? { currentVersion: item.orchestrationVersion } : {}),
        })).version;
    } else if (engine !== undefined) {
      name = engine.orchestrationName;
      version = engine.orchestrationVersion;
    } else {
      const first = history[0]!;
      name = first.type === 'OrchestrationStarted' ? first.name : (item.orchestrationName ?? 'unknown');
      version = first.type === 'OrchestrationStarted' ? first.version : item.orchestrationVersion;
    }
    const handler = version === undefined ? undefined : registry.get(name, version);
    if (handler === undefined) {
      const what = version === undefined ? `'${name}' (no version registered here)` : `'${name}'@${version}`;
      if (attemptCount > options.maxAttempts) {
        await this.#poison(locked, history, executionId, start,
          `orchestration ${what} is not registered on the runtimes that tried it; register it (or deploy a runtime that has it)`);
        return;
      }
      // Leave it visible to every other node at once, and skip it here for the backoff period.
      const delay = unregisteredDelayMs(attemptCount, options.unregisteredBackoff);
      this.#deferred.defer(instanceId, delay);
      logger.warn(TARGET, `orchestration ${what} not registered here; leaving it to other runtimes for ${delay} ms (poison after ${options.maxAttempts - attemptCount + 1} more attempts)`, {
        instanceId,
        orchestrationName: name,
        orchestrationVersion: version,
      });
      await this.#abandon(locked, 0);
      return;
    }

    if (attemptCount > options.maxAttempts) {
      await this.#poison(locked, history, executionId, start, undefined, engine?.lastEventId);
      return;
    }

    if (engine === undefined) {
      const startInfo: ExecutionStart | undefined =
        start === undefined
          ? undefined
          : {
              name,
              version: version!,
              input: start.input,
              parent: start.parent,
              carryForwardEvents: start.type === 'ContinueAsNew' ? start.carryForwardEvents : undefined,
              initialCustomStatus: start.type === 'ContinueAsNew' ? start.initialCustomStatus : undefined,
            };
      engine = await createReplayEngine(this.#d, { instanceId, executionId, history, start: startInfo, handler, kvSnapshot });
    }

    const rejected = this.#rejectExtraStarts(starts, consumedStart, instanceId, engine.parent);
    const result = await engine.runTurn(messages);
    const hold: Hold = {
      locked,
      engine,
      createdAt: item.instanceCreatedAt ?? cached?.instanceCreatedAt,
      runs: new Map(),
      consumed: [],
      versionPin: item.versionPin,
    };
    const audits = refuseOperatorRequests(requests.filter((r) => r !== applied), 'the instance is running; only a finished instance can be restarted, only a failed one resumed');
    if (applied !== undefined) {
      audits.push({
        at: Date.now(),
        actor: applied.actor,
        action: 'instance.restarted',
        target: `instance:${instanceId}`,
        reason: applied.reason,
        details: JSON.stringify({ requestId: applied.requestId, executionId, version }),
      });
    }
    if (await this.#afterTurn(hold, { result, start, extraItems: rejected, local: false, audits })) {
      // The hold outlives this slot's turn: the slot goes back to fetching.
      const held = this.#holdLoop(hold);
      this.#holds.add(held);
      void held.finally(() => this.#holds.delete(held));
    }
  }

  /**
   * Commits a turn. Its activities that this runtime can run (registered here, a worker slot
   * free) are claimed in the same commit — queued already locked to this runtime — and started
   * at once; when they usually finish quickly, the commit also keeps the instance lock, and the
   * caller holds the instance for their results. Returns true while the instance stays held.
   *
   * Every turn is committed before the activities it scheduled start, and the results a turn
   * consumed are committed with it, so a completed activity is never run again after a crash.
   */
  async #afterTurn(hold: Hold, turn: HeldTurn): Promise<boolean> {
    const { options, worker, metrics, cache } = this.#d;
    const { result } = turn;
    const instanceId = hold.engine.instanceId;
    for (const c of result.cancelledActivities) {
      const key = activityKey(c.executionId, c.activityId);
      const run = hold.runs.get(key);
      if (run === undefined) continue;
      hold.runs.delete(key);
      worker.cancelRunning(instanceId, c.executionId, c.activityId);
      this.#drop(run);
    }
    const cancelledNow = new Set(result.cancelledActivities.map((c) => activityKey(c.executionId, c.activityId)));
    const claim: number[] = [];
    const canStart = options.localActivities && !this.#stopping && result.status === 'Running';
    for (const [index, item] of result.workerItems.entries()) {
      if (!canStart || !worker.canRunLocally(item) || cancelledNow.has(activityKey(item.executionId, item.id))) continue;
      if (!worker.tryReserve()) break;
      claim.push(index);
    }
    const holdMs = options.localActivityHoldMs;
    const isQuick = (item: WorkItem): boolean => item.type === 'ActivityExecute' && worker.expectedDurationMs(item.name) <= holdMs;
    const quick = claim.some((i) => isQuick(result.workerItems[i]!)) || [...hold.runs.values()].some((r) => isQuick(r.locked.item));
    const keep = quick && holdMs > 0 && !this.#stopping && result.status === 'Running';
    const { item } = hold.locked;
    const versionMetadata = await stampVersions(this.#d.versions, result, hold.engine.orchestrationVersion, {
      versionPin: hold.versionPin,
      nextVersion: hold.nextVersionConsumed === true ? undefined : item.nextVersion,
    });
    if (result.started !== undefined && turn.start?.type === 'StartOrchestration' && turn.start.pinVersion === true) {
      hold.versionPin = result.started.version;
      Object.assign(versionMetadata, { versionPin: { value: result.started.version } });
    } else if (versionMetadata.versionPin !== undefined) {
      hold.versionPin = versionMetadata.versionPin.value ?? undefined;
    }
    if (versionMetadata.consumedNextVersion !== undefined) hold.nextVersionConsumed = true;
    const base = this.#toAck(hold.engine.executionId, result, turn.extraItems);
    const ack: OrchestrationAck = {
      ...base,
      metadata: {
        ...base.metadata,
        ...versionMetadata,
        ...(result.started !== undefined && options.historyFormat !== 1 ? { historyFormat: options.historyFormat } : {}),
      },
      ...(hold.consumed.length > 0 ? { completedWorkItems: hold.consumed.map((r) => r.locked.lockToken) } : {}),
    };
    const outcome = await this.#ack(hold.locked, ack, {
      ...(claim.length > 0 ? { claimWorkItems: { indexes: claim, lockTimeoutMs: options.workerLockTimeoutMs } } : {}),
      ...(keep ? { keepLock: { lockTimeoutMs: options.orchestratorLockTimeoutMs } } : {}),
    });
    if (outcome === undefined) {
      // Nothing was written (the instance lock is released). Consumed results still count,
      // through the worker queue, like those of activities still running.
      cache.delete(instanceId);
      for (let i = 0; i < claim.length; i++) worker.release();
      for (const run of hold.consumed) this.#handOffRun(run);
      hold.consumed = [];
      this.#handOff(hold);
      return false;
    }
    hold.engine.commit();
    hold.createdAt = outcome.instanceCreatedAt ?? hold.createdAt;
    if (turn.audits !== undefined && turn.audits.length > 0) void this.#audit(turn.audits);
    this.#count(result, turn.start);
    if (turn.local) metrics.localTurns++;
    for (let i = 0; i < hold.consumed.length; i++) worker.release();
    hold.consumed = [];
    for (let i = claim.length; i > outcome.claimedWorkItems.length; i--) worker.release();
    for (const locked of outcome.claimedWorkItems) {
      if (!isActivity(locked)) continue;
      hold.runs.set(activityKey(locked.item.executionId, locked.item.id), this.#startRun(locked));
    }
    if (outcome.lockKept && hold.runs.size > 0) return true;
    if (outcome.lockKept) await this.#abandon(hold.locked, 0, true);
    this.#handOff(hold);
    this.#keep(hold);
    return false;
  }

  /** Starts a claimed activity on its reserved worker slot. */
  #startRun(locked: LockedActivity): LocalRun {
    const run: LocalRun = {
      locked,
      settled: false,
      completion: null,
      done: this.#d.worker.runLocal(locked).then(
        (completion) => {
          run.completion = completion;
          run.settled = true;
        },
        () => {
          run.settled = true;
        },
      ),
    };
    return run;
  }

  /** A run nobody waits for any more (cancelled): its slot is freed when it stops. */
  #drop(run: LocalRun): void {
    void run.done.finally(() => this.#d.worker.release());
  }

  /** A run whose result goes through the worker queue; its slot is freed once that is acked. */
  #handOffRun(run: LocalRun): void {
    void run.done
      .then(() => (run.completion === null ? undefined : this.#d.worker.complete(run.locked.lockToken, run.completion)))
      .finally(() => this.#d.worker.release());
  }

  /** Hands every run of the hold to the worker queue. */
  #handOff(hold: Hold): void {
    for (const run of hold.runs.values()) this.#handOffRun(run);
    hold.runs.clear();
  }

  /** Caches the suspended engine so the next fetched turn costs O(new events). */
  #keep(hold: Hold): void {
    const { engine, createdAt } = hold;
    if (createdAt !== undefined && !engine.isFinished) this.#d.cache.put(engine.instanceId, { engine, instanceCreatedAt: createdAt });
  }

  /**
   * Holds the instance while its local activities run: each batch of results becomes the next
   * turn (see {@link #afterTurn}). Ends when nothing completes within `localActivityHoldMs`,
   * when a commit releases the lock, or on stop; late results then go through the worker queue.
   */
  async #holdLoop(hold: Hold): Promise<void> {
    const { provider, options, logger, cache } = this.#d;
    const { locked, engine } = hold;
    const instanceId = engine.instanceId;
    const timeout = options.orchestratorLockTimeoutMs;
    const renewal = setInterval(() => {
      provider.renewOrchestrationItemLock(locked.lockToken, timeout).catch((error: unknown) => {
        logger.debug(TARGET, 'held lock renewal failed', { instanceId, error: String(error) });
        clearInterval(renewal);
      });
    }, renewalIntervalMs(timeout));
    try {
      for (;;) {
        const ready = await this.#settled(hold);
        if (ready.length === 0) break;
        const completions: WorkItem[] = [];
        for (const run of ready) {
          hold.runs.delete(activityKey(run.locked.item.executionId, run.locked.item.id));
          if (run.completion === null) {
            this.#drop(run);
            continue;
          }
          hold.consumed.push(run);
          completions.push(run.completion);
        }
        if (completions.length === 0) {
          if (hold.runs.size === 0) break;
          continue;
        }
        const result = await engine.runTurn(completions);
        if (!(await this.#afterTurn(hold, { result, start: undefined, extraItems: [], local: true }))) return;
      }
      await this.#abandon(locked, 0, true);
      this.#handOff(hold);
      this.#keep(hold);
    } catch (error) {
      cache.delete(instanceId);
      logger.error(TARGET, 'orchestration turn failed while holding the instance; abandoning', { instanceId, error: String(error) });
      for (const run of hold.consumed) this.#handOffRun(run);
      hold.consumed = [];
      this.#handOff(hold);
      await this.#abandon(locked, 50, true);
    } finally {
      clearInterval(renewal);
    }
  }

  /**
   * Waits until at least one local activity has settled, then lets those finishing at the same
   * moment settle too; returns the settled ones, or none after `localActivityHoldMs` or on stop.
   */
  async #settled(hold: Hold): Promise<LocalRun[]> {
    const runs = [...hold.runs.values()];
    if (!runs.some((r) => r.settled) && !this.#stopping) {
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.#d.options.localActivityHoldMs);
      });
      await Promise.race([...runs.map((r) => r.done), expired, this.#stopped]);
      clearTimeout(timer);
    }
    if (this.#stopping) return [];
    await drainMicrotasks();
    return runs.filter((r) => r.settled);
  }

  #toAck(executionId: number, r: TurnResult, extraItems: WorkItem[]): OrchestrationAck {
    return {
      executionId,
      historyDelta: r.historyDelta,
      workerItems: r.workerItems,
      orchestratorItems: extraItems.length === 0 ? r.orchestratorItems : [...r.orchestratorItems, ...extraItems],
      cancelledActivities: r.cancelledActivities,
      metadata: {
        status: r.status === 'Running' ? undefined : r.status,
        output: r.output,
        orchestrationName: r.started?.name,
        orchestrationVersion: r.started?.version,
        parentInstanceId: r.started?.parent?.instanceId,
        pinnedDuroxideVersion: r.started?.duroxideVersion,
        customStatus: r.customStatus,
      },
    };
  }

  /**
   * A start for an instance id that is already in use (A1): dropped. When it came from a
   * parent orchestration, the parent is told, so it does not wait forever.
   */
  #rejectExtraStarts(starts: StartItem[], consumed: StartItem | undefined, instanceId: string, owner: ParentLink | undefined): WorkItem[] {
    const replies: WorkItem[] = [];
    for (const s of starts) {
      if (s === consumed || s.type !== 'StartOrchestration') continue;
      const p = s.parent;
      if (p !== undefined && !(owner !== undefined && owner.instanceId === p.instanceId && owner.scheduleEventId === p.scheduleEventId && owner.executionId === p.executionId)) {
        replies.push({
          type: 'SubOrchFailed',
          parentInstance: p.instanceId,
          parentExecutionId: p.executionId,
          parentId: p.scheduleEventId,
          details: applicationError('OrchestrationFailed', `sub-orchestration instance id '${instanceId}' is already in use by another instance`),
        });
      } else {
        this.#d.logger.warn(TARGET, 'ignoring a start for an instance that already exists', { instanceId });
      }
    }
    return replies;
  }

  #resumeDeps(): ResumeDeps {
    const { provider, registry, options, logger, versions } = this.#d;
    return {
      provider,
      registry,
      options,
      logger,
      versions,
      createEngine: (args) => createReplayEngine(this.#d, args),
      commit: async (locked, ack) => (await this.#ack(locked, ack)) !== undefined,
      discard: (locked, why, audits) => this.#ackDiscard(locked, locked.item.executionId, [], why, [], audits),
      defer: async (locked, what) => {
        const delay = unregisteredDelayMs(locked.attemptCount, options.unregisteredBackoff);
        this.#deferred.defer(locked.item.instanceId, delay);
        logger.warn(TARGET, `resume needs orchestration ${what}, not registered here; leaving it to other runtimes for ${delay} ms`, { instanceId: locked.item.instanceId });
        await this.#abandon(locked, 0);
      },
      audit: (entries) => this.#audit(entries),
    };
  }

  /** Writes audit entries; a failure is logged, never fails the turn (it is committed). */
  async #audit(entries: readonly AuditEntryInput[]): Promise<void> {
    for (const entry of entries) {
      try {
        await this.#d.provider.appendAudit?.(entry);
      } catch (error) {
        this.#d.logger.warn(TARGET, 'could not write an audit entry', { action: entry.action, target: entry.target, error: String(error) });
      }
    }
  }

  /** Acks a batch without changes (its messages are consumed and dropped). */
  async #ackDiscard(
    locked: LockedOrchestrationItem,
    executionId: number,
    starts: StartItem[],
    why: string,
    requests: readonly OperatorRequest[] = [],
    audits: readonly AuditEntryInput[] = refuseOperatorRequests(requests, why),
  ): Promise<void> {
    this.#d.logger.debug(TARGET, `discarding ${locked.item.messages.length} message(s): ${why}`, { instanceId: locked.item.instanceId });
    const replies = this.#rejectExtraStarts(starts, undefined, locked.item.instanceId, undefined);
    await this.#ack(locked, {
      executionId,
      historyDelta: [],
      workerItems: [],
      orchestratorItems: replies,
      cancelledActivities: [],
      metadata: {},
    });
    if (audits.length > 0) await this.#audit(audits);
  }

  /** Poison path (SPEC §3.9.6): fail the execution with a reason instead of retrying forever. */
  async #poison(
    locked: LockedOrchestrationItem,
    history: readonly HistoryEvent[],
    executionId: number,
    start: StartItem | undefined,
    reason: string | undefined,
    lastEventId?: number,
  ): Promise<void> {
    const { item, attemptCount } = locked;
    const { options, metrics, logger } = this.#d;
    metrics.orchPoison++;
    const message = `poison: orchestration ${item.instanceId} exceeded ${attemptCount} attempts (max ${options.maxAttempts})${reason === undefined ? '' : `: ${reason}`}`;
    logger.warn(TARGET, 'orchestration message exceeded max attempts, marking as poison', { instanceId: item.instanceId, reason });
    const details: ErrorDetails = {
      category: 'poison',
      kind: 'Orchestration',
      message,
      details: { attemptCount, maxAttempts: options.maxAttempts, executionId },
    };
    const now = Date.now();
    const event = (eventId: number, kind: EventKind): HistoryEvent =>
      ({ eventId, instanceId: item.instanceId, executionId, timestampMs: now, duroxideVersion: DUROXIDE_VERSION, ...kind });
    const delta: HistoryEvent[] = [];
    let parent: ParentLink | undefined;
    let name = item.orchestrationName;
    let version = item.orchestrationVersion;
    if (history.length === 0 && lastEventId === undefined && item.historyError === undefined) {
      // Never started: synthesize OrchestrationStarted so the instance exists and can be deleted.
      name = start?.orchestration ?? name ?? 'unknown';
      version = start?.version ?? this.#d.registry.resolveVersion(name) ?? 'unknown';
      parent = start?.parent;
      delta.push(event(1, { type: 'OrchestrationStarted', name, version, input: start?.input ?? 'null', parent }));
      delta.push(event(2, { type: 'OrchestrationFailed', details }));
    } else {
      const first = history[0];
      if (first?.type === 'OrchestrationStarted') parent = first.parent;
      const last = lastEventId ?? history[history.length - 1]?.eventId ?? SENTINEL_EVENT_ID - 1;
      delta.push(event(item.historyError !== undefined ? SENTINEL_EVENT_ID : last + 1, { type: 'OrchestrationFailed', details }));
    }
    const started = delta[0]?.type === 'OrchestrationStarted';
    await this.#ack(locked, {
      executionId,
      historyDelta: delta,
      workerItems: [],
      orchestratorItems:
        parent === undefined
          ? []
          : [{ type: 'SubOrchFailed', parentInstance: parent.instanceId, parentExecutionId: parent.executionId, parentId: parent.scheduleEventId, details }],
      cancelledActivities: [],
      metadata: {
        status: 'Failed',
        output: displayMessage(details),
        orchestrationName: started ? name : undefined,
        orchestrationVersion: started ? version : undefined,
        parentInstanceId: started ? parent?.instanceId : undefined,
        pinnedDuroxideVersion: started ? DUROXIDE_VERSION : undefined,
      },
    });
    this.#d.cache.delete(item.instanceId);
  }

  /**
   * Commits with retries for transient errors (SPEC §3.1 step 14). Returns undefined on failure
   * (the batch is abandoned).
   */
  async #ack(locked: LockedOrchestrationItem, ack: OrchestrationAck, options: OrchestrationAckOptions = {}): Promise<OrchestrationAckResult | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#d.provider.ackOrchestrationItem(locked.lockToken, ack, options);
      } catch (error) {
        this.#d.metrics.providerErrors++;
        const retryable = isDuroxideError(error) && error.retryable;
        const delay = ACK_RETRY_DELAYS_MS[attempt];
        if (retryable && delay !== undefined) {
          await new Promise((r) => setTimeout(r, delay));
          continue;
        }
        this.#d.logger.warn(TARGET, 'ack failed; the batch will be retried', {
          instanceId: locked.item.instanceId,
          error: String(error),
        });
        await this.#abandon(locked, 50);
        return undefined;
      }
    }
  }

  async #abandon(locked: LockedOrchestrationItem, delayMs: number, ignoreAttempt = false): Promise<void> {
    try {
      await this.#d.provider.abandonOrchestrationItem(locked.lockToken, { delayMs, ignoreAttempt });
    } catch (error) {
      // The lock may be gone (expired or the instance deleted); the item comes back on its own.
      this.#d.logger.debug(TARGET, 'abandon failed', { instanceId: locked.item.instanceId, error: String(error) });
    }
  }

  #count(r: TurnResult, start: StartItem | undefined): void {
    const m = this.#d.metrics;
    if (r.started !== undefined && start?.type === 'StartOrchestration') m.orchStarts++;
    if (r.status === 'Completed') m.orchCompletions++;
    if (r.status === 'ContinuedAsNew') m.orchContinueAsNew++;
    if (r.status === 'Failed') {
      m.orchFailures++;
      const category = r.error?.category;
      if (category === 'application') m.orchApplicationErrors++;
      else if (category === 'configuration') m.orchConfigurationErrors++;
      else if (category === 'infrastructure') m.orchInfrastructureErrors++;
      const level = category === 'application' ? 'warn' : 'error';
      this.#d.logger.log(level, TARGET, category === 'application' ? 'orchestration failed (application error)' : 'orchestration failed', {
        instanceId: r.historyDelta[0]?.instanceId,
        error: r.output,
      });
    }
    for (const e of r.historyDelta) if (e.type === 'SubOrchestrationScheduled') m.suborchestrationCalls++;
  }
}
