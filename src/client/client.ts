/**
 * `Client`: starts, signals, cancels and inspects orchestration instances. It talks only to the
 * provider, so it works in a process without a runtime (SPEC §6).
 * @module
 */
import type { HistoryEvent } from '../core/history/history-event.js';
import {
  InstanceAlreadyExistsError,
  InstanceNotFoundError,
  InvalidInputError,
  TimeoutError,
} from '../core/errors/duroxide-error.js';
import { encodeJson, JsonEncodeError } from '../core/json/json-codec.js';
import { parseSemVer } from '../core/versioning/semver.js';
import { EXECUTION_STATUSES, type ExecutionStatus, type InstanceRecord, type Provider } from '../providers/provider.js';
import type { ExecutionInfo, HistoryEventInfo, InstanceInfo, OrchestrationStatus } from './types.js';

const MAX_ID_LENGTH = 1024;
const ENVELOPE_KEYS = new Set(['eventId', 'sourceEventId', 'instanceId', 'executionId', 'timestampMs', 'duroxideVersion', 'type']);
const JSON_FIELDS = new Set(['input', 'result', 'output', 'data', 'status', 'value']);

function requireId(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidInputError(`${what} must be a non-empty string, got ${JSON.stringify(value) ?? typeof value}`);
  }
  if (value.length > MAX_ID_LENGTH) {
    throw new InvalidInputError(`${what} is ${value.length} characters long; the limit is ${MAX_ID_LENGTH}`);
  }
  if (/[\u0000-\u001f]/.test(value)) throw new InvalidInputError(`${what} ${JSON.stringify(value)} contains control characters`);
  return value;
}

function requireInstanceId(value: unknown): string {
  const id = requireId(value, 'instance id');
  if (id.startsWith('sub::') || id.includes('::sub::')) {
    throw new InvalidInputError(`instance id '${id}' uses the marker 'sub::' reserved for sub-orchestrations`, { instanceId: id });
  }
  return id;
}

function requireTimeout(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidInputError(`${what} must be a non-negative number of milliseconds, got ${String(value)}`);
  }
  return value;
}

function encode(value: unknown, what: string, instanceId?: string): string {
  try {
    return encodeJson(value, what);
  } catch (e) {
    if (e instanceof JsonEncodeError) throw new InvalidInputError(e.message, instanceId === undefined ? {} : { instanceId }, e);
    throw e;
  }
}

