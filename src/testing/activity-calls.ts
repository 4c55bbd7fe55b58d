/**
 * `ActivityCalls`: the test environment's activities. Each is registered on the runtime through
 * one dispatch function, so a test can swap its implementation (`mockActivity`) while the
 * runtime runs, and every execution is recorded for assertions (`activityCalls`).
 * @module
 */
import { InvalidInputError } from '../core/errors/duroxide-error.js';
import type { ActivityContext } from '../runtime/activity-context.js';
import type { ActivityHandler } from '../runtime/registry.js';

/** One execution of an activity (each retry attempt is one). */
export interface ActivityCall {
  readonly activityName: string;
  readonly instanceId: string;
  readonly executionId: number;
  readonly input: unknown;
  /** Set once the call has finished: its output or the error it threw. */
  readonly outcome?:
    | { readonly status: 'completed'; readonly output: unknown }
    | { readonly status: 'failed'; readonly error: unknown };
}

/** Any activity function, whatever its input and output. */
export type AnyActivity = ActivityHandler<never, unknown>;

export class ActivityCalls {
  readonly #real = new Map<string, ActivityHandler>();
  readonly #mocks = new Map<string, ActivityHandler>();
  readonly #calls: ActivityCall[] = [];
  readonly #registered = new Set<string>();
  readonly #registerOnRuntime: (name: string, dispatch: ActivityHandler) => void;

  constructor(registerOnRuntime: (name: string, dispatch: ActivityHandler) => void) {
    this.#registerOnRuntime = registerOnRuntime;
  }

  /** Registers the real implementation of `name`. */
  add(name: string, handler: AnyActivity): void {
    if (typeof handler !== 'function')
      throw new InvalidInputError(`activities.${name} must be a function`);
    this.#ensureRegistered(name);
    this.#real.set(name, handler as ActivityHandler);
  }

  /** Runs `handler` instead of the implementation of `name` until the returned function is called. */
  mock(name: string, handler: AnyActivity): () => void {
    if (typeof handler !== 'function')
      throw new InvalidInputError(`the mock of activity '${name}' must be a function`);
    this.#ensureRegistered(name);
    const mock = handler as ActivityHandler;
    this.#mocks.set(name, mock);
    return () => {
      if (this.#mocks.get(name) === mock) this.#mocks.delete(name);
    };
  }

  /** Calls so far, oldest first; only those of `name` when given. */
  calls(name?: string): ActivityCall[] {
    return this.#calls.filter((c) => name === undefined || c.activityName === name);
  }

  #ensureRegistered(name: string): void {
    if (this.#registered.has(name)) return;
    this.#registered.add(name);
    this.#registerOnRuntime(name, (ctx, input) => this.#dispatch(name, ctx, input));
  }

  async #dispatch(name: string, ctx: ActivityContext, input: unknown): Promise<unknown> {
    const handler = this.#mocks.get(name) ?? this.#real.get(name);
    const index = this.#calls.length;
    const call: ActivityCall = {
      activityName: name,
      instanceId: ctx.instanceId,
      executionId: ctx.executionId,
      input,
    };
    this.#calls.push(call);
    if (handler === undefined) {
      // Only reachable after a mock was removed from a name with no implementation.
      const error = new InvalidInputError(
        `activity '${name}' has no implementation in this test environment: pass it in activities or mock it`,
      );
      this.#calls[index] = { ...call, outcome: { status: 'failed', error } };
      throw error;
    }
    try {
      const output = await handler(ctx, input);
      this.#calls[index] = { ...call, outcome: { status: 'completed', output } };
      return output;
    } catch (error) {
      this.#calls[index] = { ...call, outcome: { status: 'failed', error } };
      throw error;
    }
  }
}
