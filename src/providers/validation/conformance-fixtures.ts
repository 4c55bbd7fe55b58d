/**
 * Builders and helpers shared by the provider conformance cases.
 * @module
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { test } from './node-test.js';
import { ProviderError } from '../../core/errors/duroxide-error.js';
import type { EventKind, HistoryEvent } from '../../core/history/history-event.js';
import type { WorkItem, WorkItemOfType } from '../../core/history/work-item.js';
import type {
  ExecutionMetadata,
  ExecutionStatus,
  FetchOrchestrationOptions,
  InstanceRecord,
  LockedOrchestrationItem,
  OrchestrationAck,
  Provider,
  ProviderCapabilities,
  ProviderCapability,
  CapabilityMethods,
} from '../provider.js';

/** A case the provider under test does not run, and why (shown as the skip reason). */
export interface ConformanceSkip {
  /** The case's test name, exactly as registered. */
  readonly name: string;
  readonly reason: string;
}

/** What `runProviderConformance` needs to give each test a fresh provider. */
export interface ProviderConformanceOptions {
  /** Shown in the suite name, e.g. `sqlite (in-memory)`. */
  readonly name: string;
  /**
   * A fresh, empty provider. Called once per test, with the test's clock: a provider that
   * computes every time from `context.now` lets the suite move time forward instead of sleeping
   * (see {@link honoursClock}).
   */
  readonly create: (context: ConformanceContext) => Promise<Provider>;
  /**
   * True when the providers `create` makes read every time they compute (lock expiry,
   * visibility, timestamps) from `context.now`: the suite then advances that clock at once
   * where it would wait. Default false: the cases sleep in real time instead.
   */
  readonly honoursClock?: boolean;
  /** Disposes a provider made by `create`; defaults to `provider.close()`. */
  readonly destroy?: (provider: Provider) => Promise<void>;
  /**
   * Cases not to run, each with its reason; they are reported as skipped. Cases of a capability
   * the provider does not declare are skipped without being listed here. A name that matches no
   * case fails the suite.
   */
  readonly skip?: readonly ConformanceSkip[];
}

type CaseBody = (t: TestContext) => Promise<void> | void;

/** What `create` gets for one test. */
export interface ConformanceContext {
  /** The test's clock, in epoch ms. */
  readonly now: () => number;
}

/** The clock of one test. */
export interface ConformanceClock {
  /** Now, in epoch ms, as the test's providers see it. */
  now(): number;
  /**
   * Lets `ms` pass for the test's providers: moves the clock forward at once when the provider
   * honours it, else sleeps in real time.
   */
  advance(ms: number): Promise<void>;
}

/** A clock that runs with real time plus an offset that `advance` moves forward. */
function offsetClock(): ConformanceClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += Math.max(0, ms);
      return Promise.resolve();
    },
  };
}

const REAL_CLOCK: ConformanceClock = { now: () => Date.now(), advance: (ms) => sleep(ms) };

/** Registration context handed to every group of cases. */
export interface ConformanceHarness<P extends Provider = Provider> {
  /** Creates a provider for this test and disposes of it when the test ends. */
  readonly provider: (t: TestContext) => Promise<P>;
  /** The clock of this test's providers. */
  readonly clock: (t: TestContext) => ConformanceClock;
  /**
   * Registers a case (node:test `test`): skipped when it is in the skip list or the provider
   * does not declare a capability the harness requires.
   */
  readonly test: (name: string, body: CaseBody) => void;
  /** The same harness, whose cases also need `capability` (they are skipped without it). */
  readonly requiring: <C extends ProviderCapability>(
    capability: C,
  ) => ConformanceHarness<P & CapabilityMethods[C]>;
}

/** What a suite shares between its harnesses: the options, the probed flags, the cases seen. */
interface SuiteState {
  readonly options: ProviderConformanceOptions;
  readonly destroy: (provider: Provider) => Promise<void>;
  readonly skips: ReadonlyMap<string, string>;
  readonly registered: Set<string>;
  readonly clocks: WeakMap<TestContext, ConformanceClock>;
  capabilities: Promise<ProviderCapabilities> | undefined;
}

