/**
 * `Client`: starts, signals, cancels and inspects orchestration instances. It talks only to the
 * provider, so it works in a process without a runtime.
 * @module
 */
import { requireBoolean, requireInstanceId, requireVersion } from '../core/validation/arguments.js';
import type { ExecutionStatus, Provider, ProviderWith } from '../providers/provider.js';
import type { OperatorStore } from '../providers/provider-records.js';
import { checkProvider, requireCapability } from './provider-capabilities.js';
import { parseClientOptions, type ClientOptions } from './client-options.js';
import { clientEnsureHost, ensureOrchestration, type EnsureHost } from './ensure-orchestration.js';
import { FleetManagement } from './fleet-management.js';
import { deleteInstanceTree } from './instance-deletion.js';
import { waitForCompletion, waitForCustomStatus } from './instance-wait.js';
import { requestCancel, sendToInstance } from './instance-messages.js';
import { parseStartOptions, startInstance, startTarget } from './instance-start.js';
import type { OrchestrationRef } from '../core/context/definition-refs.js';
import { waitForOutput } from './typed-client.js';
import { readStatus } from './read-models.js';
import { readKvAllValues, readKvValue, waitForKvValue } from './kv-reads.js';
import {
  countInstances,
  deleteInstanceBulk,
  listInstancesByStatus,
  listPoisonedItems,
  pruneExecutions,
  prunePoisonedItems,
  pruneExecutionsBulk,
  queryInstances,
  readExecutionHistory,
  readExecutionInfo,
  readInstanceInfo,
  readInstanceTree,
  readOrchestrationStats,
} from './instance-management.js';
import { FleetView } from './fleet-view.js';
import type {
  AuditEntryOptions,
  AuditPage,
  AuditQueryOptions,
  ChangeOptions,
  InstanceVersionOptions,
  ListNodesOptions,
  NodeInfo,
  RestartInstanceOptions,
  RestartInstanceResult,
  ResumeInstanceOptions,
  ResumeInstanceResult,
  SetVersionPolicyOptions,
  StartOrchestrationOptions,
  VersionPolicyInfo,
  VersionPolicyInput,
} from './fleet-types.js';
import type {
  DeleteInstanceResult,
  EnsureOrchestrationOptions,
  EnsureOrchestrationResult,
  ExecutionInfo,
  HistoryEventInfo,
  InstanceCount,
  InstanceCountGroupBy,
  InstanceFilter,
  InstanceInfo,
  InstanceQuery,
  InstanceQueryFilter,
  InstanceQueryPage,
  InstanceTree,
  OrchestrationStats,
  OrchestrationStatus,
  PruneOptions,
  PruneResult,
  QueueDepths,
  PoisonedItemsPage,
  PrunePoisonedItemsOptions,
  PrunePoisonedItemsResult,
  SystemMetrics,
} from './types.js';

export type { ClientOptions } from './client-options.js';

export class Client {
  readonly #provider: Provider;
  readonly #fleet: FleetView;
  readonly #ensureHost: EnsureHost;
  readonly #maxPayloadBytes: number;
  #fleetManagement: FleetManagement | undefined;

  /**
   * @example
   * const client = new Client(provider);
   * await client.startOrchestration('order-1', 'OrderFlow', { sku: 'x' });
   */
  constructor(provider: Provider, options: ClientOptions = {}) {
    checkProvider(provider, 'Client');
    const { refreshMs, maxPayloadBytes } = parseClientOptions(options);
    this.#maxPayloadBytes = maxPayloadBytes;
    this.#provider = provider;
    this.#fleet = new FleetView(provider, refreshMs);
    this.#ensureHost = clientEnsureHost(provider, this);
  }

  /** The provider's management methods for `method`; ConfigurationError `CAPABILITY_MISSING` if none. */
  #managed(method: string): ProviderWith<'management'> {
    return requireCapability(this.#provider, 'management', `client.${method}`);
  }

