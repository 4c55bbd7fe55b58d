/**
 * Work items: the messages that flow through the provider's queues.
 * @module
 */
import type { ErrorDetails } from '../errors/error-details.js';
import type { ParentLink, TraceContext } from './history-event.js';

export type WorkItem =
  | {
      readonly type: 'StartOrchestration';
      readonly instance: string;
      readonly orchestration: string;
      readonly input: string;
      /**
       * Version to run, decided once by whoever created the item (client, parent turn) under
       * the fleet's version policy; absent only when nobody could decide (no live node registers
       * the name yet), then the first runtime to fetch it decides by the same rule.
       */
      readonly version?: string | undefined;
      readonly parent?: ParentLink | undefined;
      /** Keep the instance on its version across continue-as-new (sticky pin). */
      readonly pinVersion?: boolean | undefined;
      /** The span that started it (a parent's turn), when tracing is on. */
      readonly traceContext?: TraceContext | undefined;
    }
  | {
      readonly type: 'ActivityExecute';
      readonly instance: string;
      readonly executionId: number;
      /** The `ActivityScheduled` event id. */
      readonly id: number;
      readonly name: string;
      readonly input: string;
      readonly sessionId?: string | undefined;
      readonly tag?: string | undefined;
      /** The turn that scheduled it, when tracing is on: the activity's span continues it. */
      readonly traceContext?: TraceContext | undefined;
      readonly orchestrationName?: string | undefined;
      readonly orchestrationVersion?: string | undefined;
    }
  | {
      readonly type: 'ActivityCompleted';
      readonly instance: string;
      readonly executionId: number;
      readonly id: number;
      readonly result: string;
    }
  | {
      readonly type: 'ActivityFailed';
      readonly instance: string;
      readonly executionId: number;
      readonly id: number;
      readonly details: ErrorDetails;
    }
  | {
      readonly type: 'TimerFired';
      readonly instance: string;
      readonly executionId: number;
      readonly id: number;
      readonly fireAt: number;
    }
  | {
      readonly type: 'ExternalRaised';
      readonly instance: string;
      readonly name: string;
      readonly data: string;
    }
  | {
      readonly type: 'QueueMessage';
      readonly instance: string;
      readonly name: string;
      readonly data: string;
    }
  | {
      readonly type: 'SubOrchCompleted';
      readonly parentInstance: string;
      readonly parentExecutionId: number;
      readonly parentId: number;
      readonly result: string;
    }
  | {
      readonly type: 'SubOrchFailed';
      readonly parentInstance: string;
      readonly parentExecutionId: number;
      readonly parentId: number;
      readonly details: ErrorDetails;
    }
  | { readonly type: 'CancelInstance'; readonly instance: string; readonly reason: string }
  | {
      readonly type: 'ContinueAsNew';
      readonly instance: string;
      readonly orchestration: string;
      readonly input: string;
      readonly version?: string | undefined;
      readonly parent?: ParentLink | undefined;
      readonly carryForwardEvents?: ReadonlyArray<readonly [string, string]> | undefined;
      readonly initialCustomStatus?: string | undefined;
      /** The span of the execution that continued as new, when tracing is on. */
      readonly traceContext?: TraceContext | undefined;
    }
  | {
      /** Operator request: re-drive a Failed execution from its history (client.resumeInstance). */
      readonly type: 'ResumeOrchestration';
      readonly instance: string;
      readonly executionId: number;
      /** Version to replay with; absent = the execution's recorded version. */
      readonly version?: string | undefined;
      /** Correlates the audit entry that reports the outcome. */
      readonly requestId: string;
      readonly actor?: string | undefined;
      readonly reason?: string | undefined;
      /** The caller's span, when tracing is on: the resume turn's span is its child. */
      readonly traceContext?: TraceContext | undefined;
    }
  | {
      /** Operator request: a new execution of a finished instance, same id (client.restartInstance). */
      readonly type: 'RestartOrchestration';
      readonly instance: string;
      readonly orchestration: string;
      /** Version of the new execution, decided by the client. */
      readonly version?: string | undefined;
      /** Input JSON of the new execution. */
      readonly input: string;
      readonly requestId: string;
      readonly actor?: string | undefined;
      readonly reason?: string | undefined;
      /** The caller's span, when tracing is on: the new execution's span is its child. */
      readonly traceContext?: TraceContext | undefined;
    };

type WorkItemType = WorkItem['type'];
export type WorkItemOfType<T extends WorkItemType> = Extract<WorkItem, { type: T }>;

/** The instance whose orchestrator queue a work item belongs to. */
export function targetInstance(item: WorkItem): string {
  return item.type === 'SubOrchCompleted' || item.type === 'SubOrchFailed'
    ? item.parentInstance
    : item.instance;
}

/** `visible_at` for an orchestrator item: timers become visible at their fire time. */
export function visibleAtFor(item: WorkItem, now: number): number {
  return item.type === 'TimerFired' ? Math.max(item.fireAt, 0) : now;
}