function decodeOrRaw(text: string | undefined | null): unknown {
  if (text === undefined || text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function decodeOutput(status: ExecutionStatus, output: string | undefined): unknown {
  if (output === undefined) return undefined;
  return status === 'Failed' ? output : decodeOrRaw(output);
}


export class Client {
  readonly #provider: Provider;

  /**
   * @example
   * const client = new Client(provider);
   * await client.startOrchestration('order-1', 'OrderFlow', { sku: 'x' });
   */
  constructor(provider: Provider) {
    if (provider === null || typeof provider !== 'object' || typeof provider.fetchOrchestrationItem !== 'function') {
      throw new InvalidInputError('Client needs a provider (e.g. await SqliteProvider.open("sqlite:./app.db"))');
    }
    this.#provider = provider;
  }

  // ------------------------------------------------------------------ control

  /**
   * Starts a new instance running the version the registry's policy selects.
   * @throws InstanceAlreadyExistsError if the id is taken (delete the old instance first).
   * @throws InvalidInputError for a malformed id/name or an input that is not JSON.
   */
  async startOrchestration(instanceId: string, orchestrationName: string, input?: unknown): Promise<void> {
    await this.#start(instanceId, orchestrationName, input, undefined);
  }

  /** Starts a new instance pinned to `version` (semver). */
  async startOrchestrationVersioned(instanceId: string, orchestrationName: string, input: unknown, version: string): Promise<void> {
    if (typeof version !== 'string' || parseSemVer(version) === null) {
      throw new InvalidInputError(`version must be a semver string like '1.2.0', got ${JSON.stringify(version)}`);
    }
    await this.#start(instanceId, orchestrationName, input, version);
  }

  async #start(instanceId: string, name: string, input: unknown, version: string | undefined): Promise<void> {
    const id = requireInstanceId(instanceId);
    const orchestration = requireId(name, 'orchestration name');
    const encoded = encode(input, 'orchestration input', id);
    if (await this.#provider.instanceExists(id)) throw new InstanceAlreadyExistsError(id);
    await this.#provider.enqueueForOrchestrator({ type: 'StartOrchestration', instance: id, orchestration, input: encoded, version });
  }

  /**
   * Raises an external event. It is delivered to a `waitForEvent(eventName)` that was already
   * recorded; events for finished instances are dropped.
   * @throws InstanceNotFoundError when no such instance exists.
   */
  async raiseEvent(instanceId: string, eventName: string, data?: unknown): Promise<void> {
    const id = requireId(instanceId, 'instance id');
    const name = requireId(eventName, 'event name');
    const encoded = encode(data, 'event data', id);
    await this.#requireExists(id);
    await this.#provider.enqueueForOrchestrator({ type: 'ExternalRaised', instance: id, name, data: encoded });
  }

  /**
   * Appends a message to an instance's persistent FIFO queue, read by `ctx.dequeueEvent`.
   * @throws InstanceNotFoundError when no such instance exists.
   */
  async enqueueEvent(instanceId: string, queueName: string, data?: unknown): Promise<void> {
    const id = requireId(instanceId, 'instance id');
    const name = requireId(queueName, 'queue name');
    const encoded = encode(data, 'queue message', id);
    await this.#requireExists(id);
    await this.#provider.enqueueForOrchestrator({ type: 'QueueMessage', instance: id, name, data: encoded });
  }

  /**
   * Requests cancellation: the next turn ends the instance as Failed (`canceled: reason`) and
   * cancels its sub-orchestrations. A no-op for finished or unknown instances.
   */
  async cancelInstance(instanceId: string, reason = 'cancelled by client'): Promise<void> {
    const id = requireId(instanceId, 'instance id');
    if (typeof reason !== 'string') throw new InvalidInputError('cancel reason must be a string');
    if (!(await this.#provider.instanceExists(id))) return;
    await this.#provider.enqueueForOrchestrator({ type: 'CancelInstance', instance: id, reason });
  }

  async #requireExists(instanceId: string): Promise<void> {
    if (!(await this.#provider.instanceExists(instanceId))) throw new InstanceNotFoundError(instanceId);
  }

  // ------------------------------------------------------------------ status

  /** Current status; `NotFound` for unknown instances (never throws for those). */
  async getStatus<T = unknown>(instanceId: string): Promise<OrchestrationStatus<T>> {
    const id = requireId(instanceId, 'instance id');
    return toStatus<T>(await this.#provider.getInstance(id));
  }

  /**
   * Waits until the instance is Completed or Failed and returns its status.
   * @throws TimeoutError after `timeoutMs` (default 30 s).
   */
  async waitForOrchestration<T = unknown>(instanceId: string, timeoutMs = 30_000): Promise<OrchestrationStatus<T>> {
    const id = requireId(instanceId, 'instance id');
    requireTimeout(timeoutMs, 'timeoutMs');
    return this.#waitUntil(id, timeoutMs, async () => {
      const s = await this.getStatus<T>(id);
      return s.status === 'Completed' || s.status === 'Failed' ? s : undefined;
    }, `instance '${id}' did not finish within ${timeoutMs} ms`);
  }

  /**
   * Waits until the custom status version exceeds `lastSeenVersion` (or the instance ends).
   * @throws TimeoutError after `timeoutMs`.
   */
  async waitForStatusChange<T = unknown>(
    instanceId: string,
    lastSeenVersion: number,
    pollIntervalMs = 500,
    timeoutMs = 30_000,
  ): Promise<OrchestrationStatus<T>> {
    const id = requireId(instanceId, 'instance id');
    requireTimeout(timeoutMs, 'timeoutMs');
    requireTimeout(pollIntervalMs, 'pollIntervalMs');
    return this.#waitUntil(id, timeoutMs, async () => {
      const changed = await this.#provider.getCustomStatus(id, lastSeenVersion);
      const s = await this.getStatus<T>(id);
      if (changed !== null || s.status === 'Completed' || s.status === 'Failed') return s;
      return undefined;
    }, `custom status of '${id}' did not change within ${timeoutMs} ms`, pollIntervalMs);
  }

  /**
   * Polls `check` until it returns a value: immediately, on every commit to the instance made
   * in this process, and otherwise with a backoff of 5, 10, 20, … ms capped at `maxPollMs`.
   */
  async #waitUntil<R>(instanceId: string, timeoutMs: number, check: () => Promise<R | undefined>, message: string, maxPollMs = 100): Promise<R> {
    const deadline = Date.now() + timeoutMs;
    let wake: (() => void) | undefined;
    let signalled = false;
    const unsubscribe = this.#provider.subscribe((s) => {
      if (s.kind === 'instance' && s.instanceId === instanceId) {
        signalled = true;
        wake?.();
      }
    });
    try {
      let delay = 5;
      for (;;) {
        signalled = false;
        const r = await check();
        if (r !== undefined) return r;
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new TimeoutError(message, { instanceId });
        if (!signalled) {
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, Math.min(delay, remaining));
            wake = () => {
              clearTimeout(t);
              resolve();
            };
          });
          wake = undefined;
        }
        delay = Math.min(delay * 2, maxPollMs);
      }
    } finally {
      unsubscribe();
    }
  }

  // ------------------------------------------------------------------ management reads

  /** @throws InstanceNotFoundError */
  async getInstanceInfo(instanceId: string): Promise<InstanceInfo> {
    const id = requireId(instanceId, 'instance id');
    const r = await this.#provider.getInstance(id);
    if (r === null) throw new InstanceNotFoundError(id);
    return toInstanceInfo(r);
  }

  /** @throws InstanceNotFoundError when the instance or execution does not exist. */
  async getExecutionInfo(instanceId: string, executionId: number): Promise<ExecutionInfo> {
    const id = requireId(instanceId, 'instance id');
    if (!Number.isInteger(executionId) || executionId < 1) {
      throw new InvalidInputError(`executionId must be a positive integer, got ${String(executionId)}`);
    }
    const e = await this.#provider.getExecution(id, executionId);
    if (e === null) throw new InstanceNotFoundError(id, `instance '${id}' has no execution ${executionId}`);
    return {
      executionId: e.executionId,
      ...(e.orchestrationName !== undefined ? { orchestrationName: e.orchestrationName } : {}),
      ...(e.orchestrationVersion !== undefined ? { orchestrationVersion: e.orchestrationVersion } : {}),
      status: e.status,
      ...(e.output !== undefined ? { output: decodeOutput(e.status, e.output) } : {}),
      startedAt: e.startedAt,
      ...(e.completedAt !== undefined ? { completedAt: e.completedAt } : {}),
      eventCount: e.eventCount,
    };
  }

  /** Execution ids of an instance, ascending (empty for unknown instances). */
  async listExecutions(instanceId: string): Promise<number[]> {
    return this.#provider.listExecutions(requireId(instanceId, 'instance id'));
  }

  /** The history of one execution, oldest first. */
  async readExecutionHistory(instanceId: string, executionId: number): Promise<HistoryEventInfo[]> {
    const id = requireId(instanceId, 'instance id');
    if (!Number.isInteger(executionId) || executionId < 1) {
      throw new InvalidInputError(`executionId must be a positive integer, got ${String(executionId)}`);
    }
    return (await this.#provider.readHistory(id, executionId)).map(toEventInfo);
  }

  /** All instance ids, newest first. */
  async listAllInstances(): Promise<string[]> {
    return this.#provider.listInstances();
  }

  /** Ids of instances whose current execution has `status`. */
  async listInstancesByStatus(status: ExecutionStatus): Promise<string[]> {
    if (!EXECUTION_STATUSES.includes(status)) {
      throw new InvalidInputError(`status must be one of ${EXECUTION_STATUSES.join(', ')}, got ${JSON.stringify(status)}`);
    }
    return this.#provider.listInstancesByStatus(status);
  }
}

