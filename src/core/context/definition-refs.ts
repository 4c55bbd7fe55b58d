/**
 * Typed references to orchestrations and activities: what `defineOrchestration` /
 * `defineActivity` return, and what `ctx.scheduleActivity`, `ctx.scheduleSubOrchestration`
 * and `client.startOrchestration` accept in place of a name. A reference carries the name
 * (and version), the Standard Schemas of input and output, and — for the compiler only — the
 * input and output types, so a wrong input or a misused result fails to compile.
 * @module
 */
import { InvalidInputError } from '../errors/duroxide-error.js';
import {
  describeIssues,
  formatPath,
  type SchemaIssue,
  type StandardSchemaResult,
  type StandardSchemaV1,
} from '../schema/standard-schema.js';

/**
 * Input and output types of a reference. Declared, never set: it exists so TypeScript can
 * infer `I` and `O` from a reference.
 */
interface RefTypes<I, O> {
  readonly '~types'?: { readonly input: I; readonly output: O } | undefined;
}

/** A typed reference to an activity (see `defineActivity`). */
export interface ActivityRef<I = unknown, O = unknown> extends RefTypes<I, O> {
  readonly kind: 'activity';
  readonly name: string;
  /** Standard Schema the input must pass (checked when scheduled and before the activity runs). */
  readonly input: StandardSchemaV1 | undefined;
  /** Standard Schema the activity's result must pass (else the activity fails). */
  readonly output: StandardSchemaV1 | undefined;
}

/** A typed reference to an orchestration (see `defineOrchestration`). */
export interface OrchestrationRef<I = unknown, O = unknown> extends RefTypes<I, O> {
  readonly kind: 'orchestration';
  readonly name: string;
  /** The version it was defined with; undefined: the version policy decides, registered as 1.0.0. */
  readonly version: string | undefined;
  /** Standard Schema of the input: checked by `client.startOrchestration` and for every new execution. */
  readonly input: StandardSchemaV1 | undefined;
  /** Standard Schema the orchestration's output must pass (else the instance fails). */
  readonly output: StandardSchemaV1 | undefined;
}

/** The input type of a reference. */
export type RefInput<R> = R extends
  ActivityRef<infer I, unknown> | OrchestrationRef<infer I, unknown>
  ? I
  : never;
/** The output type of a reference. */
export type RefOutput<R> = R extends
  ActivityRef<unknown, infer O> | OrchestrationRef<unknown, infer O>
  ? O
  : never;

function isRef(value: unknown, kind: 'activity' | 'orchestration'): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === kind &&
    typeof (value as { name?: unknown }).name === 'string'
  );
}

export function isActivityRef(value: unknown): value is ActivityRef {
  return isRef(value, 'activity');
}

export function isOrchestrationRef(value: unknown): value is OrchestrationRef {
  return isRef(value, 'orchestration');
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown }).then === 'function';
}

/** The issues of `value`, or undefined when the schema answers asynchronously (or throws). */
function syncIssues(schema: StandardSchemaV1, value: unknown): SchemaIssue[] | undefined {
  let result: StandardSchemaResult<unknown> | PromiseLike<StandardSchemaResult<unknown>>;
  try {
    result = schema['~standard'].validate(value);
  } catch {
    return undefined;
  }
  if (isPromiseLike(result)) {
    void Promise.resolve(result).catch(() => undefined);
    return undefined;
  }
  if (result.issues === undefined) return [];
  return result.issues.map((i) => ({ path: formatPath(i.path), message: String(i.message) }));
}

/** `INVALID_INPUT` naming what was rejected and every issue with its path. */
export function schemaRejection(what: string, issues: readonly SchemaIssue[]): InvalidInputError {
  return new InvalidInputError(`${what} was rejected by its schema: ${describeIssues(issues)}`);
}

/**
 * Checks a value against a reference's schema where it is written (in orchestration code), so
 * a wrong input throws at the call. Deterministic: the same value gives the same answer on
 * replay. A schema that answers asynchronously is checked later, by the receiving side.
 * @throws InvalidInputError (`INVALID_INPUT`) naming each issue's path.
 */
export function checkNow(schema: StandardSchemaV1 | undefined, value: unknown, what: string): void {
  if (schema === undefined) return;
  const issues = syncIssues(schema, value);
  if (issues !== undefined && issues.length > 0) throw schemaRejection(what, issues);
}
