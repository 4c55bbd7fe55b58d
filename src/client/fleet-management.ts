/**
 * The Client's fleet operations: the stored version policy per orchestration name, the node
 * registry, the audit log, per-instance version targets (sticky pin, "move at the next
 * continue-as-new"), and recovery of instances after a bad deploy (resume, restart). Every
 * change is audited with who, when and why (docs/versioning.md).
 * @module
 */
import {
  ConfigurationError,
  ERROR_CODES,
  InstanceNotFoundError,
  InstanceStillRunningError,
  InvalidInputError,
  TimeoutError,
} from '../core/errors/duroxide-error.js';
import {
  encodePayload,
  requireIdentifier,
  requireDurationMs,
  requireInstanceId,
  requireVersion,
  wellFormedProblem,
} from '../core/validation/arguments.js';
import { requireOptionsObject } from './management-arguments.js';
import {
  describePolicyProblem,
  type StoredVersionPolicy,
} from '../core/versioning/version-policy.js';
import type {
  AuditEntryInput,
  AuditRecord,
  InstanceRecord,
  ProviderWith,
  VersionPolicyRecord,
} from '../providers/provider.js';
import { isNodeLive, type FleetView } from './fleet-view.js';
import { activeTraceContext } from './otel-api.js';
import type {
  AuditEntryInfo,
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
  VersionPolicyInfo,
  VersionPolicyInput,
} from './fleet-types.js';

const MAX_TEXT = 1024;
const DEFAULT_WAIT_MS = 30_000;
const POLL_MS = 50;

/** Optional free text (actor, reason, audit target): when given, non-empty, bounded, valid Unicode. */
function text(value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TEXT) {
    throw new InvalidInputError(
      `${what} must be a non-empty string of at most ${MAX_TEXT} characters, got ${JSON.stringify(value) ?? typeof value}`,
    );
  }
  const malformed = wellFormedProblem(value, what);
  if (malformed !== undefined) throw new InvalidInputError(malformed);
  return value;
}

/** The options bag of a call, checked by the Client's shared rule (unknown fields refused). */
function options<T extends object>(
  value: T | undefined,
  what: string,
  keys: readonly string[],
): Partial<T> {
  return requireOptionsObject(value, what, keys) as Partial<T>;
}

function waitMs(value: unknown): number {
  return value === undefined ? DEFAULT_WAIT_MS : requireDurationMs(value, 'timeoutMs');
}

function change(o: ChangeOptions): { actor: string | undefined; reason: string | undefined } {
  return { actor: text(o.actor, 'actor'), reason: text(o.reason, 'reason') };
}

function policyInfo(r: VersionPolicyRecord): VersionPolicyInfo {
  return {
    orchestrationName: r.orchestrationName,
    policy: r.policy,
    updatedAt: r.updatedAt,
    ...(r.updatedBy !== undefined ? { updatedBy: r.updatedBy } : {}),
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
    revision: r.revision,
  };
}

