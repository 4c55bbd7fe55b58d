/**
 * Runs orchestration turns: fetch a locked batch for one instance, decide what to do
 * with it ({@link resolveBatch}, {@link resolveCode} — pure), run the replay engine, and commit
 * the result in one atomic ack. Missing code versions are abandoned with backoff (rolling
 * deployments); items that keep failing become poison after `maxAttempts`.
 *
 * A turn's commit may keep the instance lock while the activities it scheduled run in this
 * process (local-activity-hold.ts).
 * @module
 */
import type { ParentLink } from '../../core/history/history-event.js';
import type { WorkItem } from '../../core/history/work-item.js';
import { applicationError, type ErrorDetails } from '../../core/errors/error-details.js';
import { ERROR_CODES, isDuroxideError } from '../../core/errors/duroxide-error.js';
import { ERROR_VOCABULARY } from '../../core/errors/error-codes.js';
import type { ReplayEngine } from '../../core/replay/replay-engine.js';
import type {
  AuditEntryInput,
  LockedOrchestrationItem,
  OrchestrationItem,
  PoisonHandling,
  Provider,
} from '../../providers/provider.js';
import { DeferralList } from '../deferral-list.js';
import { createReplayEngine } from '../engine-factory.js';
import type { CodeWatchdog } from '../code-watchdog.js';
import type { InstanceCache } from '../instance-cache.js';
import type { Logger } from '../logger.js';
import type { RuntimeMetrics } from '../metrics.js';
import type { Observability } from '../observability/observability.js';
import { unregisteredDelayMs, type ResolvedRuntimeOptions } from '../options.js';
import type { OrchestrationRegistry } from '../registry.js';
import {
  executionCode,
  resolveBatch,
  resolveCode,
  type BatchInput,
  type ExecutionCode,
  type ExistingExecution,
  type NewExecution,
  type ResolutionLimits,
  type StartItem,
} from './batch-resolution.js';
import { LocalActivityHolds, newHold, type LocalActivityRunner } from './local-activity-hold.js';
import { keepInstanceLockRenewed } from './lock-renewal.js';
import {
  refuseOperatorRequests,
  restartedAudit,
  resumeExecution,
  type OperatorRequest,
  type ResumeDeps,
} from './operator-requests.js';
import { poisonAck, storedEventCount, type PoisonedBatch } from './poison.js';
import { poisonHandling } from './poison-handling.js';
import { TurnCommitter } from './turn-commit.js';
import type { VersionDecider } from './version-stamping.js';

const TARGET = 'duroxide::runtime::dispatchers::orchestration';
/** Backoff of a batch whose stored history does not parse (until it becomes poison). */
const HISTORY_ERROR_DELAY_MS = 1000;
/** Backoff of a batch abandoned after a failed turn. */
const FAILED_TURN_DELAY_MS = 50;
const RUNNING_REFUSAL =
  'the instance is running; only a finished instance can be restarted, only a failed one resumed';

export interface OrchestrationDispatcherDeps {
  readonly provider: Provider;
  readonly worker: LocalActivityRunner;
  readonly registry: OrchestrationRegistry;
  readonly options: ResolvedRuntimeOptions;
  readonly cache: InstanceCache;
  readonly logger: Logger;
  readonly metrics: RuntimeMetrics;
  readonly observability: Observability;
  /** Decides the versions of the executions turns create (fleet policy). */
  readonly versions: VersionDecider;
  /** Bounds how long orchestration code runs without yielding; absent when turned off. */
  readonly watchdog?: CodeWatchdog | undefined;
}

export class OrchestrationDispatcher {
  readonly #d: OrchestrationDispatcherDeps;
  readonly #fetchPoison: PoisonHandling;
  readonly #commit: TurnCommitter;
  readonly #holds: LocalActivityHolds;
  /** Failures to record instead of running the code: instances whose code the watchdog stopped. */
  readonly #stopped = new Map<string, ErrorDetails>();
  /** Instances whose code this runtime lacks, left to other nodes for a while. */
  readonly #deferred = new DeferralList();

