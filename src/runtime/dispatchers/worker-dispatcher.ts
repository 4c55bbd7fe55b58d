/**
 * Runs activities: fetch one work item, run the registered handler with a renewed
 * lock, and ack the completion. A lost lock (the orchestration cancelled the activity, or the
 * lock expired) aborts the activity's signal and discards its result. Activities run
 * at-least-once.
 *
 * Activities also arrive without a fetch: the orchestration dispatcher claims the ones a turn
 * schedules (`runLocal`) when this runtime can run them and has a free worker slot. Fetched
 * and local activities share `workerConcurrency`; a few fetching loops keep it busy (a fetched
 * activity runs in the background while its loop fetches the next).
 * @module
 */
import type { WorkItem, WorkItemOfType } from '../../core/history/work-item.js';
import type { ErrorDetails } from '../../core/errors/error-details.js';
import { encodePayload } from '../../core/validation/arguments.js';
import { errorMessage, errorName } from '../../core/errors/error-to-details.js';
import { isDuroxideError } from '../../core/errors/duroxide-error.js';
import type {
  LockedWorkItem,
  PoisonHandling,
  Provider,
  TagFilter,
} from '../../providers/provider.js';
import { ActivityContext } from '../activity-context.js';
import { DeferralList } from '../deferral-list.js';
import type { Logger } from '../logger.js';
import type { RuntimeMetrics } from '../metrics.js';
import type { Observability } from '../observability/observability.js';
import { unregisteredDelayMs, type ResolvedRuntimeOptions } from '../options.js';
import type { ActivityRegistry } from '../registry.js';
import type { SessionTracker } from '../session-tracker.js';
import { SYSCALL_GET_KV_VALUE } from '../../core/syscall-names.js';
import { keepLockRenewed } from './lock-renewal.js';
import { poisonHandling } from './poison-handling.js';
import { WorkerSlots } from './worker-slots.js';

const TARGET = 'duroxide::runtime::worker';

export interface WorkerDispatcherDeps {
  readonly provider: Provider;
  readonly registry: ActivityRegistry;
  readonly options: ResolvedRuntimeOptions;
  readonly logger: Logger;
  readonly metrics: RuntimeMetrics;
  readonly observability: Observability;
  readonly runtimeId: string;
  /** The node id, recorded as the owner of the worker locks this dispatcher takes. */
  readonly nodeId: string;
  readonly sessions: SessionTracker;
  /** A worker slot became free after a fetch was skipped for lack of one. */
  readonly onCapacity?: () => void;
}

type Outcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** Weight of the newest sample in an activity's moving average duration. */
const DURATION_SMOOTHING = 0.2;

export class WorkerDispatcher {
  readonly #d: WorkerDispatcherDeps;
  readonly #poison: PoisonHandling;
  /** Running activities by `instance|execution|activityId`, to cancel them at once. */
  readonly #running = new Map<string, AbortController>();
  /** Activity names this runtime lacks, left to other nodes for a while. */
  readonly #deferred = new DeferralList();
  /**
   * Worker slots in use: fetched items being processed and local runs (until committed). A fetch
   * skipped for lack of a slot is woken (`onCapacity`) when a local run frees one.
   */
  readonly slots: WorkerSlots;
  /** Fetched items, local runs and hand-offs still in progress (shutdown waits for them). */
  readonly #background = new Set<Promise<unknown>>();
  /** Moving average duration per activity name (ms). */
  readonly #durations = new Map<string, number>();

  constructor(deps: WorkerDispatcherDeps) {
    this.#d = deps;
    this.#poison = poisonHandling(deps.options.limits.maxPayloadBytes, deps.logger);
    this.slots = new WorkerSlots(deps.options.workerConcurrency, deps.onCapacity);
  }