function auditInfo(r: AuditRecord): AuditEntryInfo {
  let details: unknown = r.details;
  try {
    details = JSON.parse(r.details);
  } catch {
    // stored as plain text by someone else: shown as is
  }
  return {
    auditId: r.auditId,
    at: r.at,
    ...(r.actor !== undefined ? { actor: r.actor } : {}),
    action: r.action,
    target: r.target,
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
    details,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class FleetManagement {
  readonly #provider: ProviderWith<'fleet'>;
  readonly #fleet: FleetView;

  readonly #maxPayloadBytes: number;

  constructor(provider: ProviderWith<'fleet'>, fleet: FleetView, maxPayloadBytes: number) {
    this.#provider = provider;
    this.#fleet = fleet;
    this.#maxPayloadBytes = maxPayloadBytes;
  }

  // ------------------------------------------------------------ version policies

  async setVersionPolicy(
    name: string,
    input: VersionPolicyInput,
    opts?: SetVersionPolicyOptions,
  ): Promise<VersionPolicyInfo> {
    const orchestrationName = requireIdentifier(name, 'orchestration name');
    const o = options(opts, 'options', ['actor', 'reason', 'force']);
    const policy: unknown = input === 'latest' ? { kind: 'latest' } : input;
    const problem = describePolicyProblem(policy);
    if (problem !== undefined)
      throw new InvalidInputError(`version policy for '${orchestrationName}': ${problem}`);
    const stored = normalise(policy as StoredVersionPolicy);
    if (o.force !== undefined && typeof o.force !== 'boolean')
      throw new InvalidInputError('options.force must be true or false');
    if (o.force !== true) await this.#requireRegistered(orchestrationName, namedVersions(stored));
    const { actor, reason } = change(o);
    const previous = await this.#provider.getVersionPolicy(orchestrationName);
    const record = await this.#provider.setVersionPolicy(orchestrationName, stored, {
      at: Date.now(),
      actor,
      action: 'version-policy.set',
      target: `orchestration:${orchestrationName}`,
      reason,
      details: JSON.stringify({
        previous: previous?.policy ?? null,
        policy: stored,
        forced: o.force === true,
      }),
    });
    this.#fleet.invalidate();
    if (record === null)
      throw new ConfigurationError(
        ERROR_CODES.INVALID_STATE,
        `the store did not keep the policy of '${orchestrationName}'`,
      );
    return policyInfo(record);
  }

  async clearVersionPolicy(name: string, opts?: ChangeOptions): Promise<void> {
    const orchestrationName = requireIdentifier(name, 'orchestration name');
    const { actor, reason } = change(options(opts, 'options', ['actor', 'reason']));
    const previous = await this.#provider.getVersionPolicy(orchestrationName);
    await this.#provider.setVersionPolicy(orchestrationName, null, {
      at: Date.now(),
      actor,
      action: 'version-policy.clear',
      target: `orchestration:${orchestrationName}`,
      reason,
      details: JSON.stringify({ previous: previous?.policy ?? null }),
    });
    this.#fleet.invalidate();
  }

  async getVersionPolicy(name: string): Promise<VersionPolicyInfo | null> {
    const record = await this.#provider.getVersionPolicy(
      requireIdentifier(name, 'orchestration name'),
    );
    return record === null ? null : policyInfo(record);
  }

  async listVersionPolicies(): Promise<VersionPolicyInfo[]> {
    return (await this.#provider.listVersionPolicies()).map(policyInfo);
  }

  // ------------------------------------------------------------ nodes and audit

  async listNodes(opts?: ListNodesOptions): Promise<NodeInfo[]> {
    const o = options(opts, 'options', ['includeStale']);
    const now = Date.now();
    const nodes = (await this.#provider.listNodes()).map((n) => ({
      ...n,
      isLive: isNodeLive(n, now),
    }));
    return o.includeStale === true ? nodes : nodes.filter((n) => n.isLive);
  }

  async appendAuditEntry(action: string, target: string, opts?: AuditEntryOptions): Promise<void> {
    const what = requireIdentifier(action, 'audit action');
    const on = requireIdentifier(target, 'audit target');
    const o = options(opts, 'options', ['actor', 'reason', 'details']);
    const details = encodePayload(o.details ?? null, 'audit details', {
      maxBytes: this.#maxPayloadBytes,
    });
    await this.#provider.appendAudit({
      at: Date.now(),
      action: what,
      target: on,
      ...change(o),
      details,
    });
  }

  async listAuditLog(query?: AuditQueryOptions): Promise<AuditPage> {
    const q = options(query, 'query', ['target', 'limit', 'cursor']);
    const limit = q.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new InvalidInputError(
        `query.limit must be an integer from 1 to 1000, got ${String(limit)}`,
      );
    let beforeId: number | undefined;
    if (q.cursor !== undefined) {
      beforeId =
        typeof q.cursor === 'string' && /^a\d{1,15}$/.test(q.cursor)
          ? Number(q.cursor.slice(1))
          : NaN;
      if (!Number.isSafeInteger(beforeId))
        throw new InvalidInputError(
          `query.cursor ${JSON.stringify(q.cursor)} is not a cursor returned by listAuditLog`,
        );
    }
    const rows = await this.#provider.listAudit({
      target: text(q.target, 'query.target'),
      beforeId,
      limit: limit + 1 > 1000 ? 1000 : limit + 1,
    });
    const items = rows.slice(0, limit).map(auditInfo);
    const last = items[items.length - 1];
    return rows.length > limit && last !== undefined
      ? { items, nextCursor: `a${last.auditId}` }
      : { items };
  }

  // ------------------------------------------------------------ per-instance version targets

  /** Sticky pin: the instance keeps `version` (default: its current one) across continue-as-new. */
  async pinInstanceVersion(
    instanceId: string,
    opts?: InstanceVersionOptions & { readonly version?: string },
  ): Promise<string> {
    const id = requireInstanceId(instanceId);
    const o = options(opts, 'options', ['actor', 'reason', 'force', 'version']);
    const instance = await this.#instance(id);
    const pin =
      o.version === undefined
        ? instance.orchestrationVersion
        : requireVersion(o.version, 'options.version');
    if (pin === undefined)
      throw new ConfigurationError(
        ERROR_CODES.INVALID_STATE,
        `instance '${id}' has no recorded version yet; pin it once it has started`,
        { instanceId: id },
      );
    if (o.force !== true && o.version !== undefined)
      await this.#requireRegistered(instance.orchestrationName, [pin]);
    await this.#setInstance(id, { versionPin: pin }, 'instance.pin', o, {
      versionPin: pin,
      previous: instance.versionPin ?? null,
    });
    return pin;
  }

  async unpinInstanceVersion(instanceId: string, opts?: ChangeOptions): Promise<void> {
    const id = requireInstanceId(instanceId);
    const o = options(opts, 'options', ['actor', 'reason']);
    const instance = await this.#instance(id);
    await this.#setInstance(id, { versionPin: null }, 'instance.unpin', o, {
      previous: instance.versionPin ?? null,
    });
  }

  /** The instance's next continue-as-new runs `version` (once; a pinned instance's pin moves too). */
  async moveInstanceToVersion(
    instanceId: string,
    target: string,
    opts?: InstanceVersionOptions,
  ): Promise<void> {
    const id = requireInstanceId(instanceId);
    const v = requireVersion(target, 'version');
    const o = options(opts, 'options', ['actor', 'reason', 'force']);
    const instance = await this.#instance(id);
    if (o.force !== true) await this.#requireRegistered(instance.orchestrationName, [v]);
    await this.#setInstance(id, { nextVersion: v }, 'instance.move-version', o, {
      nextVersion: v,
      from: instance.orchestrationVersion ?? null,
    });
  }

  // ------------------------------------------------------------ recovery

  async resumeInstance(
    instanceId: string,
    opts?: ResumeInstanceOptions,
  ): Promise<ResumeInstanceResult> {
    const id = requireInstanceId(instanceId);
    const o = options(opts, 'options', ['actor', 'reason', 'version', 'timeoutMs']);
    const timeoutMs = waitMs(o.timeoutMs);
    const target =
      o.version === undefined ? undefined : requireVersion(o.version, 'options.version');
    const { actor, reason } = change(o);
    const instance = await this.#instance(id);
    if (instance.status !== 'Failed') {
      throw new ConfigurationError(
        ERROR_CODES.INVALID_STATE,
        `instance '${id}' is ${instance.status}; only a Failed instance can be resumed${instance.status === 'Completed' ? ' (restartInstance starts a new execution)' : ''}`,
        { instanceId: id },
      );
    }
    const requestId = globalThis.crypto.randomUUID();
    const traceContext = await activeTraceContext();
    await this.#provider.enqueueForOrchestrator({
      type: 'ResumeOrchestration',
      instance: id,
      executionId: instance.currentExecutionId,
      version: target,
      requestId,
      actor,
      reason,
      ...(traceContext === undefined ? {} : { traceContext }),
    });
    await this.#provider.appendAudit(
      this.#entry(
        'instance.resume-requested',
        id,
        { actor, reason },
        { requestId, executionId: instance.currentExecutionId, version: target ?? null },
      ),
    );
    if (timeoutMs === 0) return { requestId, outcome: 'queued' };
    const outcome = await this.#awaitOutcome(id, requestId, timeoutMs, 'resume');
    const details = outcome.details as { version?: string };
    return {
      requestId,
      outcome: 'resumed',
      ...(details.version !== undefined ? { version: details.version } : {}),
    };
  }

  async restartInstance(
    instanceId: string,
    opts?: RestartInstanceOptions,
  ): Promise<RestartInstanceResult> {
    const id = requireInstanceId(instanceId);
    const o = options(opts, 'options', ['actor', 'reason', 'version', 'input', 'timeoutMs']);
    const timeoutMs = waitMs(o.timeoutMs);
    const { actor, reason } = change(o);
    const instance = await this.#instance(id);
    if (instance.status !== 'Completed' && instance.status !== 'Failed')
      throw new InstanceStillRunningError(id);
    let target = o.version === undefined ? undefined : requireVersion(o.version, 'options.version');
    if (target === undefined) {
      const decided = await this.#fleet.resolve(
        instance.orchestrationName,
        id,
        instance.orchestrationVersion === undefined
          ? {}
          : { currentVersion: instance.orchestrationVersion },
      );
      target = decided.version;
    }
    let input: string;
    if ('input' in o) {
      input = encodePayload(o.input, 'orchestration input', {
        maxBytes: this.#maxPayloadBytes,
        context: { instanceId: id },
      });
    } else {
      const started = (await this.#provider.readHistory(id, instance.currentExecutionId))[0];
      input = started?.type === 'OrchestrationStarted' ? started.input : 'null';
    }
    const requestId = globalThis.crypto.randomUUID();
    const traceContext = await activeTraceContext();
    await this.#provider.enqueueForOrchestrator({
      type: 'RestartOrchestration',
      instance: id,
      orchestration: instance.orchestrationName,
      version: target,
      input,
      requestId,
      actor,
      reason,
      ...(traceContext === undefined ? {} : { traceContext }),
    });
    await this.#provider.appendAudit(
      this.#entry(
        'instance.restart-requested',
        id,
        { actor, reason },
        { requestId, fromExecutionId: instance.currentExecutionId, version: target ?? null },
      ),
    );
    if (timeoutMs === 0) return { requestId, outcome: 'queued' };
    const outcome = await this.#awaitOutcome(id, requestId, timeoutMs, 'restart');
    const details = outcome.details as { executionId?: number; version?: string };
    return {
      requestId,
      outcome: 'restarted',
      ...(details.executionId !== undefined ? { executionId: details.executionId } : {}),
      ...(details.version !== undefined ? { version: details.version } : {}),
    };
  }

  // ------------------------------------------------------------ internals

  async #instance(id: string): Promise<InstanceRecord> {
    const instance = await this.#provider.getInstance(id);
    if (instance === null) throw new InstanceNotFoundError(id);
    return instance;
  }

  #entry(
    action: string,
    id: string,
    who: { actor: string | undefined; reason: string | undefined },
    details: object,
  ): AuditEntryInput {
    return {
      at: Date.now(),
      actor: who.actor,
      action,
      target: `instance:${id}`,
      reason: who.reason,
      details: JSON.stringify(details),
    };
  }

  async #setInstance(
    id: string,
    changeSet: { versionPin?: string | null; nextVersion?: string | null },
    action: string,
    o: ChangeOptions,
    details: object,
  ): Promise<void> {
    const written = await this.#provider.setInstanceVersion(
      id,
      changeSet,
      this.#entry(action, id, change(o), details),
    );
    if (!written) throw new InstanceNotFoundError(id);
  }

  /** Refuses versions no live node registers for `name` (so nothing would run them). */
  async #requireRegistered(name: string, versions: readonly string[]): Promise<void> {
    if (versions.length === 0) return;
    const now = Date.now();
    const registered = new Set<string>();
    for (const node of await this.#provider.listNodes()) {
      if (!isNodeLive(node, now)) continue;
      for (const v of node.orchestrations.find((o) => o.name === name)?.versions ?? [])
        registered.add(v);
    }
    const missing = versions.filter((v) => !registered.has(v));
    if (missing.length === 0) return;
    const known =
      registered.size === 0
        ? 'no live node registers any version of it'
        : `live nodes register ${[...registered].join(', ')}`;
    throw new ConfigurationError(
      ERROR_CODES.VERSION_NOT_REGISTERED,
      `no live node registers '${name}'@${missing.join(', ')} (${known}); deploy a runtime that registers it first, or pass { force: true }`,
      { orchestrationName: name },
    );
  }

  /** Waits for the audit entry a runtime writes when it applies or refuses the request. */
  async #awaitOutcome(
    id: string,
    requestId: string,
    timeoutMs: number,
    what: 'resume' | 'restart',
  ): Promise<AuditEntryInfo> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const page = await this.listAuditLog({ target: `instance:${id}`, limit: 50 });
      for (const entry of page.items) {
        const details = entry.details as { requestId?: string; refusal?: string } | null;
        if (details?.requestId !== requestId) continue;
        if (entry.action === `instance.${what}-refused`) {
          throw new ConfigurationError(
            ERROR_CODES.REQUEST_REFUSED,
            `${what} of instance '${id}' was refused: ${details.refusal ?? 'no reason recorded'}`,
            { instanceId: id },
          );
        }
        if (entry.action === (what === 'resume' ? 'instance.resumed' : 'instance.restarted'))
          return entry;
      }
      if (Date.now() >= deadline) {
        throw new TimeoutError(
          `no runtime applied the ${what} of instance '${id}' within ${timeoutMs} ms; the request stays queued (request ${requestId})`,
          { instanceId: id },
        );
      }
      await sleep(POLL_MS);
    }
  }
}

function normalise(policy: StoredVersionPolicy): StoredVersionPolicy {
  switch (policy.kind) {
    case 'latest':
      return { kind: 'latest' };
    case 'pinned':
      return policy.allowDowngrade === true
        ? { kind: 'pinned', version: policy.version, allowDowngrade: true }
        : { kind: 'pinned', version: policy.version };
    case 'ramp':
      return { kind: 'ramp', from: policy.from, to: policy.to, percent: policy.percent };
  }
}

function namedVersions(policy: StoredVersionPolicy): string[] {
  switch (policy.kind) {
    case 'latest':
      return [];
    case 'pinned':
      return [policy.version];
    case 'ramp':
      return [policy.from, policy.to];
  }
}
