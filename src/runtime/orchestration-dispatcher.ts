/**
 * Runs orchestration turns (SPEC §3.1): fetch a locked batch for one instance, decide which
 * execution and code version it belongs to, run the replay engine, and commit the result in one
 * atomic ack. Missing code versions are abandoned with backoff (rolling deployments); items
 * that keep failing become poison after `maxAttempts`.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as macrotask } from 'node:timers/promises';
import type { EventKind, HistoryEvent, ParentLink } from '../core/history/history-event.js';
import type { WorkItem, WorkItemOfType } from '../core/history/work-item.js';
import { applicationError, displayMessage, type ErrorDetails } from '../core/errors/error-details.js';
import { isDuroxideError } from '../core/errors/duroxide-error.js';
import { ReplayEngine, type ExecutionStart } from '../core/replay/replay-engine.js';
import type { TurnResult } from '../core/replay/turn-result.js';
import { DUROXIDE_VERSION } from '../core/version.js';
import type { LockedOrchestrationItem, OrchestrationAck, Provider } from '../providers/provider.js';
import { DeferralList } from './deferral-list.js';
import type { InstanceCache } from './instance-cache.js';
import type { Logger } from './logger.js';
import type { RuntimeMetrics } from './metrics.js';
import { renewalIntervalMs, unregisteredDelayMs, type ResolvedRuntimeOptions } from './options.js';
import type { OrchestrationRegistry } from './registry.js';

const TARGET = 'duroxide::runtime::dispatchers::orchestration';
const HISTORY_ERROR_DELAY_MS = 1000;
const ACK_RETRY_DELAYS_MS = [10, 20, 40, 80, 160];
const SENTINEL_EVENT_ID = 99_999;

export interface OrchestrationDispatcherDeps {
  readonly provider: Provider;
  readonly registry: OrchestrationRegistry;
  readonly options: ResolvedRuntimeOptions;
  readonly cache: InstanceCache;
  readonly logger: Logger;
  readonly metrics: RuntimeMetrics;
}

type StartItem = WorkItemOfType<'StartOrchestration'> | WorkItemOfType<'ContinueAsNew'>;

/** Lets every pending microtask run: the engine's pause between two deliveries. */
export const drainMicrotasks = (): Promise<void> => macrotask();

export class OrchestrationDispatcher {
  readonly #d: OrchestrationDispatcherDeps;
  /** Instances whose code this runtime lacks, left to other nodes for a while. */
  readonly #deferred = new DeferralList();

  constructor(deps: OrchestrationDispatcherDeps) {
    this.#d = deps;
  }

  fetch(): Promise<LockedOrchestrationItem | null> {
    const { cache } = this.#d;
    return this.#d.provider.fetchOrchestrationItem({
      lockTimeoutMs: this.#d.options.orchestratorLockTimeoutMs,
      cachedHistory: (instanceId) => cache.hint(instanceId),
      excludeInstances: this.#deferred.active(),
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
    if (item.historyCached && engine === undefined) {
      // The cache entry was evicted after the provider accepted the hint.
      history = await this.#d.provider.readHistory(instanceId, item.executionId);
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

    const starts = item.messages.filter((m): m is StartItem => m.type === 'StartOrchestration' || m.type === 'ContinueAsNew');
    let executionId = item.executionId;
    let start: StartItem | undefined;

    if (engine === undefined && history.length > 0) {
      const last = history[history.length - 1]!;
      if (last.type === 'OrchestrationCompleted' || last.type === 'OrchestrationFailed') {
        await this.#ackDiscard(locked, executionId, starts, 'instance already finished');
        return;
      }
      if (last.type === 'OrchestrationContinuedAsNew') {
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
      version = start.version ?? registry.resolveVersion(name);
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
      engine = new ReplayEngine({
        instanceId,
        executionId,
        history,
        start: startInfo,
        handler,
        clock: Date.now,
        newGuid: randomUUID,
        drain: drainMicrotasks,
        duroxideVersion: DUROXIDE_VERSION,
        limits: options.limits,
        kvSnapshot: item.kvSnapshot,
        trace: (level, message, fields) => logger.log(level, 'duroxide::orchestration', message, fields),
      });
    }

    const rejected = this.#rejectExtraStarts(starts, consumedStart, instanceId, engine.parent);
    const result = await engine.runTurn(item.messages);
    const ack = this.#toAck(executionId, result, rejected);
    const ok = await this.#ack(locked, ack);
    if (!ok) {
      cache.delete(instanceId);
      return;
    }
    engine.commit();
    this.#count(result, start);
    if (result.status === 'Running' && !engine.isFinished) {
      const createdAt = item.instanceCreatedAt ?? cached?.instanceCreatedAt;
      if (createdAt !== undefined) cache.put(instanceId, { engine, instanceCreatedAt: createdAt });
    }
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

  /** Acks a batch without changes (its messages are consumed and dropped). */
  async #ackDiscard(locked: LockedOrchestrationItem, executionId: number, starts: StartItem[], why: string): Promise<void> {
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

  /** Commits with retries for transient errors (SPEC §3.1 step 14). Returns false on failure. */
  async #ack(locked: LockedOrchestrationItem, ack: OrchestrationAck): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#d.provider.ackOrchestrationItem(locked.lockToken, ack);
        return true;
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
        return false;
      }
    }
  }

  async #abandon(locked: LockedOrchestrationItem, delayMs: number): Promise<void> {
    try {
      await this.#d.provider.abandonOrchestrationItem(locked.lockToken, { delayMs });
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
