/**
 * Argument validation: one rule per concept (instance id, orchestration and activity name,
 * event and queue name, session id, version, duration, tag, key-value key, payload), shared by
 * every edge that takes user values — `OrchestrationContext`, `Client` and the runtime's
 * registries — so a value accepted at one edge is accepted at all of them.
 *
 * Each rule comes in two forms: `…Problem(value, what)` returns the sentence describing what is
 * wrong (or `undefined`), for callers that throw their own error class (the registries throw
 * `ConfigurationError` with code `INVALID_REGISTRATION`); `require…(value, what)` throws
 * `InvalidInputError` with that sentence and returns the value narrowed.
 * @module
 */
import { InvalidInputError } from '../errors/duroxide-error.js';
import { encodeJson, JsonEncodeError } from '../json/json-codec.js';
import { MAX_TAG_NAME_BYTES, utf8Bytes } from '../limits.js';
import { SYSCALL_PREFIX } from '../syscall-names.js';
import { parseSemVer } from '../versioning/semver.js';
/** Longest id or name, in UTF-16 code units. */
const MAX_IDENTIFIER_LENGTH = 1024;
/**
 * The marker in auto-generated sub-orchestration ids (`<parent>::sub::<n>`); ids chosen by
 * users may not contain it, so they can never collide with a generated one.
 */
const SUB_ORCHESTRATION_MARKER = 'sub::';
const CONTROL_CHARACTERS = /[\u0000-\u001f]/;
/** A UTF-16 surrogate without its partner: not Unicode text, so no store keeps it faithfully. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * Longest duration (timer, timeout, backoff) accepted: 100 years. Longer ones are mistakes
 * (`1e300`, `2 ** 63`) whose fire time no store can hold.
 */
const MAX_DURATION_MS = 100 * 365.25 * 24 * 3600 * 1000;
/**
 * Strings are stored as UTF-8: a lone surrogate cannot be, so SQLite would read back U+FFFD (a
 * different id) and PostgreSQL would store U+FFFD (two ids colliding). Returns the problem.
 */
