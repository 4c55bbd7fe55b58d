/**
 * Typed definitions: `defineOrchestration` / `defineActivity` bind a name (and version), the
 * Standard Schemas of input and output, and the code, into one value. `runtime.register(...)`
 * registers it; `ctx.scheduleActivity(def, input)`, `ctx.scheduleSubOrchestration(def, input)`,
 * `yield* ctx.activity(def, input)` and `client.startOrchestration(def, id, input)` accept it in
 * place of a name, with the input and result types checked at compile time.
 *
 * Schemas validate; they never transform. The code receives the value that was stored, so
 * replay never depends on a schema (docs/versioning.md "Input schemas"). Where each check runs:
 * - orchestration input: at `client.startOrchestration(def, …)` (`INVALID_INPUT`, nothing is
 *   stored), in `ctx.scheduleSubOrchestration(def, …)` (throws at the call), and for every new
 *   execution as the version's input schema (`INPUT_REJECTED`);
 * - orchestration output: when the code returns; a rejected output fails the instance
 *   (`INVALID_INPUT` naming each issue's path);
 * - activity input: in `ctx.scheduleActivity(def, …)` (throws at the call) and again before the
 *   activity runs; activity output: when it returns. A rejection fails the activity, which the
 *   orchestration sees as an `ActivityFailedError`.
 * @module
 */
import {
  schemaRejection,
  type ActivityRef,
  type OrchestrationRef,
} from '../core/context/definition-refs.js';
import { ConfigurationError, ERROR_CODES } from '../core/errors/duroxide-error.js';
import { driveGenerator, isGenerator } from '../core/replay/drive-generator.js';
import type { OrchestrationHandler } from '../core/replay/orchestration-handler.js';
import {
  isStandardSchema,
  schemaIssues,
  type StandardSchemaV1,
} from '../core/schema/standard-schema.js';
import type { ActivityHandler } from './registry.js';

/** What `defineOrchestration` takes besides the code. */
export interface OrchestrationDefinitionOptions<I, O> {
  readonly name: string;
  /** Semver version (default: registered as 1.0.0, and scheduled/started by the version policy). */
  readonly version?: string;
  /** Standard Schema (zod, valibot, arktype, …) of the input; its input type types the code's `input`. */
  readonly input?: StandardSchemaV1<I, unknown>;
  /** Standard Schema of the output; its input type is what the code must return. */
  readonly output?: StandardSchemaV1<O, unknown>;
}

/** What `defineActivity` takes besides the code. */
export interface ActivityDefinitionOptions<I, O> {
  readonly name: string;
  readonly input?: StandardSchemaV1<I, unknown>;
  readonly output?: StandardSchemaV1<O, unknown>;
}

/** An orchestration definition: a typed reference plus its code. */
export interface OrchestrationDefinition<I = unknown, O = unknown> extends OrchestrationRef<I, O> {
  readonly handler: OrchestrationHandler<I, O>;
}

/** An activity definition: a typed reference plus its code. */
export interface ActivityDefinition<I = unknown, O = unknown> extends ActivityRef<I, O> {
  readonly handler: ActivityHandler<I, O>;
}

/** Either kind of definition, whatever its types, as `runtime.register` takes them. */
export type Definition = (OrchestrationRef | ActivityRef) & {
  readonly handler: (...args: never[]) => unknown;
};

function invalid(message: string): ConfigurationError {
  return new ConfigurationError(ERROR_CODES.INVALID_REGISTRATION, message);
}

function checkSchema(schema: unknown, what: string): StandardSchemaV1 | undefined {
  if (schema === undefined) return undefined;
  if (!isStandardSchema(schema))
    throw invalid(`${what} must be a Standard Schema (a zod, valibot, arktype … schema)`);
  return schema;
}

