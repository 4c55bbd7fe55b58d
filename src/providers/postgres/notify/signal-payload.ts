/**
 * The NOTIFY payload: which queues a commit fed, so listeners in other processes wake the
 * right dispatchers. Small on purpose (PostgreSQL caps payloads at 8,000 bytes and every
 * listener of the channel reads every notification).
 * @module
 */
import {
  EXECUTION_STATUSES,
  type CancelledActivity,
  type ExecutionStatus,
  type ProviderSignal,
} from '../../provider.js';

/**
 * `{"o":origin,"q":visibleAt,"w":1,"i":instanceId,"s":status,"t":[output,customStatus,customStatusVersion],"c":[[instanceId,executionId,activityId]…]}`
 * — `o` is the sending provider's random id (a provider ignores its own notifications: it
 * already signalled its listeners in-process); `q` is the earliest `visibleAt` of new
 * orchestrator rows, `w` flags new worker rows, `i` is the instance a turn committed for
 * (clients waiting for it wake at once), `s` the execution status after that turn (waiters for
 * completion skip re-reading on `Running`), `t` what `getInstance` reports after a turn that
 * ended the execution (waiters resolve without reading; added by the held-step statement only
 * while the whole payload stays under {@link MAX_PAYLOAD_BYTES}), `c` lists activities the turn cancelled (the worker
 * running one, in whatever process, aborts it at once instead of at its next lock renewal).
 * `i` and `c` are added by the `ack_orchestration_item` SQL function, which knows them.
 */
interface WirePayload {
  readonly o: string;
  readonly q?: number;
  readonly w?: 1;
  readonly i?: string;
  readonly s?: string;
  readonly t?: unknown;
  readonly c?: unknown;
}

/**
 * Largest payload the held-step statement sends with `t` (PostgreSQL refuses 8,000 bytes or
 * more); a larger one is sent without it, and waiters read the status.
 */
export const MAX_PAYLOAD_BYTES = 7_900;

/**
 * Instance ids longer than this many bytes are left out of the payload (the signal is only a
 * hint). The `ack_orchestration_item` SQL function applies the same bound.
 */
const MAX_NOTIFIED_INSTANCE_ID_BYTES = 1_000;

/** What one commit announces. */
export interface CommitSignals {
  /** Earliest `visibleAt` of orchestrator rows written, if any. */
  readonly orchestratorVisibleAt?: number | undefined;
  /**
   * Every future `visibleAt` of the orchestrator rows written (timers due at different
   * times), signalled in-process only: NOTIFY carries the earliest, and other processes find
   * the later ones by asking after a safety-net poll.
   */
  readonly laterVisibleAts?: readonly number[] | undefined;
  readonly hasWorkerItems?: boolean;
  readonly instanceId?: string | undefined;
  /** The instance's execution status after an orchestration ack (see ProviderSignal). */
  readonly executionStatus?: ExecutionStatus | undefined;
  /** Activities whose worker rows the commit deleted (cancellation, lock stealing). */
  readonly cancelledActivities?: readonly CancelledActivity[] | undefined;
  /** With a terminal `executionStatus`: the instance as `getInstance` then reports it, if known. */
  readonly final?: InstanceFinal | undefined;
}

type InstanceFinal = NonNullable<Extract<ProviderSignal, { kind: 'instance' }>['final']>;

export function encodeSignals(origin: string, signals: CommitSignals): string {
  const payload: { o: string; q?: number; w?: 1; i?: string; s?: string } = { o: origin };
  if (signals.orchestratorVisibleAt !== undefined) payload.q = signals.orchestratorVisibleAt;
  if (signals.hasWorkerItems === true) payload.w = 1;
  if (
    signals.instanceId !== undefined &&
    Buffer.byteLength(signals.instanceId) <= MAX_NOTIFIED_INSTANCE_ID_BYTES
  ) {
    payload.i = signals.instanceId;
  }
  if (signals.executionStatus !== undefined) payload.s = signals.executionStatus;
  return JSON.stringify(payload);
}

/** The signals of one commit, in the SQLite provider's order (the instance last). */
export function toProviderSignals(signals: CommitSignals): ProviderSignal[] {
  const out: ProviderSignal[] = [];
  if (signals.orchestratorVisibleAt !== undefined)
    out.push({ kind: 'orchestrator', visibleAt: signals.orchestratorVisibleAt });
  for (const visibleAt of signals.laterVisibleAts ?? []) {
    if (visibleAt !== signals.orchestratorVisibleAt) out.push({ kind: 'orchestrator', visibleAt });
  }
  if (signals.hasWorkerItems === true) out.push({ kind: 'worker' });
  for (const c of signals.cancelledActivities ?? []) out.push({ kind: 'activityCancelled', ...c });
  if (signals.instanceId !== undefined) {
    const { instanceId, executionStatus, final } = signals;
    out.push(
      executionStatus === undefined
        ? { kind: 'instance', instanceId }
        : final === undefined || (executionStatus !== 'Completed' && executionStatus !== 'Failed')
          ? { kind: 'instance', instanceId, executionStatus }
          : { kind: 'instance', instanceId, executionStatus, final },
    );
  }
  return out;
}

/** Parses a payload; anything malformed (another program on the channel) yields undefined. */
export function decodeSignals(
  payload: string | undefined,
): { origin: string; signals: CommitSignals } | undefined {
  if (payload === undefined) return undefined;
  let wire: unknown;
  try {
    wire = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof wire !== 'object' || wire === null) return undefined;
  const { o, q, w, i, s, t, c } = wire as Partial<Record<keyof WirePayload, unknown>>;
  if (typeof o !== 'string') return undefined;
  return {
    origin: o,
    signals: {
      orchestratorVisibleAt: typeof q === 'number' && Number.isFinite(q) ? q : undefined,
      hasWorkerItems: w === 1,
      instanceId: typeof i === 'string' ? i : undefined,
      executionStatus:
        typeof s === 'string' && (EXECUTION_STATUSES as readonly string[]).includes(s)
          ? (s as ExecutionStatus)
          : undefined,
      cancelledActivities: decodeCancelled(c),
      final: decodeFinal(t),
    },
  };
}

/** `[output, customStatus, customStatusVersion]` (strings or null, an integer); else undefined. */
function decodeFinal(value: unknown): InstanceFinal | undefined {
  if (!Array.isArray(value) || value.length !== 3) return undefined;
  const [output, customStatus, version] = value as unknown[];
  const isText = (x: unknown): x is string | null => x === null || typeof x === 'string';
  if (!isText(output) || !isText(customStatus) || !Number.isInteger(version)) return undefined;
  return {
    output: output ?? undefined,
    customStatus: customStatus ?? undefined,
    customStatusVersion: version as number,
  };
}

/** `[[instanceId, executionId, activityId], …]` rows (also the SQL function's return shape). */
export function decodeCancelled(value: unknown): CancelledActivity[] {
  if (!Array.isArray(value)) return [];
  const out: CancelledActivity[] = [];
  for (const entry of value) {
    if (!Array.isArray(entry)) continue;
    const [instanceId, executionId, activityId] = entry as unknown[];
    if (
      typeof instanceId === 'string' &&
      Number.isInteger(executionId) &&
      Number.isInteger(activityId)
    ) {
      out.push({
        instanceId,
        executionId: executionId as number,
        activityId: activityId as number,
      });
    }
  }
  return out;
}
