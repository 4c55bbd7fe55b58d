/**
 * The local path (ADR 0004, docs/performance.md): a turn's ack claims the activities it
 * schedules that this runtime can run (inserted already locked to it) and, when they usually
 * finish quickly, keeps the instance lock. The activities run at once; their completions go straight into the
 * next turn, committed with the same lock — one commit per step instead of ack, worker fetch,
 * worker ack, orchestration fetch and ack. When the hold ends (time's up, a message waits for
 * the instance, the execution ends, the runtime stops), remaining activities report through the
 * worker queue as usual.
 *
 * Every turn is committed before the activities it scheduled start, and the results a turn
 * consumed are committed with it, so a completed activity is never run again after a crash.
 * @module
 */
import type { WorkItem, WorkItemOfType } from '../../core/history/work-item.js';
import type { ReplayEngine } from '../../core/replay/replay-engine.js';
import type { TurnResult } from '../../core/replay/turn-result.js';
import type {
  AuditEntryInput,
  LockedOrchestrationItem,
  LockedWorkItem,
  OrchestrationAck,
  Provider,
} from '../../providers/provider.js';
import { drainMicrotasks } from '../engine-factory.js';
import type { CodeWatchdog } from '../code-watchdog.js';
import type { InstanceCache } from '../instance-cache.js';
import type { Logger } from '../logger.js';
import type { RuntimeMetrics } from '../metrics.js';
import type { Observability, TurnObservation } from '../observability/observability.js';
import type { ResolvedRuntimeOptions } from '../options.js';
import { keepInstanceLockRenewed } from './lock-renewal.js';
import type { StartItem } from './batch-resolution.js';
import { countTurn, turnAck, type TurnCommitter } from './turn-commit.js';
import { stampVersions, type VersionDecider } from './version-stamping.js';
import type { WorkerSlots } from './worker-slots.js';

const TARGET = 'duroxide::runtime::dispatchers::orchestration';
/** Backoff of a batch abandoned after a failed turn (it comes back to some runtime). */
const FAILED_TURN_DELAY_MS = 50;

/** What the orchestration dispatcher needs from the worker side to run activities locally. */
export interface LocalActivityRunner {
  canRunLocally(item: WorkItem): item is WorkItemOfType<'ActivityExecute'>;
  /** Worker slots, shared by fetched and local activities. */
  readonly slots: WorkerSlots;
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

/** One turn to commit on an instance this runtime holds (or has just fetched). */
export interface HeldTurn {
  readonly result: TurnResult;
  readonly start: StartItem | undefined;
  /** Messages the runtime adds to the turn's ack (replies to rejected starts). */
  readonly extraItems: readonly WorkItem[];
  /** Run on results of local activities, without a fetch. */
  readonly local: boolean;
  /** Audit entries written once the turn is committed (operator requests it applied or refused). */
  readonly audits?: readonly AuditEntryInput[];
  /** Its metrics and span, ended when it is committed (or not). */
  readonly observation?: TurnObservation;
}

/** An instance this runtime holds (its lock kept) while its local activities run. */
export interface Hold {
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

/** A hold for the batch just fetched; it becomes one only if its first commit keeps the lock. */
export function newHold(
  locked: LockedOrchestrationItem,
  engine: ReplayEngine,
  createdAt: number | undefined,
): Hold {
  return {
    locked,
    engine,
    createdAt,
    runs: new Map(),
    consumed: [],
    versionPin: locked.item.versionPin,
  };
}

function isActivity(locked: LockedWorkItem): locked is LockedActivity {
  return locked.item.type === 'ActivityExecute';
}

function activityKey(executionId: number, activityId: number): string {
  return `${executionId}|${activityId}`;
}

export interface LocalActivityHoldsDeps {
  readonly provider: Provider;
  readonly worker: LocalActivityRunner;
  readonly options: ResolvedRuntimeOptions;
  readonly cache: InstanceCache;
  readonly logger: Logger;
  readonly metrics: RuntimeMetrics;
  readonly observability: Observability;
  readonly versions: VersionDecider;
  readonly commit: TurnCommitter;
  readonly watchdog?: CodeWatchdog | undefined;
}

/** Commits turns and holds instances for their local activities. */
export class LocalActivityHolds {
  readonly #d: LocalActivityHoldsDeps;
  /** Hold loops running (each outlives the dispatcher slot that fetched its instance). */
  readonly #holds = new Set<Promise<void>>();
  #stopping = false;
  #wake: (() => void) | undefined;
  readonly #stopped: Promise<void>;

