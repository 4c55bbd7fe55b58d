/**
 * Runs activities (SPEC §8.4): fetch one work item, run the registered handler with a renewed
 * lock, and ack the completion. A lost lock (the orchestration cancelled the activity, or the
 * lock expired) aborts the activity's signal and discards its result. Activities run
 * at-least-once.
 * @module
 */
import type { WorkItem, WorkItemOfType } from '../core/history/work-item.js';
import type { ErrorDetails } from '../core/errors/error-details.js';
import { encodeJson } from '../core/json/json-codec.js';
import { isDuroxideError } from '../core/errors/duroxide-error.js';
import type { LockedWorkItem, Provider } from '../providers/provider.js';
import { ActivityContext } from './activity-context.js';
import { DeferralList } from './deferral-list.js';
import type { Logger } from './logger.js';
import type { RuntimeMetrics } from './metrics.js';
import { renewalIntervalMs, unregisteredDelayMs, type ResolvedRuntimeOptions } from './options.js';
import type { ActivityRegistry } from './registry.js';
import type { SessionTracker } from './session-tracker.js';
import { SYSCALL_GET_KV_VALUE } from '../core/syscall-names.js';

const TARGET = 'duroxide::runtime::worker';

export interface WorkerDispatcherDeps {
  readonly provider: Provider;
  readonly registry: ActivityRegistry;
  readonly options: ResolvedRuntimeOptions;
  readonly logger: Logger;
  readonly metrics: RuntimeMetrics;
  readonly runtimeId: string;
  readonly sessions: SessionTracker;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

export class WorkerDispatcher {
  readonly #d: WorkerDispatcherDeps;
  /** Running activities by `instance|execution|activityId`, to cancel them at once. */
  readonly #running = new Map<string, AbortController>();
  /** Activity names this runtime lacks, left to other nodes for a while. */
  readonly #deferred = new DeferralList();

  constructor(deps: WorkerDispatcherDeps) {
    this.#d = deps;
  }

  #workerId(slot: number): string {
    return `work-${slot}-${this.#d.options.workerNodeId ?? this.#d.runtimeId}`;
  }

