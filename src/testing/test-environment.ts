/**
 * `createTestEnvironment`: a runtime, a client and an in-memory SQLite database in the test's
 * process, on a virtual clock, so orchestrations with long timers are unit-tested in
 * milliseconds under any test runner (docs/testing.md).
 *
 * Time: the clock is real time plus an offset that jumps forward only while no work is due or
 * in flight (no visible queue item, no locked instance), straight to the next timer or delayed
 * item. Everything an orchestration observes follows it (`ctx.utcNow`, timer fire times, retry
 * backoff, event timestamps, the database's visibility of delayed items); lock renewal, lock
 * expiry and polling keep their real durations between jumps, which is why no lock is ever lost.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '../client/client.js';
import { eventFields } from '../client/read-models.js';
import type { OrchestrationStatus } from '../client/types.js';
import {
  InvalidInputError,
  OrchestrationFailedError,
  TimeoutError,
} from '../core/errors/duroxide-error.js';
import { SqliteProvider } from '../providers/sqlite/sqlite-provider.js';
import type { QueueActivity } from '../providers/sqlite/statements/read-queue-activity.js';
import type { RuntimeOptions } from '../runtime/options.js';
import { Runtime } from '../runtime/runtime.js';
import { ActivityCalls, type ActivityCall, type AnyActivity } from './activity-calls.js';
import { parseDuration } from './duration-text.js';
import { toExportNdjson, type ExportedEvent } from './exported-history.js';
import {
  forEachOrchestration,
  type OrchestrationInput,
  type OrchestrationOutput,
  type OrchestrationSet,
} from './orchestration-set.js';
import { VirtualClock } from './virtual-clock.js';

export interface TestEnvironmentOptions<S extends OrchestrationSet = OrchestrationSet> {
  /** Orchestrations by name: a function (version 1.0.0) or `{ '1.0.0': v1, '2.0.0': v2 }`. */
  readonly orchestrations?: S;
  /** Activities by name; {@link TestEnvironment.mockActivity} replaces one for a while. */
  readonly activities?: Readonly<Record<string, AnyActivity>>;
  /**
   * Further registrations on the runtime (your app's own `register(runtime)`, version
   * policies), after `orchestrations` and `activities`. Activities registered here cannot be
   * mocked or counted.
   */
  readonly register?: (runtime: Runtime) => void;
  /**
   * While a test awaits {@link TestEnvironment.waitFor} or {@link TestEnvironment.run} and
   * nothing is due or running, jump the clock to the next timer at once. Default true. With
   * false, time moves only with {@link TestEnvironment.advanceTime}.
   */
  readonly autoSkip?: boolean;
  /** Virtual time at creation (epoch ms or a Date); default the real now. */
  readonly startAt?: number | Date;
  /**
   * How long (real ms) `waitFor` waits while nothing is due, running or scheduled — the instance
   * waits for an event nobody has raised yet — before it fails. Default 2,000.
   */
  readonly idleTimeoutMs?: number;
  /** Runtime options, over the test defaults (quiet logs, every activity tag runs here). */
  readonly runtimeOptions?: Omit<RuntimeOptions, 'clock'>;
}

export interface StartOptions {
  /** Default: a new unique id. */
  readonly instanceId?: string;
  /** Run this version instead of the latest registered. */
  readonly version?: string;
}

/** An event of an instance's history, as the management API's export gives it. */
export type TestHistoryEvent = ExportedEvent;

const TEST_RUNTIME_DEFAULTS: RuntimeOptions = {
  logLevel: 'error',
  workerTagFilter: 'any',
  dispatcherPollIntervalMs: 20,
  unregisteredBackoff: { baseMs: 10, maxMs: 100 },
};

/** How often (real ms) the environment looks at the queues while it waits. */
const PROBE_MS = 2;

/**
 * Creates and starts a test environment. Close it when the test ends (`await env.close()`, or
 * `await using env = …` where supported).
 * @throws InvalidInputError for malformed options or registrations.
 * @example
 * const env = await createTestEnvironment({
 *   orchestrations: { Reminder: async (ctx, to: string) => { await ctx.scheduleTimer(30 * 86_400_000); return ctx.scheduleActivity('Send', to); } },
 *   activities: { Send: async (_ctx, to: string) => `sent to ${to}` },
 * });
 * assert.equal(await env.run('Reminder', 'ada'), 'sent to ada'); // 30 virtual days, a few ms
 * await env.close();
 */
