/**
 * Read models and options of the Client's fleet operations: version policies, the node
 * registry, the audit log, per-instance version targets, resume and restart
 * (docs/versioning.md).
 * @module
 */
import type { StoredVersionPolicy } from '../core/versioning/version-policy.js';
import type { NodeRecord } from '../providers/provider.js';
export type { StoredVersionPolicy };
/** A policy to store: `'latest'`, `{ kind: 'pinned', version }` or `{ kind: 'ramp', from, to, percent }`. */
export type VersionPolicyInput = 'latest' | StoredVersionPolicy;
/** Who changes something and why; both land in the audit log. */
export interface ChangeOptions {
    /** Who asked (user, service, API key name). */
    readonly actor?: string;
    readonly reason?: string;
}
export interface SetVersionPolicyOptions extends ChangeOptions {
    /** Store it even though no live node registers a version it names. */
    readonly force?: boolean;
}
export interface VersionPolicyInfo {
    readonly orchestrationName: string;
    readonly policy: StoredVersionPolicy;
    readonly updatedAt: number;
    readonly updatedBy?: string;
    readonly reason?: string;
    /** Counts every change of the name's policy, clearing included. */
    readonly revision: number;
}
/** A node of the registry; `isLive` while it heartbeats (three intervals of grace). */
export interface NodeInfo extends NodeRecord {
    readonly isLive: boolean;
}
export interface ListNodesOptions {
    /** Include nodes that stopped heartbeating (kept for a day). Default false. */
    readonly includeStale?: boolean;
}
export interface AuditQueryOptions {
    /** Only entries about this target, e.g. `instance:order-1` or `orchestration:Monitor`. */
    readonly target?: string;
    /** Page size, 1–1000. Default 100. */
    readonly limit?: number;
    /** `nextCursor` of the previous page. */
    readonly cursor?: string;
}
/** Particulars of an entry appended with `client.appendAuditEntry`. */
export interface AuditEntryOptions extends ChangeOptions {
    /** JSON-serialisable particulars (the request, its result). */
    readonly details?: unknown;
}
export interface AuditEntryInfo {
    readonly auditId: number;
    readonly at: number;
    readonly actor?: string;
    /** e.g. `version-policy.set`, `instance.pin`, `instance.resumed`, `instance.resume-refused`. */
    readonly action: string;
    readonly target: string;
    readonly reason?: string;
    /** The action's particulars (decoded JSON). */
    readonly details: unknown;
}
export interface AuditPage {
    readonly items: readonly AuditEntryInfo[];
    /** Present when older entries exist. */
    readonly nextCursor?: string;
}
export interface InstanceVersionOptions extends ChangeOptions {
    /** Accept a version no live node registers. */
    readonly force?: boolean;
}
export interface StartOrchestrationOptions {
    /** Run this version instead of the fleet policy's choice. */
    readonly version?: string;
    /** Keep the instance on its version across continue-as-new (sticky pin) until moved. */
    readonly pinVersion?: boolean;
    /**
     * When the id already exists (or a start for it is queued): `'ignore'` (default, as
     * duroxide-node) leaves the existing instance alone and returns; `'error'` throws
     * `InstanceAlreadyExistsError`.
     */
    readonly ifExists?: 'ignore' | 'error';
}
export interface ResumeInstanceOptions extends ChangeOptions {
    /** Replay and continue on this version (default: the version the execution recorded). */
    readonly version?: string;
    /** Wait this long for a runtime to apply the request (default 30,000); 0 returns at once. */
    readonly timeoutMs?: number;
}
export interface ResumeInstanceResult {
    readonly requestId: string;
    /** `queued` when `timeoutMs` was 0. */
    readonly outcome: 'resumed' | 'queued';
    /** The version the execution continues on (when resumed). */
    readonly version?: string;
}
export interface RestartInstanceOptions extends ChangeOptions {
    /** Version of the new execution (default: the fleet policy's, never below the current one). */
    readonly version?: string;
    /** Input of the new execution (default: the input the current execution started with). */
    readonly input?: unknown;
    /** Wait this long for a runtime to start the new execution (default 30,000); 0 returns at once. */
    readonly timeoutMs?: number;
}
export interface RestartInstanceResult {
    readonly requestId: string;
    readonly outcome: 'restarted' | 'queued';
    /** The new execution (when restarted). */
    readonly executionId?: number;
    readonly version?: string;
}
