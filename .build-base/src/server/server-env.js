import { DuroxideError, ERROR_CODES, isDuroxideError } from '../core/errors/duroxide-error.js';
import { roleAllows } from './auth/api-keys.js';
/** API paths start with this. */
export const API_PREFIX = '/api/v1';
/**
 * Route middleware: refuses callers whose role is below `role`, and every mutation when the
 * server is read-only.
 */
export function requireRole(role, isReadOnly) {
    return async (c, next) => {
        const principal = c.get('principal');
        if (isReadOnly && role !== 'viewer') {
            throw new DuroxideError(ERROR_CODES.PERMISSION_DENIED, 'the management server runs read-only; restart it without --read-only to make changes');
        }
        if (!roleAllows(principal.role, role)) {
            throw new DuroxideError(ERROR_CODES.PERMISSION_DENIED, `the API key '${principal.actor}' has role ${principal.role}; this needs ${role} (viewer < operator < admin)`);
        }
        await next();
    };
}
/**
 * Runs a mutation and records it in the audit log with the caller as actor and its result
 * (`ok`, or the error code); the error, if any, is rethrown.
 */
export async function audited(c, deps, action, target, details, run, reason) {
    const actor = c.get('principal').actor;
    const record = (result) => deps.client.appendAuditEntry(action, target, {
        actor,
        ...(reason !== undefined ? { reason } : {}),
        details: { ...details, ...result },
    });
    let value;
    try {
        value = await run();
    }
    catch (error) {
        await record({
            result: 'error',
            code: isDuroxideError(error) ? error.code : ERROR_CODES.INTERNAL_ERROR,
        });
        throw error;
    }
    await record({ result: 'ok' });
    return value;
}
//# sourceMappingURL=server-env.js.map