/** The root harness of a suite (no capability required) and the names it registered. */
export function createHarness(options: ProviderConformanceOptions): {
  readonly harness: ConformanceHarness;
  readonly unknownSkips: () => readonly string[];
} {
  const state: SuiteState = {
    options,
    destroy: options.destroy ?? ((p: Provider) => p.close()),
    skips: new Map((options.skip ?? []).map((s) => [s.name, s.reason] as const)),
    registered: new Set(),
    clocks: new WeakMap(),
    capabilities: undefined,
  };
  return {
    harness: harnessFor<Provider>(state, []),
    unknownSkips: () => [...state.skips.keys()].filter((name) => !state.registered.has(name)),
  };
}

/** The capabilities the provider declares, read once per suite from a throwaway provider. */
function probeCapabilities(state: SuiteState): Promise<ProviderCapabilities> {
  state.capabilities ??= (async () => {
    const probe = await state.options.create({ now: () => Date.now() });
    try {
      return { ...probe.capabilities };
    } finally {
      await state.destroy(probe);
    }
  })();
  return state.capabilities;
}

function clockOf(state: SuiteState, t: TestContext): ConformanceClock {
  let clock = state.clocks.get(t);
  if (clock === undefined) {
    clock = state.options.honoursClock === true ? offsetClock() : REAL_CLOCK;
    state.clocks.set(t, clock);
  }
  return clock;
}

function harnessFor<P extends Provider>(
  state: SuiteState,
  required: readonly ProviderCapability[],
): ConformanceHarness<P> {
  return {
    clock: (t) => clockOf(state, t),
    async provider(t) {
      const clock = clockOf(state, t);
      const provider = await state.options.create({ now: () => clock.now() });
      t.after(() => state.destroy(provider));
      return provider as P;
    },
    test(name, body) {
      state.registered.add(name);
      const reason = state.skips.get(name);
      if (reason !== undefined) {
        test(name, { skip: reason }, body);
        return;
      }
      if (required.length === 0) {
        test(name, body);
        return;
      }
      test(name, async (t) => {
        const declared = await probeCapabilities(state);
        const missing = required.filter((c) => !declared[c]);
        if (missing.length > 0) {
          t.skip(
            `the provider does not declare the capability ${missing.map((c) => `'${c}'`).join(', ')}`,
          );
          return;
        }
        await body(t);
      });
    },
    requiring<C extends ProviderCapability>(capability: C) {
      return harnessFor<P & CapabilityMethods[C]>(state, [...required, capability]);
    },
  };
}

const ENGINE_VERSION = '0.1.0';
export const DEFAULT_NAME = 'Flow';
export const DEFAULT_VERSION = '1.0.0';

/** Lock long enough that it never expires by accident during a test. */
export const LONG_LOCK_MS = 30_000;
export const FETCH: FetchOrchestrationOptions = { lockTimeoutMs: LONG_LOCK_MS };

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A history event with a full envelope. */
export function historyEvent(
  instanceId: string,
  executionId: number,
  eventId: number,
  kind: EventKind,
): HistoryEvent {
  return {
    eventId,
    instanceId,
    executionId,
    timestampMs: Date.now(),
    duroxideVersion: ENGINE_VERSION,
    ...kind,
  };
}

export function startedEvent(
  instanceId: string,
  executionId = 1,
  name = DEFAULT_NAME,
  version = DEFAULT_VERSION,
): HistoryEvent {
  return historyEvent(instanceId, executionId, 1, {
    type: 'OrchestrationStarted',
    name,
    version,
    input: '{}',
  });
}

/** A schedule event usable as filler: `ActivityScheduled` at `eventId`. */
export function scheduledEvent(
  instanceId: string,
  executionId: number,
  eventId: number,
): HistoryEvent {
  return historyEvent(instanceId, executionId, eventId, {
    type: 'ActivityScheduled',
    name: 'act',
    input: '1',
  });
}