  /** The fleet operations for `method`; ConfigurationError `CAPABILITY_MISSING` without fleet storage. */
  #fleetOps(method: string): FleetManagement {
    this.#fleetManagement ??= new FleetManagement(
      requireCapability(this.#provider, 'fleet', `client.${method}`),
      this.#fleet,
      this.#maxPayloadBytes,
    );
    return this.#fleetManagement;
  }

  // ------------------------------------------------------------------ control

  /**
   * Starts a new instance. Its version is decided here, once, by the fleet's version policy
   * (the stored policy; without one the highest version every live node registers) and recorded
   * on the start; the runtime that runs it never decides again (docs/versioning.md).
   * @param options.version - run this version instead; `options.pinVersion` keeps the instance
   *   on its version across continue-as-new until moved.
   * `startOrchestration(Order, 'order-1', input)` with a `defineOrchestration` reference: typed,
   * validated here (nothing stored if rejected), at the reference's version if it has one.
   * @param options.ifExists - `'ignore'` (default, as duroxide-node): starting an id that exists
   *   or is queued to start does nothing; `'error'`: throw `InstanceAlreadyExistsError`.
   * @throws InvalidInputError for a malformed id/name/options, a non-JSON or rejected input.
   */
  startOrchestration<I, O>(
    orchestration: OrchestrationRef<I, O>,
    instanceId: string,
    input: NoInfer<I>,
    options?: Omit<StartOrchestrationOptions, 'version'>,
  ): Promise<void>;
  startOrchestration(
    instanceId: string,
    orchestrationName: string,
    input?: unknown,
    options?: StartOrchestrationOptions,
  ): Promise<void>;
  async startOrchestration(
    ...args: [string | OrchestrationRef, string, unknown?, StartOrchestrationOptions?]
  ): Promise<void> {
    const [id, name, request] = await startTarget(...args);
    const max = this.#maxPayloadBytes;
    await startInstance(this.#provider, this.#fleet, id, name, args[2], request, max);
  }

  /**
   * Starts a new instance whose first execution runs `version` (semver). Later executions
   * (continue-as-new) follow the policy unless `options.pinVersion` is true. `options.ifExists`
   * as in {@link startOrchestration}.
   */
  async startOrchestrationVersioned(
    instanceId: string,
    orchestrationName: string,
    input: unknown,
    version: string,
    options?: Omit<StartOrchestrationOptions, 'version'>,
  ): Promise<void> {
    const parsed = parseStartOptions(options, ['pinVersion', 'ifExists']);
    const request = { ...parsed, version: requireVersion(version) };
    const [provider, fleet, max] = [this.#provider, this.#fleet, this.#maxPayloadBytes];
    await startInstance(provider, fleet, instanceId, orchestrationName, input, request, max);
  }

  /**
   * Raises an external event. It is delivered to a `waitForEvent(eventName)` that was already
   * recorded; events for finished instances are dropped.
   * @throws InstanceNotFoundError when no such instance exists.
   */
  async raiseEvent(instanceId: string, eventName: string, data?: unknown): Promise<void> {
    const max = this.#maxPayloadBytes;
    await sendToInstance(this.#provider, 'ExternalRaised', instanceId, eventName, data, max);
  }

  /**
   * Appends a message to an instance's persistent FIFO queue, read by `ctx.dequeueEvent`.
   * @throws InstanceNotFoundError when no such instance exists.
   */
  async enqueueEvent(instanceId: string, queueName: string, data?: unknown): Promise<void> {
    const max = this.#maxPayloadBytes;
    await sendToInstance(this.#provider, 'QueueMessage', instanceId, queueName, data, max);
  }

  /** duroxide-node's typed family (values are JSON here already): same as {@link startOrchestration}. */
  startOrchestrationTyped(...args: Parameters<Client['startOrchestration']>): Promise<void> {
    return this.startOrchestration(...args);
  }
  /** Same as {@link startOrchestrationVersioned}. */
  startOrchestrationVersionedTyped(
    ...args: Parameters<Client['startOrchestrationVersioned']>
  ): Promise<void> {
    return this.startOrchestrationVersioned(...args);
  }
  /** Same as {@link raiseEvent}. */
  raiseEventTyped(instanceId: string, eventName: string, data?: unknown): Promise<void> {
    return this.raiseEvent(instanceId, eventName, data);
  }
  /** Same as {@link enqueueEvent}. */
  enqueueEventTyped(instanceId: string, queueName: string, data?: unknown): Promise<void> {
    return this.enqueueEvent(instanceId, queueName, data);
  }
  /** {@link waitForOrchestration}, returning the output. @throws OrchestrationFailedError, TimeoutError */
  async waitForOrchestrationTyped<T = unknown>(instanceId: string, timeoutMs = 30_000): Promise<T> {
    return waitForOutput<T>(instanceId, await this.waitForOrchestration<T>(instanceId, timeoutMs));
  }

  /**
   * Requests cancellation: the next turn ends the instance as Failed (`canceled: reason`) and
   * cancels its sub-orchestrations. A no-op for finished or unknown instances.
   */
  async cancelInstance(instanceId: string, reason = 'cancelled by client'): Promise<void> {
    await requestCancel(this.#provider, instanceId, reason);
  }

  // ------------------------------------------------------------------ status

  /**
   * Current status: `Pending` while the start is queued and no runtime has run its first turn,
   * then `Running`, `Completed` or `Failed`; `NotFound` for unknown instances (never throws for
   * those).
   */
  async getStatus<T = unknown>(instanceId: string): Promise<OrchestrationStatus<T>> {
    const id = requireInstanceId(instanceId);
    return readStatus<T>(this.#provider, id);
  }

  /**
   * Waits until the instance is Completed or Failed and returns its status.
   * @throws TimeoutError after `timeoutMs` (default 30 s).
   */
  async waitForOrchestration<T = unknown>(
    instanceId: string,
    timeoutMs = 30_000,
  ): Promise<OrchestrationStatus<T>> {
    return waitForCompletion<T>(this.#provider, instanceId, timeoutMs);
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
    const provider = this.#provider;
    return waitForCustomStatus<T>(provider, instanceId, lastSeenVersion, pollIntervalMs, timeoutMs);
  }

  // ------------------------------------------------------------------ key-value state

  /**
   * A value from an instance's key-value store (the latest, including changes of the running
   * execution); null when the key or the instance does not exist.
   */
  async getValue<T = unknown>(instanceId: string, key: string): Promise<T | null> {
    return readKvValue<T>(this.#provider, instanceId, key);
  }

  /**
   * Waits until `key` exists in the instance's store and returns its value.
   * @throws TimeoutError after `timeoutMs` (default 30 s).
   */
  async waitForValue<T = unknown>(instanceId: string, key: string, timeoutMs = 30_000): Promise<T> {
    return waitForKvValue<T>(this.#provider, instanceId, key, timeoutMs);
  }

  /** Every key-value pair of an instance (empty for unknown instances). */
  async getKvAllValues(instanceId: string): Promise<Record<string, unknown>> {
    return readKvAllValues(this.#provider, instanceId);
  }

  // ------------------------------------------------------------------ management reads

  /** @throws InstanceNotFoundError */
  async getInstanceInfo(instanceId: string): Promise<InstanceInfo> {
    return readInstanceInfo(this.#provider, instanceId);
  }

  /** @throws InstanceNotFoundError when the instance or execution does not exist. */
  async getExecutionInfo(instanceId: string, executionId: number): Promise<ExecutionInfo> {
    return readExecutionInfo(this.#provider, instanceId, executionId);
  }

  /** Execution ids of an instance, ascending (empty for unknown instances). */
  async listExecutions(instanceId: string): Promise<number[]> {
    return this.#provider.listExecutions(requireInstanceId(instanceId));
  }

  /** The history of one execution, oldest first. */
  async readExecutionHistory(instanceId: string, executionId: number): Promise<HistoryEventInfo[]> {
    return readExecutionHistory(this.#provider, instanceId, executionId);
  }

  /** All instance ids, newest first. */
  async listAllInstances(): Promise<string[]> {
    return this.#provider.listInstances();
  }

  /** Ids of instances whose current execution has `status`. */
  async listInstancesByStatus(status: ExecutionStatus): Promise<string[]> {
    return listInstancesByStatus(this.#provider, status);
  }

  // ------------------------------------------------------------------ trees, deletion, pruning

  /**
   * The instance and all its sub-orchestrations, recursively.
   * @throws InstanceNotFoundError (`INSTANCE_NOT_FOUND`) for an unknown instance.
   * @example
   * const tree = await client.getInstanceTree('order-1'); // { rootId, allIds, size }
   */
  async getInstanceTree(instanceId: string): Promise<InstanceTree> {
    return readInstanceTree(() => this.#managed('getInstanceTree'), instanceId);
  }

  /**
   * Deletes an instance with all its executions, history, queued messages and custom status,
   * and cascades to all its sub-orchestrations, in one transaction. A sub-orchestration is
   * never deleted on its own: delete its root. A sub-orchestration whose parent no longer
   * exists counts as a root.
   *
   * With `force`, running instances are deleted too: their in-flight turn fails to commit and
   * their activities' results are discarded. Use it only for stuck instances.
   * @throws InstanceNotFoundError (`INSTANCE_NOT_FOUND`) for an unknown instance.
   * @throws CannotDeleteSubOrchestrationError (`CANNOT_DELETE_SUB_ORCHESTRATION`) for a
   *   sub-orchestration, even with `force`.
   * @throws InstanceStillRunningError (`INSTANCE_STILL_RUNNING`) without `force` when the
   *   instance or one of its descendants is running; nothing is deleted.
   * @example
   * const { instancesDeleted } = await client.deleteInstance('order-1');
   */
  async deleteInstance(instanceId: string, force = false): Promise<DeleteInstanceResult> {
    return deleteInstanceTree(
      this.#managed('deleteInstance'),
      requireInstanceId(instanceId),
      requireBoolean(force, 'force'),
    );
  }

  /**
   * Deletes finished root instances with their whole trees: roots whose current execution is
   * Completed, Failed or ContinuedAsNew, in `filter.instanceIds` when given, completed before
   * `filter.completedBefore` when given, oldest first, at most `filter.limit` (default 1000)
   * roots per call — call again until `instancesDeleted` is 0 to drain. Running instances are
   * skipped, never an error.
   * @throws InvalidInputError (`INVALID_INPUT`) for a malformed filter.
   * @example
   * const weekAgo = Date.now() - 7 * 24 * 3600_000;
   * await client.deleteInstanceBulk({ completedBefore: weekAgo, limit: 500 });
   */
  async deleteInstanceBulk(filter: InstanceFilter = {}): Promise<DeleteInstanceResult> {
    return deleteInstanceBulk(() => this.#managed('deleteInstanceBulk'), filter);
  }

  /**
   * Deletes old executions of a continue-as-new instance and their history — never the
   * current execution nor a running one, so it is safe on a running instance (the
   * self-pruning pattern). Empty options keep only the current execution.
   * @throws InstanceNotFoundError (`INSTANCE_NOT_FOUND`) for an unknown instance.
   * @throws InvalidInputError (`INVALID_INPUT`) for malformed options.
   * @example
   * await client.pruneExecutions('heartbeat', { keepLast: 5 });
   */
  async pruneExecutions(instanceId: string, options: PruneOptions = {}): Promise<PruneResult> {
    return pruneExecutions(() => this.#managed('pruneExecutions'), instanceId, options);
  }

  /**
   * {@link pruneExecutions} over many instances of any status (running ones included: only
   * their old executions go): those in `filter.instanceIds` when given, with an old execution
   * completed before `filter.completedBefore` when given, at most `filter.limit` (default 1000).
   * @throws InvalidInputError (`INVALID_INPUT`) for a malformed filter or options.
   */
  async pruneExecutionsBulk(
    filter: InstanceFilter = {},
    options: PruneOptions = {},
  ): Promise<PruneResult> {
    return pruneExecutionsBulk(() => this.#managed('pruneExecutionsBulk'), filter, options);
  }

  // ------------------------------------------------------------------ metrics and query

  /** Totals over all instances, by the status of each one's current execution. */
  async getSystemMetrics(): Promise<SystemMetrics> {
    return this.#managed('getSystemMetrics').getSystemMetrics();
  }

  /** Messages waiting in the orchestrator and worker queues. */
  async getQueueDepths(): Promise<QueueDepths> {
    return this.#managed('getQueueDepths').getQueueDepths();
  }

  /**
   * The store's operator records — queue statistics, an instance's work items, bulk jobs, API
   * keys — as the provider keeps them (used by the management server; no validation here).
   * @throws ConfigurationError (`CAPABILITY_MISSING`) without the `management` capability.
   */
  operatorStore(): OperatorStore {
    return this.#managed('operatorStore').operatorStore();
  }

  /**
   * Queue rows the runtimes could not process and quarantined (undecodable, over the size
   * limit), newest first; `nextCursor` is null on the last page (docs/reliability.md).
   * @throws InvalidInputError for a limit outside 1..1000 or a cursor from elsewhere.
   */
  async listPoisonedItems(
    query: { limit?: number; cursor?: string } = {},
  ): Promise<PoisonedItemsPage> {
    return listPoisonedItems(() => this.#managed('listPoisonedItems'), query);
  }

  /**
   * Deletes the quarantined rows moved there before `poisonedBefore` (epoch ms); returns how
   * many. Deleting an instance deletes its rows anyway (docs/reliability.md).
   * @throws InvalidInputError when `poisonedBefore` is not an epoch-ms time.
   * @example await client.prunePoisonedItems({ poisonedBefore: Date.now() - 7 * 86_400_000 });
   */
  async prunePoisonedItems(options: PrunePoisonedItemsOptions): Promise<PrunePoisonedItemsResult> {
    return prunePoisonedItems(() => this.#managed('prunePoisonedItems'), options);
  }

  /** Size of an instance's current history, queue and KV state; null for an unknown instance. */
  async getOrchestrationStats(instanceId: string): Promise<OrchestrationStats | null> {
    return readOrchestrationStats(() => this.#managed('getOrchestrationStats'), instanceId);
  }

  /**
   * One page of instances matching every criterion given, newest first (then by id). Pass
   * `nextCursor` back as `cursor` for the next page; it is null on the last page. Pages are
   * stable: instances created while paging do not shift or repeat later pages.
   * @throws InvalidInputError (`INVALID_INPUT`) for a malformed criterion, a limit outside
   *   1..1000 or a cursor that did not come from this query.
   * @example
   * // Which OrderFlow instances still run any 1.0.x version?
   * let page = await client.queryInstances({ name: 'OrderFlow', version: '1.0.x', status: 'Running' });
   * while (page.nextCursor !== null) page = await client.queryInstances({ name: 'OrderFlow', version: '1.0.x', status: 'Running', cursor: page.nextCursor });
   */
  async queryInstances(query: InstanceQuery = {}): Promise<InstanceQueryPage> {
    return queryInstances(() => this.#managed('queryInstances'), query);
  }

  /**
   * Counts the instances matching `filter` per status, name or version (facets), largest
   * count first. `limit` and `cursor` in `filter` are ignored.
   * @throws InvalidInputError (`INVALID_INPUT`) for a malformed filter or `groupBy`.
   * @example
   * await client.countInstances({ name: 'OrderFlow' }, 'version'); // [{ key: '1.0.2', count: 40 }, …]
   */
  async countInstances(
    filter: InstanceQueryFilter | InstanceQuery,
    groupBy: InstanceCountGroupBy,
  ): Promise<InstanceCount[]> {
    return countInstances(() => this.#managed('countInstances'), filter, groupBy);
  }

  // ------------------------------------------------------------------ system orchestrations

  /**
   * Makes sure an eternal "system orchestration" is running: starts it when it
   * does not exist, leaves it alone when it runs, and replaces it with a fresh start when it
   * has finished (Completed or Failed: deleted, then started). Call it at every process start,
   * after `runtime.start()`.
   *
   * Idempotent and safe when several nodes call it at once: a start that loses the race to
   * another node counts as `alreadyRunning`, and a delete that finds the instance running again
   * or already gone re-reads the status instead of failing.
   *
   * A running (or queued) instance with a `CancelInstance` queued for it is about to fail, so it
   * does not count as running: the call waits, up to `options.cancelWaitMs`, until a runtime has
   * processed the cancel, then replaces the instance (`restarted`). When no runtime processes it
   * in time — e.g. the call runs before any `runtime.start()` on this database — it throws a
   * retryable `TimeoutError` and changes nothing; call it again once a runtime runs.
   * @param options.version - start this exact version instead of the policy's choice.
   * @param options.cancelWaitMs - longest wait for a queued cancel to be processed (default
   *   30,000 ms).
   * @returns `{ action: 'started' | 'alreadyRunning' | 'restarted' }`.
   * @throws CannotDeleteSubOrchestrationError when `instanceId` is a finished sub-orchestration.
   * @throws InvalidInputError for a malformed id, name, version, wait or input.
   * @throws TimeoutError (retryable) if a queued cancel was not processed within
   *   `cancelWaitMs`, or the instance kept changing under ten consecutive re-checks.
   * @example
   * await runtime.start();
   * await client.ensureOrchestration('system:cleanup', 'CleanupLoop', { everyMs: 60_000 });
   */
  ensureOrchestration(
    instanceId: string,
    orchestrationName: string,
    input?: unknown,
    options?: EnsureOrchestrationOptions,
  ): Promise<EnsureOrchestrationResult> {
    return ensureOrchestration(this.#ensureHost, instanceId, orchestrationName, input, options);
  }

  // ------------------------------------------------------------------ fleet versioning
  // Every change below is audited; runtimes apply policies within twice their `fleetRefreshMs`
  // (default 1 s), without a restart (docs/versioning.md).

  /**
   * Stores the fleet's version policy of a name: `'latest'`, `{ kind: 'pinned', version, allowDowngrade? }`
   * or `{ kind: 'ramp', from, to, percent }`; e.g. `setVersionPolicy('Monitor', 'latest', { actor: 'ana' })`.
   * @throws ConfigurationError (VERSION_NOT_REGISTERED) when no live node registers a version it
   *   names, unless `options.force`.
   * @throws InvalidInputError for a malformed name or policy.
   */
  async setVersionPolicy(
    orchestrationName: string,
    policy: VersionPolicyInput,
    options?: SetVersionPolicyOptions,
  ): Promise<VersionPolicyInfo> {
    return this.#fleetOps('setVersionPolicy').setVersionPolicy(orchestrationName, policy, options);
  }
  /** Removes the stored policy: the nodes' in-code default (else fleet "latest") applies again. */
  async clearVersionPolicy(orchestrationName: string, options?: ChangeOptions): Promise<void> {
    return this.#fleetOps('clearVersionPolicy').clearVersionPolicy(orchestrationName, options);
  }
  /** The stored policy of a name, or null when none is stored. */
  async getVersionPolicy(orchestrationName: string): Promise<VersionPolicyInfo | null> {
    return this.#fleetOps('getVersionPolicy').getVersionPolicy(orchestrationName);
  }
  /** Every stored policy. */
  async listVersionPolicies(): Promise<VersionPolicyInfo[]> {
    return this.#fleetOps('listVersionPolicies').listVersionPolicies();
  }
  /** The node registry: runtimes with their versions, activities and engine; live ones unless `includeStale`. */
  async listNodes(options?: ListNodesOptions): Promise<NodeInfo[]> {
    return this.#fleetOps('listNodes').listNodes(options);
  }
  /**
   * Appends an audit entry for a change made outside the Client's audited operations (the
   * management server records every mutation it serves this way), e.g. `('instance.cancel', 'instance:order-1')`.
   * @throws InvalidInputError for an empty action/target, text over 1,024 characters, or details that are not JSON.
   */
  appendAuditEntry(action: string, target: string, options?: AuditEntryOptions): Promise<void> {
    return this.#fleetOps('appendAuditEntry').appendAuditEntry(action, target, options);
  }
  /** The audit log, newest first, cursor-paged. */
  async listAuditLog(query?: AuditQueryOptions): Promise<AuditPage> {
    return this.#fleetOps('listAuditLog').listAuditLog(query);
  }
  /**
   * Pins a running instance to `options.version` (default: its current version) across
   * continue-as-new until the code (`continueAsNewVersioned`) or an operator moves it; returns it.
   */
  async pinInstanceVersion(
    instanceId: string,
    options?: InstanceVersionOptions & { readonly version?: string },
  ): Promise<string> {
    return this.#fleetOps('pinInstanceVersion').pinInstanceVersion(instanceId, options);
  }
  /** Removes an instance's sticky pin: its next continue-as-new follows the policy again. */
  async unpinInstanceVersion(instanceId: string, options?: ChangeOptions): Promise<void> {
    return this.#fleetOps('unpinInstanceVersion').unpinInstanceVersion(instanceId, options);
  }
  /**
   * Moves an instance to `version` at its next continue-as-new (never mid-execution); a pinned one stays pinned.
   * @throws ConfigurationError (VERSION_NOT_REGISTERED) when no live node registers it, unless forced.
   */
  async moveInstanceToVersion(
    instanceId: string,
    version: string,
    options?: InstanceVersionOptions,
  ): Promise<void> {
    const ops = this.#fleetOps('moveInstanceToVersion');
    return ops.moveInstanceToVersion(instanceId, version, options);
  }
  /**
   * Re-drives a Failed instance from its history (without the failure, completed activities kept) on
   * `options.version` (default: the one it ran); waits `timeoutMs` (default 30 s) for a runtime to apply it.
   * @throws ConfigurationError (REQUEST_REFUSED) when the history does not replay on that version.
   * @throws ConfigurationError (INVALID_STATE) when the instance is not Failed.
   * @throws TimeoutError when no runtime applied it in time (it stays queued).
   */
  async resumeInstance(
    instanceId: string,
    options?: ResumeInstanceOptions,
  ): Promise<ResumeInstanceResult> {
    return this.#fleetOps('resumeInstance').resumeInstance(instanceId, options);
  }
  /**
   * Starts a new execution of a finished instance (same id, old history kept) on `options.version` (default:
   * the policy's, never below the current one) with `options.input` (default: the last execution's input).
   * @throws InstanceStillRunningError when the instance is running.
   */
  async restartInstance(
    instanceId: string,
    options?: RestartInstanceOptions,
  ): Promise<RestartInstanceResult> {
    return this.#fleetOps('restartInstance').restartInstance(instanceId, options);
  }
}