export async function createTestEnvironment<S extends OrchestrationSet = OrchestrationSet>(
  options: TestEnvironmentOptions<S> = {},
): Promise<TestEnvironment<S>> {
  if (typeof options !== 'object' || options === null)
    throw new InvalidInputError('createTestEnvironment options must be an object');
  if (options.autoSkip !== undefined && typeof options.autoSkip !== 'boolean')
    throw new InvalidInputError(
      `autoSkip must be a boolean, got ${JSON.stringify(options.autoSkip)}`,
    );
  const { idleTimeoutMs } = options;
  if (
    idleTimeoutMs !== undefined &&
    (typeof idleTimeoutMs !== 'number' || !Number.isFinite(idleTimeoutMs) || idleTimeoutMs < 0)
  ) {
    throw new InvalidInputError(
      `idleTimeoutMs must be a number of milliseconds >= 0, got ${JSON.stringify(idleTimeoutMs)}`,
    );
  }
  const startAt = options.startAt instanceof Date ? options.startAt.getTime() : options.startAt;
  if (startAt !== undefined && !Number.isFinite(startAt))
    throw new InvalidInputError(`startAt must be epoch ms or a Date, got ${String(startAt)}`);
  const clock = new VirtualClock(startAt);
  const provider = await SqliteProvider.inMemory({ now: () => clock.now() });
  try {
    const runtime = new Runtime(provider, {
      ...TEST_RUNTIME_DEFAULTS,
      ...options.runtimeOptions,
      clock,
    });
    forEachOrchestration(options.orchestrations ?? {}, (name, version, handler) =>
      runtime.registerOrchestrationVersioned(name, version, handler),
    );
    const activities = new ActivityCalls((name, dispatch) =>
      runtime.registerActivity(name, dispatch),
    );
    for (const [name, handler] of Object.entries(options.activities ?? {}))
      activities.add(name, handler);
    options.register?.(runtime);
    await runtime.start();
    return new TestEnvironment<S>({ clock, provider, runtime, activities, options });
  } catch (error) {
    await provider.close();
    throw error;
  }
}

interface Parts {
  readonly clock: VirtualClock;
  readonly provider: SqliteProvider;
  readonly runtime: Runtime;
  readonly activities: ActivityCalls;
  readonly options: TestEnvironmentOptions<OrchestrationSet>;
}

/** A running test environment; made by {@link createTestEnvironment}. */
export class TestEnvironment<S extends OrchestrationSet = OrchestrationSet> {
  /** A client on the environment's database (every client method works). */
  readonly client: Client;
  /** The environment's runtime (already started). */
  readonly runtime: Runtime;
  readonly #clock: VirtualClock;
  readonly #provider: SqliteProvider;
  readonly #activities: ActivityCalls;
  readonly #autoSkip: boolean;
  readonly #idleTimeoutMs: number;
  #closed: Promise<void> | undefined;

  /** @internal Use {@link createTestEnvironment}. */
  constructor(parts: Parts) {
    this.#clock = parts.clock;
    this.#provider = parts.provider;
    this.runtime = parts.runtime;
    this.#activities = parts.activities;
    this.client = new Client(parts.provider);
    this.#autoSkip = parts.options.autoSkip ?? true;
    this.#idleTimeoutMs = parts.options.idleTimeoutMs ?? 2000;
  }

  /** Virtual now, in epoch ms: what `ctx.utcNow()` returns in an orchestration at this moment. */
  now(): number {
    return this.#clock.now();
  }