export function startItem(
  instance: string,
  orchestration = DEFAULT_NAME,
  version?: string,
): WorkItem {
  // Absent optional fields are omitted (not `undefined`) so items compare equal after a JSON
  // round trip through storage.
  return {
    type: 'StartOrchestration',
    instance,
    orchestration,
    input: '{}',
    ...(version === undefined ? {} : { version }),
  };
}

export function externalRaised(instance: string, name = 'evt', data = '1'): WorkItem {
  return { type: 'ExternalRaised', instance, name, data };
}

export function queueMessage(instance: string, name = 'q', data = '1'): WorkItem {
  return { type: 'QueueMessage', instance, name, data };
}

export function activityExecute(
  instance: string,
  executionId: number,
  id: number,
  options: { tag?: string; sessionId?: string } = {},
): WorkItemOfType<'ActivityExecute'> {
  return {
    type: 'ActivityExecute',
    instance,
    executionId,
    id,
    name: 'act',
    input: String(id),
    ...(options.tag === undefined ? {} : { tag: options.tag }),
    ...(options.sessionId === undefined ? {} : { sessionId: options.sessionId }),
  };
}

export function activityCompleted(
  instance: string,
  executionId: number,
  id: number,
  result = '"ok"',
): WorkItem {
  return { type: 'ActivityCompleted', instance, executionId, id, result };
}

export function timerFired(
  instance: string,
  executionId: number,
  id: number,
  fireAt: number,
): WorkItem {
  return { type: 'TimerFired', instance, executionId, id, fireAt };
}

/** An ack with nothing in it except what `parts` sets. */
export function ack(executionId: number, parts: Partial<OrchestrationAck> = {}): OrchestrationAck {
  return {
    executionId,
    historyDelta: [],
    workerItems: [],
    orchestratorItems: [],
    metadata: {},
    cancelledActivities: [],
    ...parts,
  };
}

/** Metadata of the turn that starts an execution (it creates the instance row). */
export function startMetadata(
  name = DEFAULT_NAME,
  version = DEFAULT_VERSION,
  extra: Partial<ExecutionMetadata> = {},
): ExecutionMetadata {
  return {
    orchestrationName: name,
    orchestrationVersion: version,
    pinnedDuroxideVersion: ENGINE_VERSION,
    ...extra,
  };
}

/** Fetches and asserts that the batch belongs to `instanceId`. */
export async function fetchFor(
  provider: Provider,
  instanceId: string,
  options: FetchOrchestrationOptions = FETCH,
): Promise<LockedOrchestrationItem> {
  const locked = await provider.fetchOrchestrationItem(options);
  assert.ok(locked, `expected a batch for '${instanceId}', got none`);
  assert.equal(locked.item.instanceId, instanceId);
  return locked;
}

export interface StartInstanceOptions {
  readonly name?: string;
  readonly version?: string;
  readonly parentInstanceId?: string;
  /** Extra events after `OrchestrationStarted` (ids 2, 3, …). */
  readonly extraEvents?: number;
  readonly workerItems?: readonly WorkItem[];
}

/** Enqueues a start, fetches it and acks the first turn, creating the instance row. */
export async function startInstance(
  provider: Provider,
  instanceId: string,
  options: StartInstanceOptions = {},
): Promise<void> {
  const name = options.name ?? DEFAULT_NAME;
  const version = options.version ?? DEFAULT_VERSION;
  await provider.enqueueForOrchestrator(startItem(instanceId, name, version));
  const locked = await fetchFor(provider, instanceId);
  const delta = [startedEvent(instanceId, 1, name, version)];
  for (let i = 0; i < (options.extraEvents ?? 0); i++)
    delta.push(scheduledEvent(instanceId, 1, i + 2));
  await provider.ackOrchestrationItem(
    locked.lockToken,
    ack(1, {
      historyDelta: delta,
      workerItems: options.workerItems ?? [],
      metadata: startMetadata(name, version, { parentInstanceId: options.parentInstanceId }),
    }),
  );
}

