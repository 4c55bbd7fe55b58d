import { PROBLEM_CONTENT_TYPE } from '../problem.js';
export function ok(schema, description) {
    return { description, content: { 'application/json': { schema } } };
}
const DESCRIPTIONS = {
    400: 'invalid request (code INVALID_INPUT)',
    401: 'no or invalid API key (UNAUTHENTICATED)',
    403: 'role too low or server read-only (PERMISSION_DENIED)',
    404: 'not found (INSTANCE_NOT_FOUND)',
    409: 'refused in the current state (INSTANCE_STILL_RUNNING, CANNOT_DELETE_SUB_ORCHESTRATION, INVALID_STATE, REQUEST_REFUSED, …)',
    413: 'request body too large (INVALID_INPUT)',
    422: 'a version no live node registers (VERSION_NOT_REGISTERED)',
    504: 'no runtime applied the request in time (TIMEOUT)',
};
/**
 * Problem responses for the OpenAPI document. Declared without a schema-typed body so handlers
 * are not asked to return them: errors are thrown and rendered by the server's error handler.
 */
export function problemResponses(...statuses) {
    const out = {};
    for (const s of statuses)
        out[s] = {
            description: `${DESCRIPTIONS[s] ?? 'error'}; body ${PROBLEM_CONTENT_TYPE} (Problem)`,
        };
    return out;
}
/** The same value, typed as mutable for the response schemas (it is only serialised). */
export function plain(value) {
    return value;
}
//# sourceMappingURL=route-kit.js.map