import { type TestContext } from 'node:test';
import type { EventKind, HistoryEvent } from '../../core/history/history-event.js';
import type { WorkItem, WorkItemOfType } from '../../core/history/work-item.js';
import type { ExecutionMetadata, ExecutionStatus, FetchOrchestrationOptions, InstanceRecord, LockedOrchestrationItem, OrchestrationAck, Provider, ProviderCapability, CapabilityMethods } from '../provider.js';
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
    readonly requiring: <C extends ProviderCapability>(capability: C) => ConformanceHarness<P & CapabilityMethods[C]>;
}
/** The root harness of a suite (no capability required) and the names it registered. */
export declare function createHarness(options: ProviderConformanceOptions): {
    readonly harness: ConformanceHarness;
    readonly unknownSkips: () => readonly string[];
};
export declare const DEFAULT_NAME = "Flow";
export declare const DEFAULT_VERSION = "1.0.0";
/** Lock long enough that it never expires by accident during a test. */
export declare const LONG_LOCK_MS = 30000;
export declare const FETCH: FetchOrchestrationOptions;
export declare function sleep(ms: number): Promise<void>;
/** A history event with a full envelope. */
export declare function historyEvent(instanceId: string, executionId: number, eventId: number, kind: EventKind): HistoryEvent;
export declare function startedEvent(instanceId: string, executionId?: number, name?: string, version?: string): HistoryEvent;
/** A schedule event usable as filler: `ActivityScheduled` at `eventId`. */
export declare function scheduledEvent(instanceId: string, executionId: number, eventId: number): HistoryEvent;
export declare function startItem(instance: string, orchestration?: string, version?: string): WorkItem;
export declare function externalRaised(instance: string, name?: string, data?: string): WorkItem;
export declare function queueMessage(instance: string, name?: string, data?: string): WorkItem;
export declare function activityExecute(instance: string, executionId: number, id: number, options?: {
    tag?: string;
    sessionId?: string;
}): WorkItemOfType<'ActivityExecute'>;
export declare function activityCompleted(instance: string, executionId: number, id: number, result?: string): WorkItem;
export declare function timerFired(instance: string, executionId: number, id: number, fireAt: number): WorkItem;
/** An ack with nothing in it except what `parts` sets. */
export declare function ack(executionId: number, parts?: Partial<OrchestrationAck>): OrchestrationAck;
/** Metadata of the turn that starts an execution (it creates the instance row). */
export declare function startMetadata(name?: string, version?: string, extra?: Partial<ExecutionMetadata>): ExecutionMetadata;
/** Fetches and asserts that the batch belongs to `instanceId`. */
export declare function fetchFor(provider: Provider, instanceId: string, options?: FetchOrchestrationOptions): Promise<LockedOrchestrationItem>;
export interface StartInstanceOptions {
    readonly name?: string;
    readonly version?: string;
    readonly parentInstanceId?: string;
    /** Extra events after `OrchestrationStarted` (ids 2, 3, …). */
    readonly extraEvents?: number;
    readonly workerItems?: readonly WorkItem[];
}
/** Enqueues a start, fetches it and acks the first turn, creating the instance row. */
export declare function startInstance(provider: Provider, instanceId: string, options?: StartInstanceOptions): Promise<void>;
/** Asserts that `promise` rejects with a permanent `ProviderError`, optionally mentioning `text`. */
export declare function rejectsPermanently(promise: Promise<unknown>, text?: string): Promise<void>;
/** Polls `fetchOrchestrationItem` until a batch appears or `budgetMs` passes. */
export declare function fetchEventually(provider: Provider, clock: ConformanceClock, budgetMs: number, options?: FetchOrchestrationOptions): Promise<LockedOrchestrationItem | null>;
/**
 * Runs one turn for an existing instance that ends its current execution with `status`
 * (`ContinuedAsNew` leaves it between executions: no next execution is queued).
 */
export declare function finishInstance(provider: Provider, instanceId: string, status?: Exclude<ExecutionStatus, 'Running'>): Promise<void>;
/**
 * Ends the current execution with continue-as-new and acks the new execution's first turn,
 * like the runtime does; returns the new execution id.
 */
export declare function continueInstanceAsNew(provider: Provider, instanceId: string, name?: string, version?: string): Promise<number>;
/** Every instance record, newest first (the brute-force side of query assertions). */
export declare function allInstanceRecords(provider: Provider): Promise<InstanceRecord[]>;
/** Asserts that `promise` rejects with an error of class `type` (cross-copy `instanceof`). */
export declare function rejectsWith(promise: Promise<unknown>, type: abstract new (...args: never[]) => Error, text?: string): Promise<Error>;
export {};
