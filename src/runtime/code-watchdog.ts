/**
 * `CodeWatchdog`: stops orchestration code that runs too long without yielding (a CPU loop),
 * so one instance cannot freeze its runtime — and, through lock takeover, every runtime in turn
 * (docs/decisions/0010-runaway-orchestration-code.md).
 *
 * How: orchestration code runs only in microtask checkpoints the engine opens from a macrotask
 * of its own (each drain, and the start of each turn, is a `setImmediate` hop), so a checkpoint
 * holds one instance's code and nothing else. At the start of such a checkpoint the watchdog
 * marks the instance (a slot in shared memory) and clears the mark when the checkpoint ends (a
 * `process.nextTick` runs once the microtask queue is empty). A worker thread polls the slot;
 * when one mark is older than the timeout it flags the turn as stopped, then asks V8 through the
 * inspector (`Runtime.terminateExecution`) to terminate the running JavaScript. The terminated
 * checkpoint holds only that instance's code, so nothing else is lost; its engine sees the flag
 * at its next drain and throws, and the turn's dispatcher hears it through a message when the
 * code never yielded at all. The instance then fails with `ORCHESTRATION_CODE_TIMEOUT`.
 *
 * Terminating JavaScript is safe only while Node's async hooks are off (no AsyncLocalStorage,
 * no async-hooks context manager): with them on, the terminated checkpoint leaves Node's
 * async-context stack unbalanced and Node aborts the process moments later. The mark records
 * which case applies (inside a promise reaction, `executionAsyncId()` is 0 exactly when promise
 * hooks are off); in the unsafe case the watchdog writes a line naming the instance to stderr
 * and ends the process with SIGKILL, the one stop that cannot corrupt anything: the fleet
 * treats it as a crash, and the instance fails as poison once its batch was fetched
 * `maxAttempts` times.
 * @module
 */
import { executionAsyncId } from 'node:async_hooks';
import { Worker } from 'node:worker_threads';
import { ConfigurationError, ERROR_CODES } from '../core/errors/duroxide-error.js';
import type { Logger } from './logger.js';

const TARGET = 'duroxide::runtime::watchdog';

/**
 * Shared memory: Int32 slots [marked turn, stopped turn, safe to terminate, id length], the mark
 * time as Float64 at byte 16, then the marked instance id as UTF-8 at byte 24.
 */
const MARKED = 0;
const STOPPED = 1;
const SAFE = 2;
const ID_LENGTH = 3;
const ID_OFFSET = 24;
const ID_BYTES = 1024;

/**
 * The watchdog thread (CommonJS, evaluated in the worker): polls the mark and stops a turn whose
 * mark is older than the timeout. The stop flag is written before the termination, so the
 * engine never resumes that turn's code without seeing it.
 */
const WATCHDOG_SOURCE = `
const inspector = require('node:inspector');
const { writeSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const slots = new Int32Array(workerData.buffer, 0, 4);
const markedAt = new Float64Array(workerData.buffer, 16, 1);
const idBytes = new Uint8Array(workerData.buffer, ${ID_OFFSET}, ${ID_BYTES});
const session = new inspector.Session();
session.connectToMainThread();
parentPort.postMessage({ ready: true });
setInterval(() => {
  const turn = Atomics.load(slots, ${MARKED});
  if (turn === 0 || Atomics.load(slots, ${STOPPED}) === turn) return;
  const ranMs = Date.now() - markedAt[0];
  if (ranMs <= workerData.timeoutMs || Atomics.load(slots, ${MARKED}) !== turn) return;
  Atomics.store(slots, ${STOPPED}, turn);
  if (Atomics.load(slots, ${SAFE}) === 1) {
    session.post('Runtime.terminateExecution', () => parentPort.postMessage({ stopped: turn, ranMs }));
    return;
  }
  const instanceId = Buffer.from(idBytes.slice(0, Atomics.load(slots, ${ID_LENGTH}))).toString('utf8');
  writeSync(2, 'duroxide: orchestration code of instance ' + JSON.stringify(instanceId) + ' ran ' + ranMs +
    ' ms without yielding (orchestrationCodeTimeoutMs ' + workerData.timeoutMs + '); it cannot be stopped ' +
    'safely while async hooks are enabled in this process, so the process is ended (SIGKILL); the ' +
    'instance fails as poison after maxAttempts fetches\\n');
  process.kill(process.pid, 'SIGKILL');
}, workerData.pollMs);
`;

const noop = (): void => undefined;

/**
 * A macrotask hop whose following checkpoint runs from Node's JavaScript tick queue (a tick is
 * scheduled inside the immediate) rather than from native code: a termination inside it then
 * unwinds as a failed callback, which Node tolerates, instead of tripping Node's native
 * async-context assertion (which aborts the process when async hooks are in use).
 */
function checkpointFromJs(): Promise<void> {
  return new Promise((resolve) => {
    setImmediate(() => {
      process.nextTick(noop);
      resolve();
    });
  });
}

/** Thrown (or delivered) when the watchdog stopped an instance's code. */
function codeTimeoutError(instanceId: string, timeoutMs: number): ConfigurationError {
  return new ConfigurationError(
    ERROR_CODES.ORCHESTRATION_CODE_TIMEOUT,
    `instance ${instanceId}: orchestration code ran more than ${timeoutMs} ms without yielding ` +
      '(a CPU loop or a long synchronous computation) and was stopped; move heavy computation ' +
      'into an activity, or raise the runtime option orchestrationCodeTimeoutMs',
    { instanceId },
  );
}

/** One armed turn: `aborted` rejects when the watchdog stops its code. */
export interface GuardedTurn {
  readonly aborted: Promise<never>;
  disarm(): void;
}