  constructor(deps: OrchestrationDispatcherDeps) {
    this.#d = deps;
    this.#fetchPoison = poisonHandling(deps.options.limits.maxPayloadBytes, deps.logger);
    this.#commit = new TurnCommitter(deps);
    this.#holds = new LocalActivityHolds({
      ...deps,
      commit: this.#commit,
      get watchdog() {
        return deps.watchdog;
      },
    });
  }

  /** Ends every hold (their locks are released, their activities report through the queue). */
  stop(): Promise<void> {
    return this.#holds.stop();
  }

  fetch(): Promise<LockedOrchestrationItem | null> {
    const { cache } = this.#d;
    return this.#d.provider.fetchOrchestrationItem({
      lockTimeoutMs: this.#d.options.orchestratorLockTimeoutMs,
      cachedHistory: (instanceId) => cache.hint(instanceId),
      excludeInstances: this.#deferred.active(),
      maxHistoryFormat: this.#d.options.historyFormat,
      ...this.#fetchPoison,
    });
  }

  async process(locked: LockedOrchestrationItem): Promise<void> {
    this.#d.metrics.orchDispatcherItemsFetched++;
    this.#d.observability.instruments.orchestrationItemsFetched.inc();
    const renewal = keepInstanceLockRenewed(this.#d, locked, 'lock renewal failed');
    const instanceId = locked.item.instanceId;
    const guard = this.#d.watchdog?.arm(instanceId);
    try {
      // The turn's code may never yield back (stopped mid-loop): the guard's rejection ends it.
      await (guard === undefined
        ? this.#turn(locked)
        : Promise.race([this.#turn(locked), guard.aborted]));
    } catch (error) {
      this.#d.cache.delete(instanceId);
      if (isDuroxideError(error) && error.code === ERROR_CODES.ORCHESTRATION_CODE_TIMEOUT) {
        guard?.disarm();
        return this.#failStoppedCode(locked, error);
      }
      this.#d.logger.error(TARGET, 'orchestration turn failed; abandoning the batch', {
        instanceId: locked.item.instanceId,
        error: String(error),
      });
      await this.#commit.abandon(locked, FAILED_TURN_DELAY_MS);
    } finally {
      guard?.disarm();
      renewal.stop();
    }
  }

  /**
   * Fails the execution whose code the watchdog stopped: the batch is resolved again (the engine
   * is gone) and poisoned at once with the timeout as its failure, instead of being retried.
   */
  async #failStoppedCode(locked: LockedOrchestrationItem, error: Error): Promise<void> {
    const instanceId = locked.item.instanceId;
    this.#stopped.set(instanceId, {
      category: 'configuration',
      kind: ERROR_VOCABULARY.ORCHESTRATION_CODE_TIMEOUT.kind,
      message: error.message,
      retryable: false,
      details: { timeoutMs: this.#d.options.orchestrationCodeTimeoutMs },
    });
    try {
      await this.#turn(locked);
    } catch (failure) {
      this.#d.logger.error(TARGET, 'failing stopped orchestration code failed; abandoning', {
        instanceId,
        error: String(failure),
      });
      await this.#commit.abandon(locked, FAILED_TURN_DELAY_MS);
    } finally {
      this.#stopped.delete(instanceId);
    }
  }

  get #limits(): ResolutionLimits {
    return this.#d.options;
  }

  /** Resolves the batch and carries the decision out. */
  async #turn(locked: LockedOrchestrationItem): Promise<void> {
    const { item, attemptCount } = locked;
    const { provider, cache, logger } = this.#d;
    const instanceId = item.instanceId;
    const cachedEntry = cache.take(instanceId);
    const engine = item.historyCached ? cachedEntry?.engine : undefined;
    let history = item.history;
    let kvSnapshot = item.kvSnapshot;
    if (item.historyCached && engine === undefined) {
      // The cache entry was evicted after the provider accepted the hint (which skipped both).
      history = await provider.readHistory(instanceId, item.executionId);
      kvSnapshot = await provider.readKvSnapshot(instanceId);
    }
    const cached =
      engine === undefined
        ? undefined
        : { name: engine.orchestrationName, version: engine.orchestrationVersion };
    const batch = resolveBatch({ item, history, cached, attemptCount, limits: this.#limits });
    switch (batch.kind) {
      case 'retryUnreadable':
        logger.warn(TARGET, 'history deserialization failed, abandoning with 1s backoff', {
          instanceId,
          error: batch.error,
        });
        return this.#commit.abandon(locked, HISTORY_ERROR_DELAY_MS);
      case 'poison':
        return this.#poison(
          {
            locked,
            history: [],
            executionId: item.executionId,
            start: undefined,
            reason: batch.reason,
            lastEventId: undefined,
          },
          engine,
        );
      case 'deferFormat':
        this.#deferred.defer(instanceId, batch.delayMs);
        logger.warn(
          TARGET,
          `instance recorded in history format ${batch.historyFormat} (this node replays up to ${this.#limits.historyFormat}); leaving it to newer nodes`,
          { instanceId },
        );
        return this.#commit.abandon(locked, 0, true);
      case 'resume':
        return resumeExecution(
          this.#resumeDeps(),
          locked,
          batch.history,
          batch.request,
          batch.messages,
          batch.requests,
        );
      case 'discard':
        return this.#discard(locked, batch.executionId, batch.starts, batch.why, batch.refuse);
      case 'newExecution':
      case 'existingExecution':
        return this.#execute(locked, batch, {
          engine,
          kvSnapshot,
          createdAt: item.instanceCreatedAt ?? cachedEntry?.instanceCreatedAt,
          cached,
        });
    }
  }

  /** Runs a turn on the batch's execution, if this node has its code. */
  async #execute(
    locked: LockedOrchestrationItem,
    target: NewExecution | ExistingExecution,
    known: {
      readonly engine: ReplayEngine | undefined;
      readonly kvSnapshot: OrchestrationItem['kvSnapshot'];
      readonly createdAt: number | undefined;
      readonly cached: BatchInput['cached'];
    },
  ): Promise<void> {
    const { item, attemptCount } = locked;
    const { registry, logger } = this.#d;
    const instanceId = item.instanceId;
    const code = await this.#decideCode(
      target,
      executionCode(target, { item, cached: known.cached }),
      item.orchestrationVersion,
    );
    const decision = resolveCode({
      code,
      handler: code.version === undefined ? undefined : registry.get(code.name, code.version),
      attemptCount,
      limits: this.#limits,
    });
    const start = target.kind === 'newExecution' ? target.start : undefined;
    const history = target.kind === 'newExecution' ? [] : target.history;
    const stopped = this.#stopped.get(instanceId);
    if (stopped !== undefined) {
      return this.#poison(
        {
          locked,
          history,
          executionId: target.executionId,
          start,
          reason: undefined,
          lastEventId: known.engine?.lastEventId,
          failure: stopped,
        },
        known.engine,
      );
    }
    switch (decision.kind) {
      case 'poison':
        return this.#poison(
          {
            locked,
            history,
            executionId: target.executionId,
            start,
            reason: decision.reason,
            lastEventId: known.engine?.lastEventId,
          },
          known.engine,
        );
      case 'deferCode':
        // Leave it visible to every other node at once, and skip it here for the backoff period.
        this.#deferred.defer(instanceId, decision.delayMs);
        logger.warn(
          TARGET,
          `orchestration ${decision.what} not registered here; leaving it to other runtimes for ${decision.delayMs} ms (poison after ${decision.attemptsLeft} more attempts)`,
          {
            instanceId,
            orchestrationName: code.name,
            orchestrationVersion: code.version,
          },
        );
        return this.#commit.abandon(locked, 0);
      case 'run':
        break;
    }
    const engine =
      known.engine ??
      (await createReplayEngine(this.#d, {
        instanceId,
        executionId: target.executionId,
        history,
        start:
          start === undefined
            ? undefined
            : {
                name: code.name,
                version: code.version!,
                input: start.input,
                parent: start.parent,
                carryForwardEvents:
                  start.type === 'ContinueAsNew' ? start.carryForwardEvents : undefined,
                initialCustomStatus:
                  start.type === 'ContinueAsNew' ? start.initialCustomStatus : undefined,
                traceContext: this.#d.observability.tracer?.startExecution(
                  {
                    instanceId,
                    executionId: target.executionId,
                    orchestrationName: code.name,
                    orchestrationVersion: code.version!,
                  },
                  start.traceContext,
                ),
              },
        handler: decision.handler,
        kvSnapshot: known.kvSnapshot,
      }));
    await this.#runTurn(locked, target, engine, code, known.createdAt);
  }

  /**
   * A new execution whose start names no version gets it here, by the fleet rule its creator
   * would have used (never from this node's registry alone).
   */
  async #decideCode(
    target: NewExecution | ExistingExecution,
    code: ExecutionCode,
    currentVersion: string | undefined,
  ): Promise<ExecutionCode> {
    if (target.kind !== 'newExecution' || code.version !== undefined) return code;
    const { fleet, self } = this.#d.versions;
    const { version } = await fleet.resolve(code.name, target.start.instance, {
      self,
      ...(target.start.type === 'ContinueAsNew' && currentVersion !== undefined
        ? { currentVersion }
        : {}),
    });
    return { name: code.name, version };
  }

  /** Runs the turn on the engine and commits it (holding the instance for local activities). */
  async #runTurn(
    locked: LockedOrchestrationItem,
    target: NewExecution | ExistingExecution,
    engine: ReplayEngine,
    code: ExecutionCode,
    createdAt: number | undefined,
  ): Promise<void> {
    const instanceId = locked.item.instanceId;
    const start = target.kind === 'newExecution' ? target.start : undefined;
    const restart = target.kind === 'newExecution' ? target.restart : undefined;
    const rejected = this.#rejectExtraStarts(target.starts, start, instanceId, engine.parent);
    const observation = this.#d.observability.turn(engine);
    const result = await engine.runTurn(target.messages).catch((error: unknown) => {
      observation.failed(error);
      throw error;
    });
    const audits = refuseOperatorRequests(
      target.requests.filter((r) => r !== restart),
      RUNNING_REFUSAL,
    );
    if (restart !== undefined)
      audits.push(restartedAudit(restart, target.executionId, code.version));
    await this.#holds.commitFetchedTurn(newHold(locked, engine, createdAt), {
      result,
      start,
      extraItems: rejected,
      local: false,
      audits,
      observation,
    });
  }

  /**
   * A start for an instance id that is already in use (A1): dropped. When it came from a
   * parent orchestration, the parent is told, so it does not wait forever.
   */
  #rejectExtraStarts(
    starts: readonly StartItem[],
    consumed: StartItem | undefined,
    instanceId: string,
    owner: ParentLink | undefined,
  ): WorkItem[] {
    const replies: WorkItem[] = [];
    for (const s of starts) {
      if (s === consumed || s.type !== 'StartOrchestration') continue;
      const p = s.parent;
      if (
        p !== undefined &&
        !(
          owner !== undefined &&
          owner.instanceId === p.instanceId &&
          owner.scheduleEventId === p.scheduleEventId &&
          owner.executionId === p.executionId
        )
      ) {
        replies.push({
          type: 'SubOrchFailed',
          parentInstance: p.instanceId,
          parentExecutionId: p.executionId,
          parentId: p.scheduleEventId,
          details: applicationError(
            'OrchestrationFailed',
            `sub-orchestration instance id '${instanceId}' is already in use by another instance`,
          ),
        });
      } else {
        this.#d.logger.warn(TARGET, 'ignoring a start for an instance that already exists', {
          instanceId,
        });
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
      commit: async (locked, ack) => (await this.#commit.ack(locked, ack)) !== undefined,
      discard: (locked, why, audits) =>
        this.#discard(locked, locked.item.executionId, [], why, [], audits),
      defer: async (locked, what) => {
        const delay = unregisteredDelayMs(locked.attemptCount, options.unregisteredBackoff);
        this.#deferred.defer(locked.item.instanceId, delay);
        logger.warn(
          TARGET,
          `resume needs orchestration ${what}, not registered here; leaving it to other runtimes for ${delay} ms`,
          { instanceId: locked.item.instanceId },
        );
        await this.#commit.abandon(locked, 0);
      },
      audit: (entries) => this.#commit.audit(entries),
      observe: (execution, caller) => this.#d.observability.resumeTurn(execution, caller),
    };
  }

  /** Consumes the batch without a turn, replying to rejected starts and refusing `requests`. */
  async #discard(
    locked: LockedOrchestrationItem,
    executionId: number,
    starts: readonly StartItem[],
    why: string,
    requests: readonly OperatorRequest[],
    audits: readonly AuditEntryInput[] = refuseOperatorRequests(requests, why),
  ): Promise<void> {
    const replies = this.#rejectExtraStarts(starts, undefined, locked.item.instanceId, undefined);
    await this.#commit.discard(locked, executionId, why, replies, audits);
  }

  /** Fails the execution as poison (see {@link poisonAck}) and ends its span. */
  async #poison(
    batch: Omit<PoisonedBatch, 'maxAttempts'>,
    engine: ReplayEngine | undefined,
  ): Promise<void> {
    const { provider, options, metrics, logger, registry, cache } = this.#d;
    const { instanceId } = batch.locked.item;
    metrics.orchPoison++;
    this.#d.observability.instruments.orchestrationPoison.inc();
    if (batch.failure === undefined) {
      logger.error(TARGET, 'orchestration message exceeded max attempts, marking as poison', {
        instanceId,
        reason: batch.reason,
      });
    }
    const poisoned: PoisonedBatch = { ...batch, maxAttempts: options.maxAttempts };
    const ack = poisonAck(poisoned, {
      now: options.clock.now(),
      storedEventCount: await storedEventCount(provider, poisoned),
      resolveVersion: (name) => registry.resolveVersion(name),
    });
    const committed = await this.#commit.ack(batch.locked, ack);
    cache.delete(instanceId);
    if (committed !== undefined)
      this.#d.observability.executionPoisoned({
        instanceId,
        executionId: batch.executionId,
        engine,
        history: batch.history,
        start: batch.start,
        started: ack.metadata,
        message: ack.metadata.output ?? 'poison',
      });
  }
}