  /**
   * Lets `duration` (ms, or text such as `'1d'`, `'2h30m'`) of virtual time pass: runs what is
   * due, then jumps from timer to timer (each fires at its own time, in order) up to the time
   * after that + `duration`, and resolves once nothing is due or running. Waits for running activities
   * before each jump (time never moves under a running turn or activity).
   */
  async advanceTime(duration: number | string): Promise<void> {
    const ms = parseDuration(duration, 'advanceTime duration');
    // Measured from when what is due has run: a timer the pending turns create with
    // `duration` fires within this call (`start(); advanceTime('1h')` fires a 1 h timer).
    let { nextVisibleAt } = await this.#settle();
    const target = this.#clock.now() + ms;
    for (;;) {
      if (nextVisibleAt !== null && nextVisibleAt <= target) {
        this.#clock.jumpTo(nextVisibleAt);
        ({ nextVisibleAt } = await this.#settle());
        continue;
      }
      this.#clock.jumpTo(target);
      await this.#settle();
      return;
    }
  }

  /** Resolves once nothing is due or running (timers in the future do not count). */
  async waitUntilIdle(): Promise<void> {
    await this.#settle();
  }

  /** Starts an instance and returns its id. */
  async start<N extends string>(
    name: N,
    input?: OrchestrationInput<S, N>,
    options: StartOptions = {},
  ): Promise<string> {
    const instanceId = options.instanceId ?? `test-${randomUUID()}`;
    if (options.version === undefined)
      await this.client.startOrchestration(instanceId, name, input, { ifExists: 'error' });
    else
      await this.client.startOrchestrationVersioned(instanceId, name, input, options.version, {
        ifExists: 'error',
      });
    return instanceId;
  }

  /** Raises an external event on an instance (`ctx.waitForEvent`). */
  raiseEvent(instanceId: string, eventName: string, data?: unknown): Promise<void> {
    return this.client.raiseEvent(instanceId, eventName, data);
  }

  /** Appends a message to an instance's queue (`ctx.dequeueEvent`). */
  enqueue(instanceId: string, queueName: string, data?: unknown): Promise<void> {
    return this.client.enqueueEvent(instanceId, queueName, data);
  }

  /**
   * Waits until the instance is Completed or Failed and returns its status; with `autoSkip`
   * (default), skips idle time to each next timer meanwhile.
   * @throws TimeoutError when nothing is due, running or scheduled for `idleTimeoutMs` (real
   *   time) and the instance still runs: it waits for an event or message nobody sent (or, with
   *   `autoSkip: false`, for a timer nobody advanced time to).
   */
  async waitFor<T = unknown>(instanceId: string): Promise<OrchestrationStatus<T>> {
    let idleSince: number | undefined;
    for (;;) {
      const status = await this.client.getStatus<T>(instanceId);
      if (status.status === 'Completed' || status.status === 'Failed') return status;
      const activity = await this.#probeTwice();
      if (activity.isBusy) {
        idleSince = undefined;
        continue;
      }
      const again = await this.client.getStatus<T>(instanceId);
      if (again.status === 'Completed' || again.status === 'Failed') return again;
      if (this.#autoSkip && activity.nextVisibleAt !== null) {
        idleSince = undefined;
        this.#clock.jumpTo(activity.nextVisibleAt);
        continue;
      }
      idleSince ??= Date.now();
      if (Date.now() - idleSince >= this.#idleTimeoutMs) {
        throw new TimeoutError(
          again.status === 'NotFound'
            ? `instance '${instanceId}' does not exist in this test environment; start it with env.start first`
            : again.status === 'Pending'
              ? `instance '${instanceId}' is Pending: its start is queued but no runtime of this test environment ran its first turn; is its orchestration (that name and version) in the set the environment was created with?`
              : `instance '${instanceId}' is still running and nothing is due or scheduled${activity.nextVisibleAt === null ? '' : ` but a timer at virtual ${new Date(activity.nextVisibleAt).toISOString()} (autoSkip is off: advance time with env.advanceTime)`}: it waits for an event or queue message nobody sent`,
          { instanceId },
        );
      }
      await sleep(PROBE_MS * 5);
    }
  }

  /**
   * Starts an instance and waits for it (skipping timers); returns its output.
   * @throws OrchestrationFailedError when the instance fails (its message is the stored error).
   */
  async run<N extends string>(
    name: N,
    input?: OrchestrationInput<S, N>,
    options?: StartOptions,
  ): Promise<OrchestrationOutput<S, N>> {
    const instanceId = await this.start(name, input, options);
    const status = await this.waitFor<OrchestrationOutput<S, N>>(instanceId);
    if (status.status === 'Failed')
      throw new OrchestrationFailedError(instanceId, status.error ?? 'failed');
    return status.output!;
  }

  /**
   * Runs `handler` instead of activity `name` (registered or not) until the returned function is
   * called or the environment closes. Calls are still recorded in {@link activityCalls}.
   */
  mockActivity<I = never, O = unknown>(
    name: string,
    handler: (ctx: Parameters<AnyActivity>[0], input: I) => Promise<O> | O,
  ): () => void {
    return this.#activities.mock(name, handler);
  }

  /** Executions of activities (every retry attempt), oldest first; only those of `name` if given. */
  activityCalls(name?: string): ActivityCall[] {
    return this.#activities.calls(name);
  }

  /**
   * Every event of every execution of the instance, oldest first, in the shape of the
   * management API's export (payloads decoded): assert on it, or pass it to `replayHistory`.
   */
  async history(instanceId: string): Promise<TestHistoryEvent[]> {
    const events: TestHistoryEvent[] = [];
    for (const executionId of await this.client.listExecutions(instanceId)) {
      for (const e of await this.client.readExecutionHistory(instanceId, executionId)) {
        const data = eventFields(e);
        events.push({
          executionId,
          eventId: e.eventId,
          kind: e.kind,
          ...(e.sourceEventId === undefined ? {} : { sourceEventId: e.sourceEventId }),
          timestampMs: e.timestampMs,
          ...(data === undefined ? {} : { data }),
        });
      }
    }
    return events;
  }

  /** The instance's history as NDJSON text, as `GET /instances/{id}/export` and the CLI give it. */
  async exportHistory(instanceId: string): Promise<string> {
    return toExportNdjson(await this.history(instanceId));
  }

  /** Stops the runtime and discards the database. Safe to call twice. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      try {
        await this.runtime.shutdown(1000);
      } finally {
        await this.#provider.close();
      }
    })();
    return this.#closed;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Waits until nothing is due or running; returns what is scheduled next. */
  async #settle(): Promise<QueueActivity> {
    for (;;) {
      const activity = await this.#probeTwice();
      if (!activity.isBusy) return activity;
    }
  }

  /**
   * The queues, read twice a moment apart: idle only if idle both times, so a hand-over between
   * two steps of the runtime is never taken for idleness.
   */
  async #probeTwice(): Promise<QueueActivity> {
    const first = await this.#provider.readQueueActivity();
    await sleep(PROBE_MS);
    if (first.isBusy) return first;
    return this.#provider.readQueueActivity();
  }
}