  constructor(deps: LocalActivityHoldsDeps) {
    this.#d = deps;
    this.#stopped = new Promise((resolve) => (this.#wake = resolve));
  }

  /** Ends every hold (their locks are released, their activities report through the queue). */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    while (this.#holds.size > 0) await Promise.allSettled([...this.#holds]);
  }

  /**
   * Commits the first turn of a fetched batch; when the commit keeps the instance lock, holds
   * the instance in the background (the dispatcher slot goes back to fetching).
   */
  async commitFetchedTurn(hold: Hold, turn: HeldTurn): Promise<void> {
    if (!(await this.#commitTurn(hold, turn))) return;
    const held = this.#holdLoop(hold);
    this.#holds.add(held);
    void held.finally(() => this.#holds.delete(held));
  }

  /**
   * Commits a turn. Its activities that this runtime can run (registered here, a worker slot
   * free) are claimed in the same commit — queued already locked to this runtime — and started
   * at once; when they usually finish quickly, the commit also keeps the instance lock, and the
   * caller holds the instance for their results. Returns true while the instance stays held.
   */
  async #commitTurn(hold: Hold, turn: HeldTurn): Promise<boolean> {
    const { options, worker, metrics, cache, commit, logger } = this.#d;
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
    const cancelledNow = new Set(
      result.cancelledActivities.map((c) => activityKey(c.executionId, c.activityId)),
    );
    const canStart = options.localActivities && !this.#stopping && result.status === 'Running';
    const claimable: number[] = [];
    for (const [index, item] of result.workerItems.entries()) {
      if (
        !canStart ||
        !worker.canRunLocally(item) ||
        cancelledNow.has(activityKey(item.executionId, item.id))
      )
        continue;
      claimable.push(index);
    }
    // As many as there are free worker slots, in schedule order.
    const claim = claimable.slice(0, worker.slots.reserveUpTo(claimable.length));
    const holdMs = options.localActivityHoldMs;
    const isQuick = (item: WorkItem): boolean =>
      item.type === 'ActivityExecute' && worker.expectedDurationMs(item.name) <= holdMs;
    const quick =
      claim.some((i) => isQuick(result.workerItems[i]!)) ||
      [...hold.runs.values()].some((r) => isQuick(r.locked.item));
    const keep = quick && holdMs > 0 && !this.#stopping && result.status === 'Running';
    const outcome = await commit.ack(hold.locked, await this.#turnAck(hold, turn), {
      ...(claim.length > 0
        ? {
            claimWorkItems: {
              indexes: claim,
              lockTimeoutMs: options.workerLockTimeoutMs,
              lockOwner: this.#d.versions.self.nodeId,
            },
          }
        : {}),
      ...(keep ? { keepLock: { lockTimeoutMs: options.orchestratorLockTimeoutMs } } : {}),
    });
    if (outcome === undefined) {
      // Nothing was written (the instance lock is released). Consumed results still count,
      // through the worker queue, like those of activities still running.
      turn.observation?.failed('the commit failed');
      cache.delete(instanceId);
      worker.slots.release(claim.length);
      for (const run of hold.consumed) this.#handOffRun(run);
      hold.consumed = [];
      this.#handOff(hold);
      return false;
    }
    hold.engine.commit();
    hold.createdAt = outcome.instanceCreatedAt ?? hold.createdAt;
    if (turn.audits !== undefined && turn.audits.length > 0) void commit.audit(turn.audits);
    countTurn(metrics, logger, result, turn.start);
    turn.observation?.committed(result, turn.start);
    if (turn.local) metrics.localTurns++;
    worker.slots.release(hold.consumed.length);
    hold.consumed = [];
    // Claims the commit could not make (the row was gone) give their slots back.
    worker.slots.release(claim.length - outcome.claimedWorkItems.length);
    for (const locked of outcome.claimedWorkItems) {
      if (!isActivity(locked)) continue;
      hold.runs.set(activityKey(locked.item.executionId, locked.item.id), this.#startRun(locked));
    }
    if (outcome.lockKept && hold.runs.size > 0) return true;
    if (outcome.lockKept) await commit.abandon(hold.locked, 0, true);
    this.#handOff(hold);
    this.#keep(hold);
    return false;
  }

  /** The turn's ack: its result, the versions it decided, and the local results it consumed. */
  async #turnAck(hold: Hold, turn: HeldTurn): Promise<OrchestrationAck> {
    const { result } = turn;
    const { item } = hold.locked;
    const versionMetadata = await stampVersions(
      this.#d.versions,
      result,
      hold.engine.orchestrationVersion,
      {
        versionPin: hold.versionPin,
        nextVersion: hold.nextVersionConsumed === true ? undefined : item.nextVersion,
      },
    );
    if (
      result.started !== undefined &&
      turn.start?.type === 'StartOrchestration' &&
      turn.start.pinVersion === true
    ) {
      hold.versionPin = result.started.version;
      Object.assign(versionMetadata, { versionPin: { value: result.started.version } });
    } else if (versionMetadata.versionPin !== undefined) {
      hold.versionPin = versionMetadata.versionPin.value ?? undefined;
    }
    if (versionMetadata.consumedNextVersion !== undefined) hold.nextVersionConsumed = true;
    const unstamped = turnAck(hold.engine.executionId, result, turn.extraItems);
    const observation = turn.observation;
    const base =
      observation === undefined
        ? unstamped
        : {
            ...unstamped,
            workerItems: observation.stamp(unstamped.workerItems),
            orchestratorItems: observation.stamp(unstamped.orchestratorItems),
          };
    const format = this.#d.options.historyFormat;
    return {
      ...base,
      metadata: {
        ...base.metadata,
        ...versionMetadata,
        ...(result.started !== undefined && format !== 1 ? { historyFormat: format } : {}),
      },
      ...(hold.consumed.length > 0
        ? { completedWorkItems: hold.consumed.map((r) => r.locked.lockToken) }
        : {}),
    };
  }

  /**
   * Holds the instance while its local activities run: each batch of results becomes the next
   * turn (see {@link #commitTurn}). Ends when nothing completes within `localActivityHoldMs`,
   * when a commit releases the lock, or on stop; late results then go through the worker queue.
   */
  async #holdLoop(hold: Hold): Promise<void> {
    const { logger, cache, commit } = this.#d;
    const { locked, engine } = hold;
    const instanceId = engine.instanceId;
    const renewal = keepInstanceLockRenewed(this.#d, locked, 'held lock renewal failed');
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
        const observation = this.#d.observability.turn(engine);
        // Watched like a fetched turn; stopped code ends the hold (the retry then fails it).
        const guard = this.#d.watchdog?.arm(instanceId);
        const run =
          guard === undefined
            ? engine.runTurn(completions)
            : Promise.race([engine.runTurn(completions), guard.aborted]).finally(() =>
                guard.disarm(),
              );
        const result = await run.catch((error: unknown) => {
          observation.failed(error);
          throw error;
        });
        const turn = { result, start: undefined, extraItems: [], local: true, observation };
        if (!(await this.#commitTurn(hold, turn))) return;
      }
      await commit.abandon(locked, 0, true);
      this.#handOff(hold);
      this.#keep(hold);
    } catch (error) {
      cache.delete(instanceId);
      logger.error(TARGET, 'orchestration turn failed while holding the instance; abandoning', {
        instanceId,
        error: String(error),
      });
      for (const run of hold.consumed) this.#handOffRun(run);
      hold.consumed = [];
      this.#handOff(hold);
      await commit.abandon(locked, FAILED_TURN_DELAY_MS, true);
    } finally {
      renewal.stop();
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
    void run.done.finally(() => this.#d.worker.slots.release());
  }

  /** A run whose result goes through the worker queue; its slot is freed once that is acked. */
  #handOffRun(run: LocalRun): void {
    void run.done
      .then(() =>
        run.completion === null
          ? undefined
          : this.#d.worker.complete(run.locked.lockToken, run.completion),
      )
      .finally(() => this.#d.worker.slots.release());
  }

  /** Hands every run of the hold to the worker queue. */
  #handOff(hold: Hold): void {
    for (const run of hold.runs.values()) this.#handOffRun(run);
    hold.runs.clear();
  }

  /** Caches the suspended engine so the next fetched turn costs O(new events). */
  #keep(hold: Hold): void {
    const { engine, createdAt } = hold;
    if (createdAt !== undefined && !engine.isFinished)
      this.#d.cache.put(engine.instanceId, { engine, instanceCreatedAt: createdAt });
  }
}