  #workerId(slot: number): string {
    return `work-${slot}-${this.#d.options.workerNodeId ?? this.#d.runtimeId}`;
  }

  /**
   * Whether this runtime would fetch `item` itself: a registered, not deferred activity without
   * a session (session routing needs the fetch path) whose tag the worker tag filter accepts.
   */
  canRunLocally(item: WorkItem): item is WorkItemOfType<'ActivityExecute'> {
    return (
      item.type === 'ActivityExecute' &&
      item.sessionId === undefined &&
      tagAccepted(this.#d.options.workerTagFilter ?? 'defaultOnly', item.tag) &&
      (item.name === SYSCALL_GET_KV_VALUE || this.#d.registry.get(item.name) !== undefined) &&
      !this.#deferred.has(item.name)
    );
  }

  /** Moving average of the activity's recent durations; 0 before its first run here. */
  expectedDurationMs(name: string): number {
    return this.#durations.get(name) ?? 0;
  }

  /**
   * Runs an activity its orchestration scheduled in this process, on a slot reserved in
   * {@link slots}, and resolves with its completion — not acked: the caller commits it with
   * a later turn or through {@link complete} — or null when there is nothing to report
   * (cancelled, released). The caller gives the slot back (`slots.release()`) once the result is
   * committed, so that at most `workerConcurrency` finished-or-running activities are lost to a
   * crash.
   */
  runLocal(
    locked: LockedWorkItem & { readonly item: WorkItemOfType<'ActivityExecute'> },
  ): Promise<WorkItem | null> {
    this.#d.metrics.localActivityRuns++;
    return this.#track(this.#execute(locked, locked.item, Math.max(0, this.slots.inFlight - 1)));
  }

  /** Acks a completion through the worker queue (the orchestration reads it from its queue). */
  complete(lockToken: string, completion: WorkItem): Promise<void> {
    return this.#track(this.#complete(lockToken, completion));
  }

  /** Resolves once every fetched item, local run and hand-off has finished. */
  async drain(): Promise<void> {
    while (this.#background.size > 0) await Promise.allSettled([...this.#background]);
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    this.#background.add(promise);
    void promise.finally(() => this.#background.delete(promise)).catch(() => undefined);
    return promise;
  }

  /**
   * Fetches one item when a worker slot is free (local runs may hold them all). The slot is
   * taken when an item arrives, so fetches that find nothing never crowd out local runs; an item
   * arriving after local runs took the last slot is given back at once (its attempt not counted),
   * so `workerConcurrency` stays a hard cap.
   */
  async fetch(slot: number): Promise<LockedWorkItem | null> {
    if (!this.slots.hasFree) {
      this.slots.markStarved();
      return null;
    }
    const locked = await this.#fetch(slot);
    if (locked === null) return null;
    if (!this.slots.tryReserve()) {
      this.slots.markStarved();
      await this.#d.provider
        .abandonWorkItem(locked.lockToken, { ignoreAttempt: true })
        .catch(() => undefined);
      return null;
    }
    return locked;
  }

  #fetch(slot: number): Promise<LockedWorkItem | null> {
    const { options, sessions } = this.#d;
    return this.#d.provider.fetchWorkItem({
      lockTimeoutMs: options.workerLockTimeoutMs,
      tagFilter: options.workerTagFilter,
      excludeActivities: this.#deferred.active(),
      lockOwner: this.#d.nodeId,
      ...this.#poison,
      // At the session cap, take only work that needs no new session.
      ...(sessions.isSupported && sessions.hasCapacity
        ? {
            session: {
              ownerId: sessions.ownerFor(this.#workerId(slot)),
              lockTimeoutMs: options.sessionLockTimeoutMs,
            },
          }
        : {}),
    });
  }

  /** Forced shutdown: running activities see their signal abort; their items are released. */
  abortAll(): void {
    for (const c of this.#running.values()) c.abort(new Error('runtime shut down'));
  }

  /** An ack in this process cancelled the activity: abort it now rather than at its next renewal. */
  cancelRunning(instanceId: string, executionId: number, activityId: number): void {
    this.#running
      .get(`${instanceId}|${executionId}|${activityId}`)
      ?.abort(new Error('activity cancelled'));
  }

  /**
   * Starts a fetched item (its slot taken by {@link fetch}) and returns at once, so the fetching
   * slot can fetch again while the activity runs; the slot is given back when it ends.
   */
  process(locked: LockedWorkItem, slot: number): Promise<void> {
    void this.#track(this.#process(locked, slot).finally(() => this.slots.release())).catch(
      (error: unknown) => {
        this.#d.logger.error(TARGET, 'failed to process a work item', { error: String(error) });
      },
    );
    return Promise.resolve();
  }

  async #process(locked: LockedWorkItem, slot: number): Promise<void> {
    const { provider, options, registry, logger, metrics } = this.#d;
    metrics.workerDispatcherItemsFetched++;
    this.#d.observability.instruments.workerItemsFetched.inc();
    const item = locked.item;
    if (item.type !== 'ActivityExecute') {
      logger.error(TARGET, `worker queue holds a ${item.type} item; dropping it`);
      await provider.ackWorkItem(locked.lockToken).catch(() => undefined);
      return;
    }
    if (locked.attemptCount > options.maxAttempts) {
      metrics.activityPoison++;
      this.#d.observability.instruments.activityPoison.inc();
      const details: ErrorDetails = {
        category: 'poison',
        kind: 'Activity',
        message: `poison: activity ${item.name}#${item.id} exceeded ${locked.attemptCount} attempts (max ${options.maxAttempts})${registry.get(item.name) === undefined ? `: activity '${item.name}' is not registered on the runtimes that tried it; register it (or deploy a runtime that has it)` : ''}`,
        details: {
          attemptCount: locked.attemptCount,
          maxAttempts: options.maxAttempts,
          activityName: item.name,
        },
      };
      logger.error(TARGET, 'activity exceeded max attempts, marking as poison', {
        instanceId: item.instance,
        activityName: item.name,
      });
      await this.#complete(locked.lockToken, failure(item, details));
      return;
    }
    const sessionId = item.sessionId;
    if (sessionId !== undefined && !this.#d.sessions.isSupported) {
      // Without session routing the activity would run on any worker: refuse it instead.
      const message =
        `activity ${item.name}#${item.id} of instance '${item.instance}' was scheduled on session '${sessionId}', but provider ` +
        `'${provider.name}' does not declare the capability 'sessions'; schedule it without a session or use a provider that supports sessions`;
      logger.error(TARGET, message, { instanceId: item.instance, activityName: item.name });
      await this.#complete(
        locked.lockToken,
        failure(item, {
          category: 'configuration',
          kind: 'CapabilityMissing',
          message,
          retryable: false,
        }),
      );
      return;
    }
    if (sessionId !== undefined && !this.#d.sessions.enter(sessionId)) {
      // Another slot started a new session first and the cap is reached: give it back.
      await provider
        .abandonWorkItem(locked.lockToken, { delayMs: 100, ignoreAttempt: true })
        .catch(() => undefined);
      return;
    }
    try {
      const completion = await this.#execute(locked, item, slot);
      if (completion !== null) await this.#complete(locked.lockToken, completion);
    } finally {
      if (sessionId !== undefined) this.#d.sessions.leave(sessionId);
    }
  }

  /** Runs the item's activity; resolves with its completion, or null when there is none to ack. */
  async #execute(
    locked: LockedWorkItem,
    item: WorkItemOfType<'ActivityExecute'>,
    slot: number,
  ): Promise<WorkItem | null> {
    const { provider, options, registry, logger, metrics } = this.#d;
    if (item.name === SYSCALL_GET_KV_VALUE) {
      const { instanceId, key } = decodeInput(item.input) as { instanceId: string; key: string };
      const value = await provider.getKvValue(instanceId, key);
      return {
        type: 'ActivityCompleted',
        instance: item.instance,
        executionId: item.executionId,
        id: item.id,
        result: value ?? 'null',
      };
    }
    const handler = registry.get(item.name);
    if (handler === undefined) {
      // Leave it visible to every other node at once, and skip the name here for the backoff period.
      const delay = unregisteredDelayMs(locked.attemptCount, options.unregisteredBackoff);
      this.#deferred.defer(item.name, delay);
      logger.warn(
        TARGET,
        `activity '${item.name}' not registered here; leaving it to other runtimes for ${delay} ms (poison after ${options.maxAttempts - locked.attemptCount + 1} more attempts)`,
        {
          instanceId: item.instance,
          activityName: item.name,
        },
      );
      await provider.abandonWorkItem(locked.lockToken).catch(() => undefined);
      return null;
    }

    const startedAt = performance.now();
    const observation = this.#d.observability.activity(item, locked.attemptCount);
    const controller = new AbortController();
    const runningKey = `${item.instance}|${item.executionId}|${item.id}`;
    this.#running.set(runningKey, controller);
    const renewal = keepLockRenewed({
      renew: (ms) => provider.renewWorkItemLock(locked.lockToken, ms),
      lockTimeoutMs: options.workerLockTimeoutMs,
      onRenewed: () => this.#d.observability.lockRenewed('activity'),
      onFailure: (error) => {
        // A transient error (busy database) is retried at the next interval; a permanent one
        // means the row was deleted (the activity was cancelled) or the lock was lost.
        if (isDuroxideError(error) && error.retryable) return 'retry';
        this.#d.observability.lockLost('activity');
        controller.abort(new Error('activity cancelled'));
        return 'stop';
      },
    });
    try {
      const ctx = new ActivityContext({
        instanceId: item.instance,
        executionId: item.executionId,
        orchestrationName: item.orchestrationName ?? 'unknown',
        orchestrationVersion: item.orchestrationVersion ?? 'unknown',
        activityName: item.name,
        activityId: item.id,
        workerId: this.#workerId(slot),
        sessionId: item.sessionId,
        tag: item.tag,
        signal: controller.signal,
        provider,
        logger,
      });
      const run: Promise<Outcome> = observation
        .run(async () => handler(ctx, decodeInput(item.input)))
        .then(
          (value): Outcome => ({ ok: true, value }),
          (error: unknown): Outcome => ({ ok: false, error }),
        );
      const cancelled = new Promise<'cancelled'>((resolve) => {
        controller.signal.addEventListener('abort', () => resolve('cancelled'), { once: true });
      });
      // The default activity timeout: a late attempt fails and its slot is freed (the code itself
      // cannot be stopped; its signal aborts and its eventual result is ignored).
      let timer: NodeJS.Timeout | undefined;
      const timedOut =
        options.activityTimeoutMs > 0
          ? new Promise<'timedOut'>((resolve) => {
              timer = setTimeout(() => resolve('timedOut'), options.activityTimeoutMs);
            })
          : undefined;
      const first = await Promise.race(
        timedOut === undefined ? [run, cancelled] : [run, cancelled, timedOut],
      ).finally(() => clearTimeout(timer));
      if (first === 'timedOut') {
        controller.abort(new Error('activity timed out'));
        metrics.activityAppErrors++;
        logger.warn(TARGET, 'activity timed out; its worker slot is freed', {
          instanceId: item.instance,
          activityName: item.name,
          timeoutMs: options.activityTimeoutMs,
        });
        return failure(
          item,
          appError(
            `timeout: activity '${item.name}' did not finish within the runtime's activityTimeoutMs (${options.activityTimeoutMs} ms)`,
            'Timeout',
          ),
        );
      }
      if (first === 'cancelled') {
        renewal.stop();
        metrics.activityCancelled++;
        observation.finish('cancelled');
        logger.debug(TARGET, 'activity cancelled; waiting for its grace period', {
          instanceId: item.instance,
          activityName: item.name,
        });
        await Promise.race([
          run,
          new Promise((r) => setTimeout(r, options.activityCancellationGraceMs).unref()),
        ]);
        // The result is discarded. Releasing (not deleting) the item keeps at-least-once: after a
        // shutdown the item runs again elsewhere; after a real cancellation the row is already
        // gone and the release is a harmless no-op.
        await provider.abandonWorkItem(locked.lockToken).catch(() => undefined);
        return null;
      }
      this.#recordDuration(item.name, performance.now() - startedAt);
      if (first.ok) {
        let result: string;
        try {
          result = encodePayload(first.value, 'activity output', {
            maxBytes: options.limits.maxPayloadBytes,
          });
        } catch (e) {
          metrics.activityAppErrors++;
          observation.finish('app_error', (e as Error).message);
          return failure(
            item,
            appError(
              `activity '${item.name}' returned a value that cannot be stored: ${(e as Error).message}`,
            ),
          );
        }
        metrics.activitySuccess++;
        observation.finish('success');
        return {
          type: 'ActivityCompleted',
          instance: item.instance,
          executionId: item.executionId,
          id: item.id,
          result,
        };
      }
      metrics.activityAppErrors++;
      const e = first.error;
      const message = errorMessage(e);
      const name = errorName(e);
      observation.finish('app_error', message);
      // Debug: the orchestration handles it or fails, and its failure is logged (docs/observability.md).
      logger.debug(TARGET, 'activity failed (application error)', {
        instanceId: item.instance,
        executionId: item.executionId,
        activityName: item.name,
        error: message,
      });
      return failure(item, appError(message, name));
    } finally {
      renewal.stop();
      this.#running.delete(runningKey);
    }
  }

  #recordDuration(name: string, ms: number): void {
    const previous = this.#durations.get(name);
    this.#durations.set(
      name,
      previous === undefined ? ms : previous + DURATION_SMOOTHING * (ms - previous),
    );
  }

  async #complete(lockToken: string, completion: WorkItem): Promise<void> {
    try {
      await this.#d.provider.ackWorkItem(lockToken, completion);
    } catch (error) {
      // Lock lost or row deleted (cancelled): the result is discarded; at-least-once redelivery.
      this.#d.metrics.activityInfraErrors++;
      this.#d.logger.debug(TARGET, 'activity ack failed', { error: String(error) });
      await this.#d.provider.abandonWorkItem(lockToken, { delayMs: 100 }).catch(() => undefined);
    }
  }
}

/** The worker tag filter's rule, as the providers apply it in `fetchWorkItem`. */
function tagAccepted(filter: TagFilter, tag: string | undefined): boolean {
  if (filter === 'any') return true;
  if (filter === 'none') return false;
  if (filter === 'defaultOnly') return tag === undefined;
  if ('tags' in filter) return tag !== undefined && filter.tags.includes(tag);
  return tag === undefined || filter.defaultAnd.includes(tag);
}

function appError(message: string, errorName?: string): ErrorDetails {
  return {
    category: 'application',
    kind: 'ActivityFailed',
    message,
    retryable: false,
    ...(errorName !== undefined ? { details: { errorName } } : {}),
  };
}

function failure(item: WorkItemOfType<'ActivityExecute'>, details: ErrorDetails): WorkItem {
  return {
    type: 'ActivityFailed',
    instance: item.instance,
    executionId: item.executionId,
    id: item.id,
    details,
  };
}

function decodeInput(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
