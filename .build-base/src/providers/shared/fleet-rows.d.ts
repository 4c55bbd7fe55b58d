import type { AuditRecord, NodeRecord, VersionPolicyRecord } from '../provider.js';
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
/** The record of a row whose policy is set (callers skip cleared rows, `policy` NULL). */
export declare function toVersionPolicyRecord(operation: string, row: VersionPolicyRow & {
    policy: string;
}): VersionPolicyRecord;
export declare function toAuditRecord(row: AuditRow): AuditRecord;
export declare function toNodeRecord(operation: string, row: NodeRow): NodeRecord;
