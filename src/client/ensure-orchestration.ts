/**
 * `client.ensureOrchestration`: makes sure an eternal "system orchestration" with a fixed id
 * runs, safely when several nodes call it at once (docs/versioning.md, "Scenario 4").
 * @module
 */
import {
  InstanceAlreadyExistsError,
  InstanceNotFoundError,
  InstanceStillRunningError,
  TimeoutError,
} from '../core/errors/duroxide-error.js';
import {
  encodePayload,
  requireDurationMs,
  requireNewInstanceId,
  requireOrchestrationName,
  requireVersion,
} from '../core/validation/arguments.js';
import type { Provider } from '../providers/provider.js';
import { requireOptionsObject } from './management-arguments.js';
import { waitForInstance } from './instance-wait.js';
import type {
  EnsureOrchestrationOptions,
  EnsureOrchestrationResult,
  OrchestrationStatus,
} from './types.js';

/** Bound on the re-checks while other nodes change the same instance. */
const ENSURE_ATTEMPTS = 10;
/** How long a queued cancel is waited for, by default. */
const ENSURE_CANCEL_WAIT_MS = 30_000;

/** What ensure needs from the Client. */
export interface EnsureHost {
  readonly provider: Provider;
  getStatus(instanceId: string): Promise<OrchestrationStatus>;
  deleteInstance(instanceId: string, force: boolean): Promise<unknown>;
  startOrchestration(instanceId: string, name: string, input: unknown): Promise<void>;
  startOrchestrationVersioned(
    instanceId: string,
    name: string,
    input: unknown,
    version: string,
  ): Promise<void>;
  /** Polls `check` (woken by the instance's commit signals) until it returns a value, else TimeoutError(message). */
  waitUntil(
    instanceId: string,
    timeoutMs: number,
    check: () => Promise<true | undefined>,
    message: string,
  ): Promise<true>;
}

/** The Client methods ensure calls; its starts pass `ifExists: 'error'`. */
interface EnsureClient {
  getStatus(instanceId: string): Promise<OrchestrationStatus>;
  deleteInstance(instanceId: string, force: boolean): Promise<unknown>;
  startOrchestration(
    id: string,
    name: string,
    input: unknown,
    o: { ifExists: 'error' },
  ): Promise<void>;
  startOrchestrationVersioned(
    id: string,
    name: string,
    input: unknown,
    version: string,
    o: { ifExists: 'error' },
  ): Promise<void>;
}

/** The host of a Client: its own methods, its starts refusing an existing id. */
export function clientEnsureHost(provider: Provider, client: EnsureClient): EnsureHost {
  return {
    provider,
    getStatus: (id) => client.getStatus(id),
    deleteInstance: (id, force) => client.deleteInstance(id, force),
    startOrchestration: (id, name, input) =>
      client.startOrchestration(id, name, input, { ifExists: 'error' }),
    startOrchestrationVersioned: (id, name, input, version) =>
      client.startOrchestrationVersioned(id, name, input, version, { ifExists: 'error' }),
    waitUntil: (instanceId, timeoutMs, check, message) =>
      waitForInstance(provider, { instanceId, timeoutMs, check, message }),
  };
}

export async function ensureOrchestration(
  host: EnsureHost,
  instanceId: string,
  orchestrationName: string,
  input: unknown,
  options: EnsureOrchestrationOptions | undefined,
): Promise<EnsureOrchestrationResult> {
  const id = requireNewInstanceId(instanceId);
  requireOrchestrationName(orchestrationName);
  const fields = requireOptionsObject(options, 'options', ['version', 'cancelWaitMs']);
  const version =
    fields['version'] === undefined
      ? undefined
      : requireVersion(fields['version'], 'options.version');
  const cancelWaitMs =
    fields['cancelWaitMs'] === undefined
      ? ENSURE_CANCEL_WAIT_MS
      : requireDurationMs(fields['cancelWaitMs'], 'options.cancelWaitMs');
  encodePayload(input, 'orchestration input', { context: { instanceId: id } });
  const cancelDeadline = Date.now() + cancelWaitMs;
  const awaitQueuedCancel = (): Promise<true> =>
    host.waitUntil(
      id,
      Math.max(0, cancelDeadline - Date.now()),
      async () => ((await host.provider.hasQueuedCancel(id)) ? undefined : true),
      `ensureOrchestration('${id}'): the instance has a cancel queued that no runtime processed within ${cancelWaitMs} ms, so it is neither running for good nor finished; nothing was changed. Is a runtime started on this database? Call ensureOrchestration after runtime.start(), or again later`,
    );
  // Once seen finished (or about to be, by a queued cancel), a start by this call replaces
  // it, whoever did the delete.
  let wasFinished = false;
  for (let attempt = 0; attempt < ENSURE_ATTEMPTS; attempt++) {
    // The queue first, then the status: a cancel committed between the two reads shows as a
    // finished status, never as "running with no cancel queued".
    const cancelQueued = await host.provider.hasQueuedCancel(id);
    const { status } = await host.getStatus(id);
    // Pending: a start is queued (this node's or another's) and will run.
    if (status === 'Running' || status === 'Pending') {
      if (!cancelQueued) return { action: 'alreadyRunning' };
      wasFinished = true;
      await awaitQueuedCancel();
      continue;
    }
    if (status === 'Completed' || status === 'Failed') {
      wasFinished = true;
      try {
        await host.deleteInstance(id, false);
      } catch (error) {
        // Another node restarted it (now running) or deleted it first: look again.
        if (error instanceof InstanceStillRunningError || error instanceof InstanceNotFoundError)
          continue;
        throw error;
      }
    }
    try {
      if (version === undefined) await host.startOrchestration(id, orchestrationName, input);
      else await host.startOrchestrationVersioned(id, orchestrationName, input, version);
      return { action: wasFinished ? 'restarted' : 'started' };
    } catch (error) {
      if (!(error instanceof InstanceAlreadyExistsError)) throw error;
      // Another node's start won (its start is queued or already running) — unless a cancel
      // waits behind that start too.
      if (!(await host.provider.hasQueuedCancel(id))) return { action: 'alreadyRunning' };
      wasFinished = true;
      await awaitQueuedCancel();
    }
  }
  throw new TimeoutError(
    `ensureOrchestration('${id}') found the instance changing under it ${ENSURE_ATTEMPTS} times in a row; retry`,
    { instanceId: id },
  );
}