export function wellFormedProblem(value, what) {
    const match = LONE_SURROGATE.exec(value);
    if (match === null)
        return undefined;
    return `${what} ${JSON.stringify(value)} is not valid Unicode text: it has a lone UTF-16 surrogate (\\u${match[0].charCodeAt(0).toString(16).toUpperCase()}) at index ${match.index}`;
}
/** A short description of a value for error messages. */
export function describeValue(value) {
    if (value instanceof Date)
        return `a Date (${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
    if (typeof value === 'string')
        return JSON.stringify(value);
    if (typeof value === 'object' && value !== null)
        return Array.isArray(value) ? 'an array' : 'an object';
    return typeof value === 'bigint' ? `${value}n` : String(value);
}
function orThrow(value, problem, context) {
    if (problem !== undefined)
        throw new InvalidInputError(problem, context ?? {});
    return value;
}
/**
 * The base rule of every id and name: a string that is not empty and not only whitespace, at
 * most {@link MAX_IDENTIFIER_LENGTH} characters, without control characters (they break logs,
 * URLs and the CLI's output).
 */
function identifierProblem(value, what) {
    if (typeof value !== 'string' || value.length === 0)
        return `${what} must be a non-empty string, got ${describeValue(value)}`;
    if (value.trim().length === 0)
        return `${what} must not be only whitespace, got ${JSON.stringify(value)}`;
    if (value.length > MAX_IDENTIFIER_LENGTH) {
        return `${what} is ${value.length} characters long; the limit is ${MAX_IDENTIFIER_LENGTH}`;
    }
    if (CONTROL_CHARACTERS.test(value))
        return `${what} ${JSON.stringify(value)} contains control characters`;
    return wellFormedProblem(value, what);
}
export function requireIdentifier(value, what) {
    return orThrow(value, identifierProblem(value, what));
}
/** An existing instance id (to read, signal or delete): the base rule. */
export function requireInstanceId(value, what = 'instance id') {
    return orThrow(value, identifierProblem(value, what));
}
/**
 * An id for a new instance chosen by the caller (client start, sub-orchestration or detached
 * start with an explicit id): the base rule, and no sub-orchestration marker.
 */
function newInstanceIdProblem(value, what = 'instance id') {
    const problem = identifierProblem(value, what);
    if (problem !== undefined)
        return problem;
    const id = value;
    if (id.startsWith(SUB_ORCHESTRATION_MARKER) || id.includes(`::${SUB_ORCHESTRATION_MARKER}`)) {
        return `${what} '${id}' uses the marker '${SUB_ORCHESTRATION_MARKER}' reserved for sub-orchestrations`;
    }
    return undefined;
}
export function requireNewInstanceId(value, what = 'instance id') {
    const problem = newInstanceIdProblem(value, what);
    return orThrow(value, problem, problem === undefined || typeof value !== 'string' ? {} : { instanceId: value });
}
function userNameProblem(value, what) {
    const problem = identifierProblem(value, what);
    if (problem !== undefined)
        return problem;
    if (value.startsWith(SYSCALL_PREFIX)) {
        return `${what} '${value}' uses the reserved prefix '${SYSCALL_PREFIX}'`;
    }
    return undefined;
}
/** An orchestration name: the base rule, and not the reserved system-call prefix. */
export function orchestrationNameProblem(value, what = 'orchestration name') {
    return userNameProblem(value, what);
}
export function requireOrchestrationName(value, what = 'orchestration name') {
    return orThrow(value, orchestrationNameProblem(value, what));
}
/** An activity name: the base rule, and not the reserved system-call prefix. */
export function activityNameProblem(value, what = 'activity name') {
    return userNameProblem(value, what);
}
export function requireActivityName(value, what = 'activity name') {
    return orThrow(value, activityNameProblem(value, what));
}
/** An external event name (`raiseEvent` / `waitForEvent`): the base rule. */
export function requireEventName(value, what = 'event name') {
    return orThrow(value, identifierProblem(value, what));
}
/** A persistent queue name (`enqueueEvent` / `dequeueEvent`): the base rule. */
export function requireQueueName(value, what = 'queue name') {
    return orThrow(value, identifierProblem(value, what));
}
/** An activity session id: the base rule. */
export function requireSessionId(value, what = 'session id') {
    return orThrow(value, identifierProblem(value, what));
}
/** A key of an instance's key-value store: the base rule. */
export function requireKvKey(value, what = 'key') {
    return orThrow(value, identifierProblem(value, what));
}
/** An orchestration version: a semver string (`MAJOR.MINOR.PATCH[-pre]`). */
export function versionProblem(value, what = 'version') {
    if (typeof value !== 'string' || parseSemVer(value) === null) {
        return `${what} must be a semver string like '1.2.0', got ${describeValue(value)}`;
    }
    return undefined;
}
export function requireVersion(value, what = 'version') {
    return orThrow(value, versionProblem(value, what));
}
/**
 * A duration or timeout in milliseconds: a finite number, at least 0 (or above 0 where a zero
 * wait would make every attempt fail, like a retry's per-attempt timeout).
 */
function durationMsProblem(value, what, allowZero = true) {
    if (typeof value !== 'number' ||
        !Number.isFinite(value) ||
        value < 0 ||
        (!allowZero && value === 0)) {
        return `${what} must be a ${allowZero ? 'non-negative' : 'positive'} number of milliseconds, got ${describeValue(value)}`;
    }
    if (value > MAX_DURATION_MS)
        return `${what} is ${value} ms; the longest accepted is ${MAX_DURATION_MS} ms (100 years)`;
    return undefined;
}
export function requireDurationMs(value, what, allowZero = true) {
    return orThrow(value, durationMsProblem(value, what, allowZero));
}
/**
 * An activity routing tag: a non-empty string without control characters, at most `maxBytes`
 * bytes of UTF-8 (the runtime's `limits.maxTagBytes`; 256 unless configured).
 */
export function tagProblem(value, what = 'tag', maxBytes = MAX_TAG_NAME_BYTES) {
    if (typeof value !== 'string' || value.length === 0)
        return `${what} must be a non-empty string, got ${describeValue(value)}`;
    if (CONTROL_CHARACTERS.test(value))
        return `${what} ${JSON.stringify(value)} contains control characters`;
    const malformed = wellFormedProblem(value, what);
    if (malformed !== undefined)
        return malformed;
    const bytes = utf8Bytes(value);
    if (bytes > maxBytes)
        return `${what} is ${bytes} bytes; the limit is ${maxBytes}`;
    return undefined;
}
export function requireTag(value, what = 'tag', maxBytes = MAX_TAG_NAME_BYTES) {
    return orThrow(value, tagProblem(value, what, maxBytes));
}
export function requireBoolean(value, what) {
    if (typeof value !== 'boolean')
        throw new InvalidInputError(`${what} must be true or false, got ${describeValue(value)}`);
    return value;
}
/**
 * A payload (input, output, event data, value) as JSON text: anything that does not survive a
 * JSON round trip is refused with the offending path, and so is JSON over `maxBytes`.
 */
export function encodePayload(value, what, options = {}) {
    const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    let text;
    try {
        text = encodeJson(value, what);
    }
    catch (e) {
        if (e instanceof JsonEncodeError)
            throw new InvalidInputError(e.message, options.context ?? {}, e);
        throw e;
    }
    // A UTF-16 code unit is at most 3 bytes of UTF-8: only count bytes when the limit is within reach.
    if (text.length > maxBytes / 4) {
        const bytes = utf8Bytes(text);
        if (bytes > maxBytes) {
            throw new InvalidInputError(`${what} is ${bytes} bytes as JSON; the limit is ${maxBytes}`, options.context ?? {});
        }
    }
    return text;
}
//# sourceMappingURL=arguments.js.map