/**
 * `OrchestrationRun`: one run of the orchestration code — started once per execution (on the
 * first turn, or on the first turn after the engine was rebuilt from history) and settled
 * once, when the handler returns, resolves or throws.
 * @module
 */
import { decodeJson } from '../json/json-codec.js';
import { isThenable } from './durable-task.js';
import { driveGenerator, isGenerator } from './drive-generator.js';
const RUNNING = { done: false };
export class OrchestrationRun {
    #started = false;
    #state = RUNNING;
    get isStarted() {
        return this.#started;
    }
    get isDone() {
        return this.#state.done;
    }
    get state() {
        return this.#state;
    }
    /**
     * Calls the handler with the decoded input. It runs until its first suspension; later
     * progress happens as the engine settles tasks.
     */
    start(handler, ctx, inputJson) {
        this.#started = true;
        const input = decodeInput(inputJson);
        let result;
        try {
            result = handler(ctx, input);
        }
        catch (error) {
            this.#state = { done: true, ok: false, error };
            return;
        }
        if (isGenerator(result))
            result = driveGenerator(result);
        if (isThenable(result)) {
            Promise.resolve(result).then((value) => {
                if (!this.#state.done)
                    this.#state = { done: true, ok: true, value };
            }, (error) => {
                if (!this.#state.done)
                    this.#state = { done: true, ok: false, error };
            });
        }
        else {
            this.#state = { done: true, ok: true, value: result };
        }
    }
}
function decodeInput(text) {
    try {
        return decodeJson(text);
    }
    catch {
        return text; // not JSON (written by another tool): hand over the raw string
    }
}
//# sourceMappingURL=orchestration-run.js.map