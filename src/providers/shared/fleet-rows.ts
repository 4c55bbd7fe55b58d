/**
 * Rows of the fleet tables (SQLite migration 0005, PostgreSQL migration 0003) and their
 * records, for both providers (PostgreSQL's BIGINT columns arrive as numbers through its type
 * parser). Stored JSON is parsed here; a row that does not parse is a permanent `ProviderError`
 * naming it (like unreadable history in `readHistory`), never a bare `SyntaxError` and never a
 * silently dropped row.
 * @module
 */
import { ProviderError } from '../../core/errors/duroxide-error.js';
import type {
  AuditRecord,
  NodeRecord,
  StoredVersionPolicy,
  VersionPolicyRecord,
} from '../provider.js';

export interface VersionPolicyRow {
  orchestration_name: string;
  policy: string | null;
  updated_at: number;
  updated_by: string | null;
  reason: string | null;
  revision: number;
}

export interface AuditRow {
  id: number;
  at: number;
  actor: string | null;
  action: string;
  target: string;
  reason: string | null;
  details: string;
}

export interface NodeRow {
  node_id: string;
  host: string;
  pid: number;
  duroxide_version: string;
  history_format: number;
  heartbeat_interval_ms: number;
  started_at: number;
  last_seen_at: number;
  orchestrations: string;
  activities: string;
}

function parseStored(
  operation: string,
  what: string,
  text: string,
  isValid: (value: unknown) => boolean,
): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ProviderError(
      operation,
      `${what} is not valid JSON (${String(error)}); rewrite it or delete the row`,
      false,
      error,
    );
  }
  if (!isValid(value)) {
    throw new ProviderError(
      operation,
      `${what} has an unexpected shape: ${text.slice(0, 200)}; rewrite it or delete the row`,
      false,
    );
  }
  return value;
}

function isPolicy(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string'
  );
}

function isStringArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isRegistrations(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every(
      (v: unknown) =>
        typeof v === 'object' &&
        v !== null &&
        typeof (v as { name?: unknown }).name === 'string' &&
        isStringArray((v as { versions?: unknown }).versions),
    )
  );
}

/** The record of a row whose policy is set (callers skip cleared rows, `policy` NULL). */
export function toVersionPolicyRecord(
  operation: string,
  row: VersionPolicyRow & { policy: string },
): VersionPolicyRecord {
  const policy = parseStored(
    operation,
    `the stored version policy of '${row.orchestration_name}'`,
    row.policy,
    isPolicy,
  ) as StoredVersionPolicy;
  return {
    orchestrationName: row.orchestration_name,
    policy,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by ?? undefined,
    reason: row.reason ?? undefined,
    revision: row.revision,
  };
}

export function toAuditRecord(row: AuditRow): AuditRecord {
  return {
    auditId: row.id,
    at: row.at,
    actor: row.actor ?? undefined,
    action: row.action,
    target: row.target,
    reason: row.reason ?? undefined,
    details: row.details,
  };
}

export function toNodeRecord(operation: string, row: NodeRow): NodeRecord {
  const what = (column: string): string => `the ${column} of node '${row.node_id}'`;
  return {
    nodeId: row.node_id,
    host: row.host,
    pid: row.pid,
    duroxideVersion: row.duroxide_version,
    historyFormat: row.history_format,
    startedAt: row.started_at,
    lastSeenAt: row.last_seen_at,
    heartbeatIntervalMs: row.heartbeat_interval_ms,
    orchestrations: parseStored(
      operation,
      what('orchestrations'),
      row.orchestrations,
      isRegistrations,
    ) as NodeRecord['orchestrations'],
    activities: parseStored(
      operation,
      what('activities'),
      row.activities,
      isStringArray,
    ) as string[],
  };
}
