/**
 * Operator requests that arrive as orchestrator messages: resume a Failed execution from its
 * history (`client.resumeInstance`) and restart a finished instance (`client.restartInstance`,
 * applied by the dispatcher as a new execution). Their outcome is written to the audit log, where
 * the client that asked reads it (docs/versioning.md, "Recovering after a bad deploy").
 *
 * Resume replays the execution's history, without its final `OrchestrationFailed`, on the
 * requested (or recorded) version. If that replay diverges, the request is refused and nothing
 * changes. Otherwise the failure event is removed, the execution runs on, and the work the
 * failure dropped is issued again: activities and timers without a completion, and the outcome
 * of sub-orchestrations that finished meanwhile. Completed activities are never run again.
 * @module
 */
import type { HistoryEvent, TraceContext } from '../../core/history/history-event.js';
import type { WorkItem, WorkItemOfType } from '../../core/history/work-item.js';
import type { ReplayEngine } from '../../core/replay/replay-engine.js';
import type { OrchestrationHandler } from '../../core/replay/orchestration-handler.js';
import type { TurnResult } from '../../core/replay/turn-result.js';
import type {
  AuditEntryInput,
  LockedOrchestrationItem,
  OrchestrationAck,
  Provider,
} from '../../providers/provider.js';
import type { Logger } from '../logger.js';
import type { ExecutionInfo } from '../observability/execution-tracer.js';
import type { TurnObservation } from '../observability/observability.js';
import type { ResolvedRuntimeOptions } from '../options.js';
import type { OrchestrationRegistry } from '../registry.js';
import { stampVersions, type VersionDecider } from './version-stamping.js';

const TARGET = 'duroxide::runtime::operator-requests';

export type OperatorRequest =
  WorkItemOfType<'ResumeOrchestration'> | WorkItemOfType<'RestartOrchestration'>;
type ResumeRequest = WorkItemOfType<'ResumeOrchestration'>;

/** Audit entries for requests that do not apply (the instance is running, another execution…). */
export function refuseOperatorRequests(
  requests: readonly OperatorRequest[],
  why: string,
): AuditEntryInput[] {
  return requests.map((r) => ({
    at: Date.now(),
    actor: r.actor,
    action:
      r.type === 'ResumeOrchestration' ? 'instance.resume-refused' : 'instance.restart-refused',
    target: `instance:${r.instance}`,
    reason: r.reason,
    details: JSON.stringify({ requestId: r.requestId, refusal: why }),
  }));
}

/** The audit entry of a restart the dispatcher applied as a new execution. */
export function restartedAudit(
  request: WorkItemOfType<'RestartOrchestration'>,
  executionId: number,
  version: string | undefined,
): AuditEntryInput {
  return {
    at: Date.now(),
    actor: request.actor,
    action: 'instance.restarted',
    target: `instance:${request.instance}`,
    reason: request.reason,
    details: JSON.stringify({ requestId: request.requestId, executionId, version }),
  };
}

export interface ResumeDeps {
  readonly provider: Provider;
  readonly registry: OrchestrationRegistry;
  readonly options: ResolvedRuntimeOptions;
  readonly logger: Logger;
  readonly versions: VersionDecider;
  createEngine(args: {
    instanceId: string;
    executionId: number;
    history: readonly HistoryEvent[];
    handler: OrchestrationHandler;
    kvSnapshot: LockedOrchestrationItem['item']['kvSnapshot'];
  }): Promise<ReplayEngine>;
  /** Commits; false when nothing was written (the batch comes back). */
  commit(locked: LockedOrchestrationItem, ack: OrchestrationAck): Promise<boolean>;
  /** Consumes the batch without changes, writing the audit entries. */
  discard(locked: LockedOrchestrationItem, why: string, audits: AuditEntryInput[]): Promise<void>;
  /** Leaves the batch to a node that has the requested version. */
  defer(locked: LockedOrchestrationItem, what: string): Promise<void>;
  audit(entries: readonly AuditEntryInput[]): Promise<void>;
  /** Measures the resume turn (metrics and its span) and starts the resumed attempt's span. */
  observe(execution: ExecutionInfo, caller: TraceContext | undefined): TurnObservation;
}