function checkOptions(options: unknown, kind: string, keys: readonly string[]): void {
  if (typeof options !== 'object' || options === null)
    throw invalid(
      `define${kind}: the first argument must be an object like { name, input, output }`,
    );
  for (const key of Object.keys(options)) {
    if (!keys.includes(key))
      throw invalid(`define${kind}: unknown option '${key}' (known: ${keys.join(', ')})`);
  }
  if (typeof (options as { name?: unknown }).name !== 'string')
    throw invalid(`define${kind}: name must be a string`);
}

/**
 * Defines an orchestration with typed, validated input and output. Register it with
 * `runtime.register(def)`; start it with `client.startOrchestration(def, instanceId, input)`.
 * @throws ConfigurationError (`INVALID_REGISTRATION`) for a malformed option or schema.
 * @example
 * const Order = defineOrchestration(
 *   { name: 'Order', input: z.object({ sku: z.string() }), output: z.number() },
 *   async (ctx, order) => ctx.scheduleActivity(Charge, { sku: order.sku }),
 * );
 */
export function defineOrchestration<I = unknown, O = unknown>(
  options: OrchestrationDefinitionOptions<I, O>,
  handler: OrchestrationHandler<I, O>,
): OrchestrationDefinition<I, O> {
  checkOptions(options, 'Orchestration', ['name', 'version', 'input', 'output']);
  const what = `orchestration '${options.name}'`;
  if (typeof handler !== 'function') throw invalid(`${what}: handler must be a function`);
  return Object.freeze({
    kind: 'orchestration',
    name: options.name,
    version: options.version,
    input: checkSchema(options.input, `${what}: input`),
    output: checkSchema(options.output, `${what}: output`),
    handler,
  });
}

/**
 * Defines an activity with typed, validated input and output. Register it with
 * `runtime.register(def)`; schedule it with `ctx.scheduleActivity(def, input)`.
 * @throws ConfigurationError (`INVALID_REGISTRATION`) for a malformed option or schema.
 * @example
 * const Charge = defineActivity(
 *   { name: 'Charge', input: z.object({ sku: z.string() }), output: z.number() },
 *   async (ctx, { sku }) => prices[sku],
 * );
 */
export function defineActivity<I = unknown, O = unknown>(
  options: ActivityDefinitionOptions<I, O>,
  handler: ActivityHandler<I, O>,
): ActivityDefinition<I, O> {
  checkOptions(options, 'Activity', ['name', 'input', 'output']);
  const what = `activity '${options.name}'`;
  if (typeof handler !== 'function') throw invalid(`${what}: handler must be a function`);
  return Object.freeze({
    kind: 'activity',
    name: options.name,
    input: checkSchema(options.input, `${what}: input`),
    output: checkSchema(options.output, `${what}: output`),
    handler,
  });
}

async function validated(
  schema: StandardSchemaV1 | undefined,
  value: unknown,
  what: string,
): Promise<unknown> {
  if (schema === undefined) return value;
  const issues = await schemaIssues(schema, value);
  if (issues.length > 0) throw schemaRejection(what, issues);
  return value;
}

/** The orchestration code with its output checked when it returns. */
export function orchestrationHandlerOf(def: OrchestrationRef & Definition): OrchestrationHandler {
  const handler = def.handler as OrchestrationHandler;
  const schema = def.output;
  if (schema === undefined) return handler;
  return (ctx, input) => {
    const result = handler(ctx, input);
    const done: unknown = isGenerator(result) ? driveGenerator(result) : result;
    const what = `the output of orchestration '${def.name}@${ctx.orchestrationVersion}' (instance '${ctx.instanceId}')`;
    return Promise.resolve(done).then((value) => validated(schema, value, what));
  };
}

/** The activity code with its input checked before it runs and its output when it returns. */
export function activityHandlerOf(def: ActivityRef & Definition): ActivityHandler {
  const handler = def.handler as ActivityHandler;
  if (def.input === undefined && def.output === undefined) return handler;
  return async (ctx, input) => {
    await validated(def.input, input, `the input of activity '${def.name}'`);
    const output: unknown = await handler(ctx, input);
    return validated(def.output, output, `the output of activity '${def.name}'`);
  };
}
