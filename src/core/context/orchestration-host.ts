/**
 * What the orchestration context needs from the replay engine, and the scheduling calls it makes.
 * @module
 */
import type { EventKind, ParentLink } from '../history/history-event.js';
import type { Limits } from '../limits.js';
import type { DurableTask, TaskKind } from '../replay/durable-task.js';

/** What the context needs from the replay engine. (Not part of the public API.) */
export interface OrchestrationHost {
  readonly instanceId: string;
  readonly executionId: number;
  readonly orchestrationName: string;
  readonly orchestrationVersion: string;
  readonly parent: ParentLink | undefined;
  readonly isReplaying: boolean;
  readonly limits: Limits;
  /** `mapValue` transforms the value the task resolves with (the typed family). */
  schedule<T>(
    spec: ScheduleCall,
    kind: TaskKind,
    mapValue?: (value: unknown) => unknown,
  ): DurableTask<T>;
  kvSet(key: string, value: string): void;
  kvClear(key: string): void;
  kvClearAll(): void;
  kvEntries(): ReadonlyMap<string, { readonly value: string; readonly lastUpdatedAt: number }>;
  systemCall<T>(name: string, produce: () => T): DurableTask<T>;
  requestContinueAsNew(input: string, version: string | undefined): DurableTask<never>;
  track(task: DurableTask<unknown>): void;
  drop(task: DurableTask<unknown>): void;
  setCustomStatus(value: string | undefined): void;
  getCustomStatus(): string | undefined;
  autoChildId(): string;
  now(): number;
  newGuid(): string;
  trace(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
}

/** The scheduling event kinds a context call produces. (Not part of the public API.) */
export type ScheduleCall = Extract<
  EventKind,
  {
    type:
      | 'ActivityScheduled'
      | 'TimerCreated'
      | 'ExternalSubscribed'
      | 'QueueSubscribed'
      | 'SubOrchestrationScheduled'
      | 'OrchestrationChained'
      | 'CustomStatusUpdated'
      | 'KeyValueSet'
      | 'KeyValueCleared'
      | 'KeyValuesCleared';
  }
>;
