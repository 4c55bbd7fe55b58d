/**
 * `OrchestrationRun`: one run of the orchestration code — started once per execution (on the
 * first turn, or on the first turn after the engine was rebuilt from history) and settled
 * once, when the handler returns, resolves or throws.
 * @module
 */
import { decodeJson } from '../json/json-codec.js';
import type { OrchestrationContext } from '../context/orchestration-context.js';
import { isThenable } from './durable-task.js';
import { driveGenerator, isGenerator } from './drive-generator.js';
import type { OrchestrationHandler } from './orchestration-handler.js';

/** Where the code is: still running, returned a value, or threw. */
export type CodeState =
  | { readonly done: false }
  | { readonly done: true; readonly ok: true; readonly value: unknown }
  | { readonly done: true; readonly ok: false; readonly error: unknown };

const RUNNING: CodeState = { done: false };

export class OrchestrationRun {
  #started = false;
  #state: CodeState = RUNNING;

  get isStarted(): boolean {
    return this.#started;
  }

  get isDone(): boolean {
    return this.#state.done;
  }

  get state(): CodeState {
    return this.#state;
  }

  /**
   * Calls the handler with the decoded input. It runs until its first suspension; later
   * progress happens as the engine settles tasks.
   */
  start(handler: OrchestrationHandler, ctx: OrchestrationContext, inputJson: string): void {
    this.#started = true;
    const input = decodeInput(inputJson);
    let result: unknown;
    try {
      result = handler(ctx, input);
    } catch (error) {
      this.#state = { done: true, ok: false, error };
      return;
    }
    if (isGenerator(result)) result = driveGenerator(result);
    if (isThenable(result)) {
      Promise.resolve(result).then(
        (value) => {
          if (!this.#state.done) this.#state = { done: true, ok: true, value };
        },
        (error: unknown) => {
          if (!this.#state.done) this.#state = { done: true, ok: false, error };
        },
      );
    } else {
      this.#state = { done: true, ok: true, value: result };
    }
  }
}

function decodeInput(text: string): unknown {
  try {
    return decodeJson(text);
  } catch {
    return text; // not JSON (written by another tool): hand over the raw string
  }
}
