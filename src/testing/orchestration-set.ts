/**
 * `OrchestrationSet`: the orchestrations a test environment or a replay check runs, by name, and
 * the types a test reads their inputs and outputs from.
 * @module
 */
import type { OrchestrationHandler } from '../core/replay/orchestration-handler.js';
import { InvalidInputError } from '../core/errors/duroxide-error.js';
import { DEFAULT_VERSION } from '../core/versioning/semver.js';

/** Any orchestration function (async, generator or plain), whatever its input and output. */
type AnyOrchestration = OrchestrationHandler<never, unknown>;

/**
 * Orchestrations by name: a function registers version 1.0.0; an object maps versions to
 * functions (`{ '1.0.0': v1, '2.0.0': v2 }`), for tests of versioned code.
 */
export type OrchestrationSet = Readonly<
  Record<string, AnyOrchestration | Readonly<Record<string, AnyOrchestration>>>
>;

/** The function(s) registered under `N`; never for a name outside a literal set. */
type HandlerOf<S, N> = N extends keyof S
  ? S[N] extends AnyOrchestration
    ? S[N]
    : S[N][keyof S[N]]
  : never;

/** True when `S` names its orchestrations (not a plain `Record<string, …>`) and has `N`. */
type IsKnown<S, N> = string extends keyof S ? false : N extends keyof S ? true : false;

type Settled<R> =
  R extends PromiseLike<infer O> ? O : R extends Generator<unknown, infer O, unknown> ? O : R;

/** The input orchestration `N` of set `S` takes (`unknown` for a name outside the set). */
export type OrchestrationInput<S, N> =
  IsKnown<S, N> extends true
    ? HandlerOf<S, N> extends (ctx: never, input: infer I) => unknown
      ? I
      : unknown
    : unknown;

/** The output orchestration `N` of set `S` returns (`unknown` for a name outside the set). */
export type OrchestrationOutput<S, N> =
  IsKnown<S, N> extends true
    ? HandlerOf<S, N> extends (...args: never[]) => infer R
      ? Settled<R>
      : unknown
    : unknown;

/** Calls `register(name, version, handler)` for every orchestration version of `set`. */
export function forEachOrchestration(
  set: OrchestrationSet,
  register: (name: string, version: string, handler: OrchestrationHandler) => void,
): void {
  if (typeof set !== 'object' || set === null || Array.isArray(set)) {
    throw new InvalidInputError(
      `orchestrations must be an object of name: function (or name: { version: function }), got ${JSON.stringify(set)}`,
    );
  }
  for (const [name, definition] of Object.entries(set)) {
    if (typeof definition === 'function') {
      register(name, DEFAULT_VERSION, definition as OrchestrationHandler);
      continue;
    }
    if (typeof definition !== 'object' || definition === null) {
      throw new InvalidInputError(
        `orchestrations.${name} must be a function or an object of version: function, got ${JSON.stringify(definition)}`,
      );
    }
    for (const [version, handler] of Object.entries(definition))
      register(name, version, handler as OrchestrationHandler);
  }
}