function toStatus<T>(r: InstanceRecord | null): OrchestrationStatus<T> {
  if (r === null) return { status: 'NotFound', customStatusVersion: 0 };
  const custom = r.customStatus === undefined ? {} : { customStatus: decodeOrRaw(r.customStatus) };
  switch (r.status) {
    case 'Completed':
      return { status: 'Completed', output: decodeOrRaw(r.output) as T, ...custom, customStatusVersion: r.customStatusVersion };
    case 'Failed':
      return { status: 'Failed', error: r.output ?? 'failed', ...custom, customStatusVersion: r.customStatusVersion };
    default:
      // ContinuedAsNew: between two executions of a running instance.
      return { status: 'Running', ...custom, customStatusVersion: r.customStatusVersion };
  }
}

function toInstanceInfo(r: InstanceRecord): InstanceInfo {
  return {
    instanceId: r.instanceId,
    orchestrationName: r.orchestrationName,
    orchestrationVersion: r.orchestrationVersion ?? 'unknown',
    currentExecutionId: r.currentExecutionId,
    status: r.status,
    ...(r.output !== undefined ? { output: decodeOutput(r.status, r.output) } : {}),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    ...(r.parentInstanceId !== undefined ? { parentInstanceId: r.parentInstanceId } : {}),
    ...(r.customStatus !== undefined ? { customStatus: decodeOrRaw(r.customStatus) } : {}),
    customStatusVersion: r.customStatusVersion,
  };
}

function toEventInfo(e: HistoryEvent): HistoryEventInfo {
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (ENVELOPE_KEYS.has(k) || v === undefined) continue;
    data[k] = JSON_FIELDS.has(k) && typeof v === 'string' ? decodeOrRaw(v) : v;
  }
  return {
    eventId: e.eventId,
    kind: e.type,
    ...(e.sourceEventId !== undefined ? { sourceEventId: e.sourceEventId } : {}),
    timestampMs: e.timestampMs,
    ...(Object.keys(data).length > 0 ? { data } : {}),
  };
}

