/**
 * Rows of the fleet tables (SQLite migration 0005, PostgreSQL migration 0003) and their
 * records, for both providers (PostgreSQL's BIGINT columns arrive as numbers through its type
 * parser). Stored JSON is parsed here; a row that does not parse is a permanent `ProviderError`
 * naming it (like unreadable history in `readHistory`), never a bare `SyntaxError` and never a
 * silently dropped row.
 * @module
 */
import { ProviderError } from '../../core/errors/duroxide-error.js';
function parseStored(operation, what, text, isValid) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        throw new ProviderError(operation, `${what} is not valid JSON (${String(error)}); rewrite it or delete the row`, false, error);
    }
    if (!isValid(value)) {
        throw new ProviderError(operation, `${what} has an unexpected shape: ${text.slice(0, 200)}; rewrite it or delete the row`, false);
    }
    return value;
}
function isPolicy(value) {
    return (typeof value === 'object' &&
        value !== null &&
        typeof value.kind === 'string');
}
function isStringArray(value) {
    return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
function isRegistrations(value) {
    return (Array.isArray(value) &&
        value.every((v) => typeof v === 'object' &&
            v !== null &&
            typeof v.name === 'string' &&
            isStringArray(v.versions)));
}
/** The record of a row whose policy is set (callers skip cleared rows, `policy` NULL). */
export function toVersionPolicyRecord(operation, row) {
    const policy = parseStored(operation, `the stored version policy of '${row.orchestration_name}'`, row.policy, isPolicy);
    return {
        orchestrationName: row.orchestration_name,
        policy,
        updatedAt: row.updated_at,
        updatedBy: row.updated_by ?? undefined,
        reason: row.reason ?? undefined,
        revision: row.revision,
    };
}
export function toAuditRecord(row) {
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
export function toNodeRecord(operation, row) {
    const what = (column) => `the ${column} of node '${row.node_id}'`;
    return {
        nodeId: row.node_id,
        host: row.host,
        pid: row.pid,
        duroxideVersion: row.duroxide_version,
        historyFormat: row.history_format,
        startedAt: row.started_at,
        lastSeenAt: row.last_seen_at,
        heartbeatIntervalMs: row.heartbeat_interval_ms,
        orchestrations: parseStored(operation, what('orchestrations'), row.orchestrations, isRegistrations),
        activities: parseStored(operation, what('activities'), row.activities, isStringArray),
    };
}
//# sourceMappingURL=fleet-rows.js.map