interface Armed {
  readonly instanceId: string;
  readonly abort: (error: Error) => void;
}

export class CodeWatchdog {
  readonly #timeoutMs: number;
  readonly #worker: Worker;
  readonly #slots: Int32Array;
  readonly #markedAt: Float64Array;
  readonly #idBytes: Uint8Array;
  /** The turn whose instance id is in shared memory. */
  #idTurn = 0;
  /** Armed turns by turn number, and the turn number of each armed instance. */
  readonly #turns = new Map<number, Armed>();
  readonly #byInstance = new Map<string, number>();
  /**
   * Instances whose stopped turn was disarmed: an engine of that turn still waiting on a drain
   * must not go on (it would report the dead code as a non-durable await and commit that).
   */
  readonly #stoppedInstances = new Set<string>();
  #nextTurn = 1;

  private constructor(timeoutMs: number, worker: Worker, buffer: SharedArrayBuffer) {
    this.#timeoutMs = timeoutMs;
    this.#worker = worker;
    this.#slots = new Int32Array(buffer, 0, 4);
    this.#markedAt = new Float64Array(buffer, 16, 1);
    this.#idBytes = new Uint8Array(buffer, ID_OFFSET, ID_BYTES);
  }

  /**
   * Starts the watchdog thread, or returns undefined (with a warning) when this Node cannot
   * (no inspector in the build): orchestration code then runs unbounded.
   */
  static async start(timeoutMs: number, logger: Logger): Promise<CodeWatchdog | undefined> {
    const buffer = new SharedArrayBuffer(ID_OFFSET + ID_BYTES);
    const pollMs = Math.max(5, Math.min(100, Math.floor(timeoutMs / 10)));
    let worker: Worker;
    try {
      worker = new Worker(WATCHDOG_SOURCE, {
        eval: true,
        workerData: { buffer, timeoutMs, pollMs },
        // The watchdog needs no heap to speak of; keep its footprint small.
        resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
      });
      // The thread must be connected before any code runs: a loop started earlier would block
      // the main thread the connection needs.
      await new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`watchdog thread exited with ${code}`)));
      });
    } catch (error) {
      logger.warn(
        TARGET,
        'cannot start the orchestration code watchdog; orchestration code runs without a time bound',
        { error: String(error) },
      );
      return undefined;
    }
    const watchdog = new CodeWatchdog(timeoutMs, worker, buffer);
    worker.on('message', (m: { stopped?: number; ranMs?: number }) => {
      if (m.stopped !== undefined) watchdog.#onStopped(m.stopped, m.ranMs ?? 0, logger);
    });
    worker.on('error', (error) =>
      logger.error(TARGET, 'orchestration code watchdog failed', { error: String(error) }),
    );
    worker.unref();
    return watchdog;
  }

  /** Arms a turn of `instanceId`: its code is now watched until `disarm()`. */
  arm(instanceId: string): GuardedTurn {
    const turn = this.#nextTurn;
    this.#nextTurn = turn >= 2 ** 31 - 2 ? 1 : turn + 1;
    let abort: (error: Error) => void = () => undefined;
    const aborted = new Promise<never>((_resolve, reject) => {
      abort = reject;
    });
    // Rejections nobody races for (the turn ended first) are not unhandled.
    aborted.catch(() => undefined);
    this.#turns.set(turn, { instanceId, abort });
    this.#byInstance.set(instanceId, turn);
    this.#stoppedInstances.delete(instanceId);
    return {
      aborted,
      disarm: () => {
        if (Atomics.load(this.#slots, STOPPED) === turn) this.#stoppedInstances.add(instanceId);
        this.#turns.delete(turn);
        if (this.#byInstance.get(instanceId) === turn) this.#byInstance.delete(instanceId);
      },
    };
  }

  /**
   * The engine's drain for `instanceId`: yields to the event loop, then — when the instance's
   * turn is armed — throws if its code was stopped, else marks the checkpoint that follows (the
   * instance's code runs in it) until it ends.
   */
  async hop(instanceId: string): Promise<void> {
    await checkpointFromJs();
    const turn = this.#byInstance.get(instanceId);
    if (turn === undefined) {
      if (this.#stoppedInstances.has(instanceId))
        throw codeTimeoutError(instanceId, this.#timeoutMs);
      return;
    }
    if (Atomics.load(this.#slots, STOPPED) === turn) {
      throw codeTimeoutError(instanceId, this.#timeoutMs);
    }
    if (this.#idTurn !== turn) {
      this.#idTurn = turn;
      const { written } = new TextEncoder().encodeInto(instanceId, this.#idBytes);
      Atomics.store(this.#slots, ID_LENGTH, written);
    }
    // In a promise reaction, an async id of 0 means promise hooks are off: terminating is safe.
    Atomics.store(this.#slots, SAFE, executionAsyncId() === 0 ? 1 : 0);
    this.#markedAt[0] = Date.now();
    Atomics.store(this.#slots, MARKED, turn);
    process.nextTick(() => {
      Atomics.compareExchange(this.#slots, MARKED, turn, 0);
    });
  }

  async stop(): Promise<void> {
    await this.#worker.terminate();
  }

  #onStopped(turn: number, ranMs: number, logger: Logger): void {
    const armed = this.#turns.get(turn);
    if (armed === undefined) return;
    logger.error(
      TARGET,
      `stopped orchestration code of instance ${armed.instanceId} after ${ranMs} ms without yielding; failing the instance`,
      { instanceId: armed.instanceId, timeoutMs: this.#timeoutMs },
    );
    armed.abort(codeTimeoutError(armed.instanceId, this.#timeoutMs));
  }
}
