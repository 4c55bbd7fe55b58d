/**
 * How the Client waits for an instance to reach a state (completion, a status change, a KV
 * value, a processed cancel): woken by the provider's commit signals, polling only as a backoff
 * or a safety net.
 * @module
 */
import { TimeoutError } from '../core/errors/duroxide-error.js';
import { requireDurationMs, requireInstanceId } from '../core/validation/arguments.js';
import type { ExecutionStatus, Provider } from '../providers/provider.js';
import { type InstanceSignal, subscribeInstance } from './instance-signals.js';
import { readStatus, toStatus } from './read-models.js';
import type { OrchestrationStatus } from './types.js';

/**
 * First and largest poll interval of waits when every commit is signalled (PostgreSQL). Every
 * status change arrives as a signal, so a poll only covers a lost notification; at 250 ms the
 * polls were half of all status reads of a loaded PostgreSQL bench (docs/performance.md).
 */
const SAFETY_NET_POLL_MS = 1000;
const SAFETY_NET_MAX_POLL_MS = 1000;

export interface InstanceWait<R> {
  readonly instanceId: string;
  readonly timeoutMs: number;
  /** Returns the awaited value, or undefined to keep waiting. */
  readonly check: () => Promise<R | undefined>;
  /** Message of the TimeoutError thrown at the deadline (a function: computed then). */
  readonly message: string | (() => string);
  /** Largest poll interval without cross-process signals. Default 100. */
  readonly maxPollMs?: number | undefined;
  /** Commits whose reported execution status cannot matter are skipped. */
  readonly relevant?: ((executionStatus: ExecutionStatus) => boolean) | undefined;
  /** The awaited value carried by a relevant signal itself, if any: no `check` is needed. */
  readonly fromSignal?: ((signal: InstanceSignal) => R | undefined) | undefined;
}

/**
 * Polls `check` until it returns a value: immediately, on every commit to the instance the
 * provider signals (`relevant` may skip commits by the execution status they report; a signal
 * that carries the value itself, `fromSignal`, ends the wait without a check), and
 * otherwise with a backoff of 5, 10, 20, … ms capped at `maxPollMs`. When the provider also
 * signals other processes' commits (PostgreSQL), polling is only a safety net: it starts at
 * {@link SAFETY_NET_POLL_MS} and backs off to {@link SAFETY_NET_MAX_POLL_MS}. When it only
 * says that another process committed something (SQLite, `subscribeExternalCommits`), the
 * backoff polls run only after such a commit, and the safety net otherwise: a process alone
 * on its file reads the status when its own commits say so (docs/performance.md).
 * @throws TimeoutError with `message` at the deadline.
 */
export async function waitForInstance<R>(provider: Provider, wait: InstanceWait<R>): Promise<R> {
  const { instanceId, check, message } = wait;
  const relevant = wait.relevant ?? (() => true);
  let maxPollMs = wait.maxPollMs ?? 100;
  const deadline = Date.now() + wait.timeoutMs;
  let wake: (() => void) | undefined;
  let signalled = false;
  let carried: { readonly value: R } | undefined;
  const unsubscribe = subscribeInstance(provider, instanceId, (s) => {
    if (s.executionStatus === undefined || relevant(s.executionStatus)) {
      const value = wait.fromSignal?.(s);
      if (value !== undefined) carried ??= { value };
      signalled = true;
      wake?.();
    }
  });
  const safetyNet = provider.capabilities.crossProcessSignals;
  /** Set when another process committed since the last check (`subscribeExternalCommits`). */
  let external = false;
  let onExternal: (() => void) | undefined;
  const unwatch = safetyNet
    ? undefined
    : provider.subscribeExternalCommits?.(() => {
        external = true;
        onExternal?.();
      });
  if (safetyNet) maxPollMs = Math.max(maxPollMs, SAFETY_NET_MAX_POLL_MS);
  try {
    let delay = safetyNet ? SAFETY_NET_POLL_MS : 5;
    for (;;) {
      if (carried !== undefined) return carried.value;
      signalled = false;
      external = false;
      const r = await check();
      if (r !== undefined) return r;
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new TimeoutError(typeof message === 'string' ? message : message(), { instanceId });
      if (!signalled) {
        const quiet = unwatch !== undefined && !external;
        const backoff = Math.min(delay, remaining);
        await new Promise<void>((resolve) => {
          const started = Date.now();
          let t = setTimeout(resolve, quiet ? Math.min(SAFETY_NET_POLL_MS, remaining) : backoff);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
          // Another process committed while quiet: poll on the backoff from the wait's start.
          if (quiet) {
            onExternal = () => {
              onExternal = undefined;
              clearTimeout(t);
              t = setTimeout(resolve, Math.max(0, started + backoff - Date.now()));
            };
          }
        });
        wake = undefined;
        onExternal = undefined;
      }
      delay = Math.min(delay * 2, maxPollMs);
    }
  } finally {
    unsubscribe();
    unwatch?.();
  }
}

