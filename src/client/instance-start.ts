/**
 * How the Client starts an instance: options checked, the version decided once by the fleet's
 * policy and recorded on the start, and a start of an id that already exists either ignored
 * (duroxide-node's behaviour, the default) or refused (`ifExists: 'error'`).
 * @module
 */
import { InstanceAlreadyExistsError, InvalidInputError } from '../core/errors/duroxide-error.js';
import {
  encodePayload,
  requireBoolean,
  requireNewInstanceId,
  requireOrchestrationName,
  requireVersion,
} from '../core/validation/arguments.js';
import {
  isOrchestrationRef,
  schemaRejection,
  type OrchestrationRef,
} from '../core/context/definition-refs.js';
import { schemaIssues } from '../core/schema/standard-schema.js';
import type { Provider } from '../providers/provider.js';
import type { FleetView } from './fleet-view.js';
import { activeTraceContext } from './otel-api.js';
import { requireOptionsObject } from './management-arguments.js';

/** What a start does when the instance id already exists (or a start for it is queued). */
type IfExists = 'ignore' | 'error';

export interface StartRequest {
  readonly version: string | undefined;
  readonly pinVersion: boolean;
  readonly ifExists: IfExists;
}

/** Checks the options bag of a start; `allowed` are the option names this method takes. */
export function parseStartOptions(options: unknown, allowed: readonly string[]): StartRequest {
  const o = requireOptionsObject(options, 'options', allowed);
  const version =
    o['version'] === undefined ? undefined : requireVersion(o['version'], 'options.version');
  const pinVersion =
    o['pinVersion'] === undefined ? false : requireBoolean(o['pinVersion'], 'options.pinVersion');
  const ifExists = o['ifExists'] ?? 'ignore';
  if (ifExists !== 'ignore' && ifExists !== 'error') {
    throw new InvalidInputError(
      `options.ifExists must be 'ignore' or 'error', got ${JSON.stringify(ifExists)}`,
    );
  }
  return { version, pinVersion, ifExists };
}

/**
 * Enqueues the start unless the id exists. A second start of an existing id is dropped (the
 * instance keeps its first input and history), or refused with `InstanceAlreadyExistsError`
 * under `ifExists: 'error'`.
 */
export async function startInstance(
  provider: Provider,
  fleet: FleetView,
  instanceId: string,
  name: string,
  input: unknown,
  request: StartRequest,
  maxPayloadBytes: number,
): Promise<void> {
  const id = requireNewInstanceId(instanceId);
  const orchestration = requireOrchestrationName(name);
  const encoded = encodePayload(input, 'orchestration input', {
    maxBytes: maxPayloadBytes,
    context: { instanceId: id },
  });
  const version = request.version ?? (await fleet.resolve(orchestration, id)).version;
  // The execution joins the caller's trace (docs/observability.md).
  const traceContext = await activeTraceContext();
  const item = {
    type: 'StartOrchestration',
    instance: id,
    orchestration,
    input: encoded,
    version,
    ...(request.pinVersion ? { pinVersion: true } : {}),
    ...(traceContext === undefined ? {} : { traceContext }),
  } as const;
  const enqueued = await provider.enqueueStartIfAbsent(item);
  if (!enqueued && request.ifExists === 'error') throw new InstanceAlreadyExistsError(id);
}

/**
 * The instance id, orchestration name and start request of `client.startOrchestration`: as
 * given, or taken from a `defineOrchestration` reference (`first`, whose version, if any, is
 * started) whose input schema must accept `input`.
 * @throws InvalidInputError (`INVALID_INPUT`) for bad options, or naming each issue's path.
 */
export async function startTarget(
  first: string | OrchestrationRef,
  second: string,
  input?: unknown,
  options?: unknown,
): Promise<[instanceId: string, name: string, request: StartRequest]> {
  const request = parseStartOptions(options, ['version', 'pinVersion', 'ifExists']);
  if (!isOrchestrationRef(first)) return [first, second, request];
  if (first.input !== undefined) {
    const issues = await schemaIssues(first.input, input);
    if (issues.length > 0) {
      const what = `the input of orchestration '${first.name}' for instance '${String(second)}'`;
      throw schemaRejection(what, issues);
    }
  }
  const version = first.version ?? request.version;
  return [second, first.name, { ...request, version }];
}
