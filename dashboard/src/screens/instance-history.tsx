/** Instance detail tabs: history (grouped or raw), the Gantt timeline, the executions chain. */
import { useMemo, useState } from 'preact/hooks';
import { api, authHeaders } from '../api/client.js';
import type { ExecutionInfo, HistoryEvent, TimelineSpan } from '../api/types.js';
import { ErrorNote, JsonView, Loading, StatusBadge } from '../components/common.js';
import { useAsync } from '../components/use-async.js';
import { formatDuration, formatTime } from '../format.js';

const CLOSERS = new Set([
  'ActivityCompleted',
  'ActivityFailed',
  'ActivityCancelRequested',
  'TimerFired',
  'ExternalSubscribedCancelled',
  'QueueSubscriptionCancelled',
  'SubOrchestrationCompleted',
  'SubOrchestrationFailed',
  'SubOrchestrationCancelRequested',
]);

interface Group {
  readonly opened: HistoryEvent;
  readonly closed?: HistoryEvent;
}

/** Pairs each scheduling event with the event that closed it (by `sourceEventId`). */
function groupHistory(events: readonly HistoryEvent[]): Group[] {
  const closers = new Map<number, HistoryEvent>();
  for (const e of events) {
    if (e.sourceEventId !== undefined && CLOSERS.has(e.kind)) closers.set(e.sourceEventId, e);
  }
  const closedIds = new Set([...closers.values()].map((e) => e.eventId));
  return events
    .filter((e) => !closedIds.has(e.eventId))
    .map((e) => {
      const closed = closers.get(e.eventId);
      return closed === undefined ? { opened: e } : { opened: e, closed };
    });
}

function label(e: HistoryEvent): string {
  const d = e.data ?? {};
  const name = d['name'] ?? d['eventName'] ?? d['queueName'];
  return typeof name === 'string' ? `${e.kind} ${name}` : e.kind;
}

function detail(e: HistoryEvent | undefined): unknown {
  if (e?.data === undefined) return undefined;
  const rest = Object.fromEntries(Object.entries(e.data).filter(([k]) => k !== 'name'));
  return Object.keys(rest).length === 0 ? undefined : rest;
}

