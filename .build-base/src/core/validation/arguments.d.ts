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
import { type ErrorContext } from '../errors/duroxide-error.js';
/**
 * Strings are stored as UTF-8: a lone surrogate cannot be, so SQLite would read back U+FFFD (a
 * different id) and PostgreSQL would store U+FFFD (two ids colliding). Returns the problem.
 */
export declare function wellFormedProblem(value: string, what: string): string | undefined;
/** A short description of a value for error messages. */
export declare function describeValue(value: unknown): string;
export declare function requireIdentifier(value: unknown, what: string): string;
/** An existing instance id (to read, signal or delete): the base rule. */
export declare function requireInstanceId(value: unknown, what?: string): string;
export declare function requireNewInstanceId(value: unknown, what?: string): string;
/** An orchestration name: the base rule, and not the reserved system-call prefix. */
export declare function orchestrationNameProblem(value: unknown, what?: string): string | undefined;
export declare function requireOrchestrationName(value: unknown, what?: string): string;
/** An activity name: the base rule, and not the reserved system-call prefix. */
export declare function activityNameProblem(value: unknown, what?: string): string | undefined;
export declare function requireActivityName(value: unknown, what?: string): string;
/** An external event name (`raiseEvent` / `waitForEvent`): the base rule. */
export declare function requireEventName(value: unknown, what?: string): string;
/** A persistent queue name (`enqueueEvent` / `dequeueEvent`): the base rule. */
export declare function requireQueueName(value: unknown, what?: string): string;
/** An activity session id: the base rule. */
export declare function requireSessionId(value: unknown, what?: string): string;
/** A key of an instance's key-value store: the base rule. */
export declare function requireKvKey(value: unknown, what?: string): string;
/** An orchestration version: a semver string (`MAJOR.MINOR.PATCH[-pre]`). */
export declare function versionProblem(value: unknown, what?: string): string | undefined;
export declare function requireVersion(value: unknown, what?: string): string;
export declare function requireDurationMs(value: unknown, what: string, allowZero?: boolean): number;
/**
 * An activity routing tag: a non-empty string without control characters, at most `maxBytes`
 * bytes of UTF-8 (the runtime's `limits.maxTagBytes`; 256 unless configured).
 */
export declare function tagProblem(value: unknown, what?: string, maxBytes?: number): string | undefined;
export declare function requireTag(value: unknown, what?: string, maxBytes?: number): string;
export declare function requireBoolean(value: unknown, what: string): boolean;
/**
 * A payload (input, output, event data, value) as JSON text: anything that does not survive a
 * JSON round trip is refused with the offending path, and so is JSON over `maxBytes`.
 */
export declare function encodePayload(value: unknown, what: string, options?: {
    readonly maxBytes?: number;
    readonly context?: ErrorContext;
}): string;