  fetch(slot: number): Promise<LockedWorkItem | null> {
    const { options, sessions } = this.#d;
    return this.#d.provider.fetchWorkItem({
      lockTimeoutMs: options.workerLockTimeoutMs,
      tagFilter: options.workerTagFilter,
      excludeActivities: this.#deferred.active(),
      // At the session cap, take only work that needs no new session.
      ...(sessions.hasCapacity
        ? { session: { ownerId: sessions.ownerFor(this.#workerId(slot)), lockTimeoutMs: options.sessionLockTimeoutMs } }
        : {}),
    });
  }

  /** Forced shutdown: running activities see their signal abort; their items are released. */
  abortAll(): void {
    for (const c of this.#running.values()) c.abort(new Error('runtime shut down'));
  }

  /** An ack in this process cancelled the activity: abort it now rather than at its next renewal. */
  cancelRunning(instanceId: string, executionId: number, activityId: number): void {
    this.#running.get(`${instanceId}|${executionId}|${activityId}`)?.abort(new Error('activity cancelled'));
  }

  async process(locked: LockedWorkItem, slot: number): Promise<void> {
    const { provider, options, registry, logger, metrics } = this.#d;
    metrics.workerDispatcherItemsFetched++;
    const item = locked.item;
    if (item.type !== 'ActivityExecute') {
      logger.error(TARGET, `worker queue holds a ${item.type} item; dropping it`);
      await provider.ackWorkItem(locked.lockToken).catch(() => undefined);
      return;
    }
    if (locked.attemptCount > options.maxAttempts) {
      metrics.activityPoison++;
      const details: ErrorDetails = {
        category: 'poison',
        kind: 'Activity',
        message: `poison: activity ${item.name}#${item.id} exceeded ${locked.attemptCount} attempts (max ${options.maxAttempts})${registry.get(item.name) === undefined ? `: activity '${item.name}' is not registered on the runtimes that tried it; register it (or deploy a runtime that has it)` : ''}`,
        details: { attemptCount: locked.attemptCount, maxAttempts: options.maxAttempts, activityName: item.name },
      };
      logger.warn(TARGET, 'activity exceeded max attempts, marking as poison', { instanceId: item.instance, activityName: item.name });
      await this.#complete(locked, failure(item, details));
      return;
    }
    if (item.name === SYSCALL_GET_KV_VALUE) {
      const { instanceId, key } = decodeInput(item.input) as { instanceId: string; key: string };
      const value = await provider.getKvValue(instanceId, key);
      await this.#complete(locked, { type: 'ActivityCompleted', instance: item.instance, executionId: item.executionId, id: item.id, result: value ?? 'null' });
      return;
    }
    const sessionId = item.sessionId;
    if (sessionId !== undefined && !this.#d.sessions.enter(sessionId)) {
      // Another slot started a new session first and the cap is reached: give it back.
      await provider.abandonWorkItem(locked.lockToken, { delayMs: 100, ignoreAttempt: true }).catch(() => undefined);
      return;
    }
    try {
      await this.#run(locked, item, slot);
    } finally {
      if (sessionId !== undefined) this.#d.sessions.leave(sessionId);
    }
  }

  async #run(locked: LockedWorkItem, item: WorkItemOfType<'ActivityExecute'>, slot: number): Promise<void> {
    const { provider, options, registry, logger, metrics } = this.#d;
    const handler = registry.get(item.name);
    if (handler === undefined) {
      // Leave it visible to every other node at once, and skip the name here for the backoff period.
      const delay = unregisteredDelayMs(locked.attemptCount, options.unregisteredBackoff);
      this.#deferred.defer(item.name, delay);
      logger.warn(TARGET, `activity '${item.name}' not registered here; leaving it to other runtimes for ${delay} ms (poison after ${options.maxAttempts - locked.attemptCount + 1} more attempts)`, {
        instanceId: item.instance,
        activityName: item.name,
      });
      await provider.abandonWorkItem(locked.lockToken).catch(() => undefined);
      return;
    }

    const controller = new AbortController();
    const runningKey = `${item.instance}|${item.executionId}|${item.id}`;
    this.#running.set(runningKey, controller);
    const renewal = setInterval(() => {
      provider.renewWorkItemLock(locked.lockToken, options.workerLockTimeoutMs).catch((error: unknown) => {
        // A transient error (busy database) is retried at the next interval; a permanent one
        // means the row was deleted (the activity was cancelled) or the lock was lost.
        if (isDuroxideError(error) && error.retryable) return;
        clearInterval(renewal);
        controller.abort(new Error('activity cancelled'));
      });
    }, renewalIntervalMs(options.workerLockTimeoutMs));
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
      const run: Promise<Outcome> = (async () => handler(ctx, decodeInput(item.input)))().then(
        (value): Outcome => ({ ok: true, value }),
        (error: unknown): Outcome => ({ ok: false, error }),
      );
      const cancelled = new Promise<'cancelled'>((resolve) => {
        controller.signal.addEventListener('abort', () => resolve('cancelled'), { once: true });
      });
      const first = await Promise.race([run, cancelled]);
      if (first === 'cancelled') {
        clearInterval(renewal);
        metrics.activityCancelled++;
        logger.debug(TARGET, 'activity cancelled; waiting for its grace period', { instanceId: item.instance, activityName: item.name });
        await Promise.race([run, new Promise((r) => setTimeout(r, options.activityCancellationGraceMs).unref())]);
        // The result is discarded. Releasing (not deleting) the item keeps at-least-once: after a
        // shutdown the item runs again elsewhere; after a real cancellation the row is already
        // gone and the release is a harmless no-op.
        await provider.abandonWorkItem(locked.lockToken).catch(() => undefined);
        return;
      }
      if (first.ok) {
        let result: string;
        try {
          result = encodeJson(first.value, 'activity output');
        } catch (e) {
          metrics.activityAppErrors++;
          await this.#complete(locked, failure(item, appError(`activity '${item.name}' returned a value that is not JSON-serialisable: ${(e as Error).message}`)));
          return;
        }
        metrics.activitySuccess++;
        await this.#complete(locked, { type: 'ActivityCompleted', instance: item.instance, executionId: item.executionId, id: item.id, result });
      } else {
        metrics.activityAppErrors++;
        const e = first.error;
        const message = e instanceof Error ? e.message : String(e);
        const name = e instanceof Error && e.name !== 'Error' ? e.name : undefined;
        logger.warn(TARGET, 'activity failed (application error)', { instanceId: item.instance, activityName: item.name, error: message });
        await this.#complete(locked, failure(item, appError(message, name)));
      }
    } finally {
      clearInterval(renewal);
      this.#running.delete(runningKey);
    }
  }

  async #complete(locked: LockedWorkItem, completion: WorkItem): Promise<void> {
    try {
      await this.#d.provider.ackWorkItem(locked.lockToken, completion);
    } catch (error) {
      // Lock lost or row deleted (cancelled): the result is discarded; at-least-once redelivery.
      this.#d.metrics.activityInfraErrors++;
      this.#d.logger.debug(TARGET, 'activity ack failed', { error: String(error) });
      await this.#d.provider.abandonWorkItem(locked.lockToken, { delayMs: 100 }).catch(() => undefined);
    }
  }
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
  return { type: 'ActivityFailed', instance: item.instance, executionId: item.executionId, id: item.id, details };
}

function decodeInput(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