/** Asserts that `promise` rejects with a permanent `ProviderError`, optionally mentioning `text`. */
export async function rejectsPermanently(promise: Promise<unknown>, text?: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ProviderError, `expected ProviderError, got ${String(error)}`);
    assert.equal(error.retryable, false, `expected a permanent error: ${error.message}`);
    if (text !== undefined)
      assert.ok(error.message.includes(text), `'${error.message}' should mention '${text}'`);
    return true;
  });
}

/** Polls `fetchOrchestrationItem` until a batch appears or `budgetMs` passes. */
export async function fetchEventually(
  provider: Provider,
  clock: ConformanceClock,
  budgetMs: number,
  options: FetchOrchestrationOptions = FETCH,
): Promise<LockedOrchestrationItem | null> {
  const deadline = clock.now() + budgetMs;
  for (;;) {
    const locked = await provider.fetchOrchestrationItem(options);
    if (locked !== null || clock.now() >= deadline) return locked;
    await clock.advance(25);
  }
}

/**
 * Runs one turn for an existing instance that ends its current execution with `status`
 * (`ContinuedAsNew` leaves it between executions: no next execution is queued).
 */
export async function finishInstance(
  provider: Provider,
  instanceId: string,
  status: Exclude<ExecutionStatus, 'Running'> = 'Completed',
): Promise<void> {
  await provider.enqueueForOrchestrator(externalRaised(instanceId));
  const locked = await fetchFor(provider, instanceId);
  await provider.ackOrchestrationItem(
    locked.lockToken,
    ack(locked.item.executionId, {
      metadata: { status, output: status === 'Completed' ? '"done"' : 'boom' },
    }),
  );
}

/**
 * Ends the current execution with continue-as-new and acks the new execution's first turn,
 * like the runtime does; returns the new execution id.
 */
export async function continueInstanceAsNew(
  provider: Provider,
  instanceId: string,
  name = DEFAULT_NAME,
  version = DEFAULT_VERSION,
): Promise<number> {
  await provider.enqueueForOrchestrator(externalRaised(instanceId));
  const ending = await fetchFor(provider, instanceId);
  const from = ending.item.executionId;
  const nextEventId = ending.item.history.reduce((max, e) => Math.max(max, e.eventId), 0) + 1;
  await provider.ackOrchestrationItem(
    ending.lockToken,
    ack(from, {
      historyDelta: [
        historyEvent(instanceId, from, nextEventId, {
          type: 'OrchestrationContinuedAsNew',
          input: '{}',
        }),
      ],
      orchestratorItems: [
        { type: 'ContinueAsNew', instance: instanceId, orchestration: name, input: '{}', version },
      ],
      metadata: { status: 'ContinuedAsNew', output: '{}' },
    }),
  );
  const next = await fetchFor(provider, instanceId);
  await provider.ackOrchestrationItem(
    next.lockToken,
    ack(from + 1, {
      historyDelta: [startedEvent(instanceId, from + 1, name, version)],
      metadata: startMetadata(name, version),
    }),
  );
  return from + 1;
}

/** Every instance record, newest first (the brute-force side of query assertions). */
export async function allInstanceRecords(provider: Provider): Promise<InstanceRecord[]> {
  const records: InstanceRecord[] = [];
  for (const id of await provider.listInstances()) {
    const record = await provider.getInstance(id);
    assert.ok(record, `listed instance '${id}' has no record`);
    records.push(record);
  }
  return records;
}

/** Asserts that `promise` rejects with an error of class `type` (cross-copy `instanceof`). */
export async function rejectsWith(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => Error,
  text?: string,
): Promise<Error> {
  let caught: Error | undefined;
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    if (text !== undefined)
      assert.ok(error.message.includes(text), `'${error.message}' should mention '${text}'`);
    caught = error;
    return true;
  });
  return caught as Error;
}