/**
 * `client.waitForOrchestration`: waits until the instance is Completed or Failed.
 * @throws TimeoutError after `timeoutMs`.
 */
export async function waitForCompletion<T>(
  provider: Provider,
  instanceId: string,
  timeoutMs: number,
): Promise<OrchestrationStatus<T>> {
  const id = requireInstanceId(instanceId);
  requireDurationMs(timeoutMs, 'timeoutMs');
  let found = false;
  const waiting = waitForInstance(provider, {
    instanceId: id,
    timeoutMs,
    // Only the instance row: no row yet (a queued start) keeps the wait going like Running. The
    // queued start is looked at only if the wait times out, for its message.
    check: async () => {
      const record = await provider.getInstance(id);
      found ||= record !== null;
      const s = record === null ? undefined : toStatus<T>(record);
      return s?.status === 'Completed' || s?.status === 'Failed' ? s : undefined;
    },
    message: `waiting for instance '${id}' timed out after ${timeoutMs} ms; it is still running (wait again or with a longer timeout)`,
    relevant: (status) => status !== 'Running' && status !== 'ContinuedAsNew',
    // The ending commit's signal may carry the final state (PostgreSQL): no read then.
    fromSignal: (s) =>
      s.final !== undefined && (s.executionStatus === 'Completed' || s.executionStatus === 'Failed')
        ? toStatus<T>({ status: s.executionStatus, ...s.final })
        : undefined,
  });
  try {
    return await waiting;
  } catch (error) {
    if (!(error instanceof TimeoutError) || found) throw error;
    throw new TimeoutError(await notStartedMessage(provider, id, timeoutMs), { instanceId: id });
  }
}

/** Why a wait for an instance that never had a row timed out: unknown, queued or left. */
async function notStartedMessage(
  provider: Provider,
  id: string,
  timeoutMs: number,
): Promise<string> {
  const status = (await readStatus(provider, id)).status;
  const prefix = `waiting for instance '${id}' timed out after ${timeoutMs} ms`;
  if (status === 'Pending')
    return `${prefix}; its start is queued but no runtime has run its first turn (status Pending: the runtimes that took it left it; is a runtime started on this store, and does one register the orchestration?)`;
  if (status === 'NotFound' && (await provider.instanceExists(id)))
    return `${prefix}; its start is queued but no runtime has run its first turn (no runtime has taken it; is a runtime started on this store, and does one register the orchestration?)`;
  return `${prefix}; it is still ${status === 'NotFound' ? 'not found' : 'running'} (wait again or with a longer timeout)`;
}

/**
 * `client.waitForStatusChange`: waits until the custom status version exceeds `lastSeenVersion`
 * or the instance ends.
 * @throws TimeoutError after `timeoutMs`.
 */
export async function waitForCustomStatus<T>(
  provider: Provider,
  instanceId: string,
  lastSeenVersion: number,
  pollIntervalMs: number,
  timeoutMs: number,
): Promise<OrchestrationStatus<T>> {
  const id = requireInstanceId(instanceId);
  requireDurationMs(timeoutMs, 'timeoutMs');
  requireDurationMs(pollIntervalMs, 'pollIntervalMs');
  return waitForInstance(provider, {
    instanceId: id,
    timeoutMs,
    check: async () => {
      const changed = await provider.getCustomStatus(id, lastSeenVersion);
      const s = toStatus<T>(await provider.getInstance(id));
      if (changed !== null || s.status === 'Completed' || s.status === 'Failed') return s;
      return undefined;
    },
    message: `custom status of '${id}' did not change within ${timeoutMs} ms`,
    maxPollMs: pollIntervalMs,
  });
}