async function download(instanceId: string): Promise<void> {
  const response = await fetch(api.exportUrl(instanceId), { headers: authHeaders() });
  const blob = await response.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${instanceId}.history.ndjson`;
  a.click();
  URL.revokeObjectURL(a.href);
}

export function HistoryTab({
  instanceId,
  executions,
}: {
  instanceId: string;
  executions: readonly ExecutionInfo[];
}) {
  const [executionId, setExecutionId] = useState(executions[0]?.executionId ?? 1);
  const [isRaw, setRaw] = useState(false);
  const history = useAsync(async () => {
    const items: HistoryEvent[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.history(instanceId, executionId, cursor);
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && items.length < 5000);
    return items;
  }, [instanceId, executionId]);
  const groups = useMemo(() => groupHistory(history.data ?? []), [history.data]);
  return (
    <div>
      <div class="filter-row">
        <label for="history-execution">Execution</label>
        <select
          id="history-execution"
          value={executionId}
          onChange={(e) => setExecutionId(Number(e.currentTarget.value))}
        >
          {executions.map((x) => (
            <option key={x.executionId} value={x.executionId}>
              #{x.executionId} ({x.orchestrationVersion ?? '?'}, {x.status})
            </option>
          ))}
        </select>
        <label>
          <input
            type="checkbox"
            checked={isRaw}
            onChange={(e) => setRaw(e.currentTarget.checked)}
          />{' '}
          Raw JSON
        </label>
        <button type="button" onClick={() => void download(instanceId)}>
          Download history (NDJSON)
        </button>
      </div>
      <ErrorNote error={history.error} />
      <Loading when={history.loading && history.data === undefined} />
      {isRaw ? (
        <JsonView value={history.data ?? []} label="raw history" />
      ) : (
        <div class="table-wrap">
          <table class="history-group">
            <caption class="sr-only">
              History, scheduled events paired with their completions
            </caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">What</th>
                <th scope="col">At</th>
                <th scope="col">Outcome</th>
                <th scope="col">Took</th>
                <th scope="col">Data</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.opened.eventId}>
                  <td>
                    {g.opened.eventId}
                    {g.closed !== undefined ? `→${g.closed.eventId}` : ''}
                  </td>
                  <td>{label(g.opened)}</td>
                  <td>{formatTime(g.opened.timestampMs)}</td>
                  <td>{g.closed?.kind ?? ''}</td>
                  <td>
                    {g.closed !== undefined
                      ? formatDuration(g.closed.timestampMs - g.opened.timestampMs)
                      : ''}
                  </td>
                  <td>
                    {detail(g.opened) !== undefined ? <JsonView value={detail(g.opened)} /> : null}
                    {detail(g.closed) !== undefined ? <JsonView value={detail(g.closed)} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

const ROW = 18;
const LABEL_W = 170;
const CHART_W = 720;

/** A Gantt chart of the newest executions' activities, timers, waits and children (own SVG). */
export function TimelineTab({
  instanceId,
  executions,
}: {
  instanceId: string;
  executions: readonly ExecutionInfo[];
}) {
  const shown = executions.slice(0, 10);
  const timelines = useAsync(
    () => Promise.all(shown.map((x) => api.timeline(instanceId, x.executionId))),
    [instanceId, shown.map((x) => x.executionId).join(',')],
  );
  const now = Date.now();
  type Row = { header: string; execution: ExecutionInfo; from: number } | { span: TimelineSpan };
  const blocks: Row[][] = [];
  let min = Infinity;
  let max = -Infinity;
  for (const [i, t] of (timelines.data ?? []).entries()) {
    const x = shown[i];
    if (x === undefined) continue;
    const rows: Row[] = [
      {
        header: `execution #${x.executionId} · ${x.orchestrationVersion ?? '?'}`,
        execution: x,
        // The first event's time: the execution row is written when its first turn commits.
        from: Math.min(x.startedAt, ...t.items.map((i) => i.startedAt)),
      },
    ];
    blocks.push(rows);
    min = Math.min(min, x.startedAt);
    max = Math.max(max, x.completedAt ?? now);
    for (const span of t.items) {
      rows.push({ span });
      min = Math.min(min, span.startedAt);
      max = Math.max(max, span.endedAt ?? now);
    }
  }
  // Oldest execution first, like the continue-as-new chain.
  const rows = blocks.reverse().flat();
  const scale = (ms: number): number =>
    LABEL_W + (max > min ? ((ms - min) / (max - min)) * CHART_W : 0);
  const height = rows.length * ROW + 24;
  return (
    <div>
      <ErrorNote error={timelines.error} />
      <Loading when={timelines.loading && timelines.data === undefined} />
      <div class="legend" aria-hidden="true">
        <span style="--c:#0b57d0">activity</span>
        <span style="--c:#8e24aa">timer</span>
        <span style="--c:#e37400">event / queue wait</span>
        <span style="--c:#00796b">child orchestration</span>
        <span style="--c:#b3261e">failed</span>
      </div>
      {rows.length === 0 && timelines.data !== undefined ? (
        <p class="muted">Nothing scheduled yet.</p>
      ) : null}
      {rows.length > 0 ? (
        <div class="gantt">
          <svg
            viewBox={`0 0 ${LABEL_W + CHART_W + 10} ${height}`}
            width="100%"
            role="img"
            aria-label={`Timeline of the newest ${shown.length} execution(s), ${formatDuration(max - min)} in all`}
          >
            {rows.map((r, i) => {
              const y = i * ROW + 4;
              if ('header' in r) {
                const x1 = scale(r.from);
                const x2 = Math.max(x1 + 2, scale(r.execution.completedAt ?? now));
                return (
                  <g key={`h${i}`}>
                    <text x={0} y={y + 12} font-weight="bold">
                      {r.header}
                    </text>
                    <rect
                      class="bar-execution"
                      x={x1}
                      y={y + 5}
                      width={x2 - x1}
                      height={ROW - 12}
                      rx={2}
                    >
                      <title>{`${r.header}: ${r.execution.status}, ${formatDuration((r.execution.completedAt ?? now) - r.from)}`}</title>
                    </rect>
                  </g>
                );
              }
              const s = r.span;
              const x1 = scale(s.startedAt);
              const x2 = Math.max(x1 + 2, scale(s.endedAt ?? now));
              const cls = `bar bar-${s.kind}${s.outcome === 'failed' ? ' bar-failed' : ''}${s.outcome === 'open' ? ' bar-open' : ''}`;
              const what = `${s.kind} ${s.name ?? ''}`.trim();
              return (
                <g key={`s${i}`}>
                  <text x={8} y={y + 12}>
                    {what.length > 26 ? `${what.slice(0, 25)}…` : what}
                  </text>
                  <rect class={cls} x={x1} y={y + 2} width={x2 - x1} height={ROW - 6} rx={2}>
                    <title>
                      {`${what}: ${s.outcome}, ${formatDuration((s.endedAt ?? now) - s.startedAt)}${s.fireAt !== undefined ? `, fires ${formatTime(s.fireAt)}` : ''}`}
                    </title>
                  </rect>
                </g>
              );
            })}
            <text x={LABEL_W} y={height - 4}>
              {formatTime(min)}
            </text>
            <text x={LABEL_W + CHART_W} y={height - 4} text-anchor="end">
              {formatTime(max)}
            </text>
          </svg>
        </div>
      ) : null}
    </div>
  );
}

/** The continue-as-new chain, oldest first, marking where the version changed. */
export function ExecutionsChain({ executions }: { executions: readonly ExecutionInfo[] }) {
  const chain = [...executions].reverse();
  return (
    <ol class="chain" aria-label="Executions, oldest first" data-testid="executions-chain">
      {chain.map((x, i) => {
        const previous = chain[i - 1]?.orchestrationVersion;
        const isUpgrade = previous !== undefined && previous !== x.orchestrationVersion;
        return (
          <li
            key={x.executionId}
            class={isUpgrade ? 'upgrade' : undefined}
            data-version={x.orchestrationVersion}
          >
            {isUpgrade ? (
              <span class="upgrade-mark">
                upgraded {previous} → {x.orchestrationVersion}
              </span>
            ) : null}
            #{x.executionId} <span class="badge">{x.orchestrationVersion ?? '?'}</span>{' '}
            <StatusBadge status={x.status} />
          </li>
        );
      })}
    </ol>
  );
}