/** Applies (or refuses) a resume of the instance's Failed current execution. */
export async function resumeExecution(
  deps: ResumeDeps,
  locked: LockedOrchestrationItem,
  history: readonly HistoryEvent[],
  request: ResumeRequest,
  messages: readonly WorkItem[],
  requests: readonly OperatorRequest[],
): Promise<void> {
  const { item } = locked;
  const instanceId = item.instanceId;
  const others = requests.filter((r) => r !== request);
  const refuse = async (why: string): Promise<void> => {
    deps.logger.warn(TARGET, `resume refused: ${why}`, { instanceId });
    await deps.discard(locked, why, refuseOperatorRequests([request, ...others], why));
  };
  const started = history[0];
  const failed = history[history.length - 1];
  if (started?.type !== 'OrchestrationStarted' || failed?.type !== 'OrchestrationFailed') {
    await refuse('the execution has no complete history to resume from');
    return;
  }
  const version = request.version ?? started.version;
  const handler = deps.registry.get(started.name, version);
  if (handler === undefined) {
    if (locked.attemptCount > deps.options.maxAttempts) {
      await refuse(`no runtime that tried it registers '${started.name}'@${version}`);
    } else {
      await deps.defer(locked, `'${started.name}'@${version}`);
    }
    return;
  }
  const observation = deps.observe(
    {
      instanceId,
      executionId: item.executionId,
      orchestrationName: started.name,
      orchestrationVersion: version,
      traceContext: started.traceContext,
      startedAt: started.timestampMs,
    },
    request.traceContext,
  );
  // The resumed attempt's span replaces the failed one's in the recorded context (reopen).
  const traceContext = observation.traceContext;
  const replayed: HistoryEvent[] = history.slice(0, -1);
  replayed[0] = { ...started, version, ...(traceContext === undefined ? {} : { traceContext }) };
  const engine = await deps
    .createEngine({
      instanceId,
      executionId: item.executionId,
      history: replayed,
      handler,
      kvSnapshot: item.kvSnapshot,
    })
    .catch((error: unknown) => {
      observation.failed(error);
      throw error;
    });
  const others2 = messages.filter(
    (m) => m.type !== 'StartOrchestration' && m.type !== 'ContinueAsNew',
  );
  const result = await engine.runTurn(others2).catch((error: unknown) => {
    observation.failed(error);
    throw error;
  });
  if (result.status === 'Failed' && result.error?.kind === 'Nondeterminism') {
    observation.failed(`resume refused: ${result.error.message}`);
    await refuse(
      `the history does not replay on '${started.name}'@${version}: ${result.error.message}`,
    );
    return;
  }
  const reissued = await openWork(deps.provider, replayed, result);
  const versionMetadata = await stampVersions(deps.versions, result, version, {
    versionPin: item.versionPin,
    nextVersion: item.nextVersion,
  });
  const ack: OrchestrationAck = {
    executionId: item.executionId,
    historyDelta: result.historyDelta,
    workerItems: observation.stamp([...reissued.workerItems, ...result.workerItems]),
    orchestratorItems: observation.stamp([
      ...reissued.orchestratorItems,
      ...result.orchestratorItems,
    ]),
    cancelledActivities: result.cancelledActivities,
    metadata: {
      status: result.status === 'Running' ? undefined : result.status,
      output: result.output,
      customStatus: result.customStatus,
      ...versionMetadata,
    },
    reopen: {
      failedEventId: failed.eventId,
      version,
      ...(traceContext === undefined ? {} : { traceContext }),
    },
  };
  if (!(await deps.commit(locked, ack))) {
    observation.failed('resume not committed');
    return;
  }
  observation.committed(result, undefined);
  engine.commit();
  deps.logger.info(
    TARGET,
    `resumed ${instanceId} execution ${item.executionId} on '${started.name}'@${version}`,
    { instanceId },
  );
  await deps.audit([
    {
      at: Date.now(),
      actor: request.actor,
      action: 'instance.resumed',
      target: `instance:${instanceId}`,
      reason: request.reason,
      details: JSON.stringify({
        requestId: request.requestId,
        executionId: item.executionId,
        fromVersion: started.version,
        version,
        failure: failed.details,
        reissuedActivities: reissued.workerItems.length,
      }),
    },
    ...refuseOperatorRequests(others, 'another request on the same batch was applied first'),
  ]);
}

/**
 * Work the failure dropped: activities and timers scheduled without a completion (their rows
 * and completions were discarded when the execution failed), and the outcome of
 * sub-orchestrations that finished while the parent was failed. Not re-issued: what the resumed
 * turn itself completed or cancelled.
 */
async function openWork(
  provider: Provider,
  history: readonly HistoryEvent[],
  result: TurnResult,
): Promise<{ workerItems: WorkItem[]; orchestratorItems: WorkItem[] }> {
  const done = new Set<number>();
  for (const e of [...history, ...result.historyDelta]) {
    if (e.sourceEventId !== undefined) done.add(e.sourceEventId);
  }
  for (const c of result.cancelledActivities) done.add(c.activityId);
  const workerItems: WorkItem[] = [];
  const orchestratorItems: WorkItem[] = [];
  const started = history[0];
  const orchestration = started?.type === 'OrchestrationStarted' ? started : undefined;
  for (const e of history) {
    if (done.has(e.eventId)) continue;
    switch (e.type) {
      case 'ActivityScheduled':
        workerItems.push({
          type: 'ActivityExecute',
          instance: e.instanceId,
          executionId: e.executionId,
          id: e.eventId,
          name: e.name,
          input: e.input,
          sessionId: e.sessionId,
          tag: e.tag,
          orchestrationName: orchestration?.name,
          orchestrationVersion: orchestration?.version,
        });
        break;
      case 'TimerCreated':
        orchestratorItems.push({
          type: 'TimerFired',
          instance: e.instanceId,
          executionId: e.executionId,
          id: e.eventId,
          fireAt: e.fireAt,
        });
        break;
      case 'SubOrchestrationScheduled': {
        const child = await provider.getInstance(e.instance);
        const parent = {
          parentInstance: e.instanceId,
          parentExecutionId: e.executionId,
          parentId: e.eventId,
        };
        if (child === null) {
          orchestratorItems.push({
            type: 'StartOrchestration',
            instance: e.instance,
            orchestration: e.name,
            input: e.input,
            version: e.version,
            parent: {
              instanceId: e.instanceId,
              executionId: e.executionId,
              scheduleEventId: e.eventId,
            },
          });
        } else if (child.status === 'Completed') {
          orchestratorItems.push({
            type: 'SubOrchCompleted',
            ...parent,
            result: child.output ?? 'null',
          });
        } else if (child.status === 'Failed') {
          orchestratorItems.push({
            type: 'SubOrchFailed',
            ...parent,
            details: {
              category: 'application',
              kind: 'OrchestrationFailed',
              message: child.output ?? 'sub-orchestration failed',
              retryable: false,
            },
          });
        }
        break;
      }
      default:
        break;
    }
  }
  return { workerItems, orchestratorItems };
}
