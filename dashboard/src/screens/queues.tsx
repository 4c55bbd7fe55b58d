/**
 * Queues: per queue the ready, locked and delayed items and how long the oldest ready item has
 * waited, and the timers; live over SSE.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import { subscribe } from '../api/stream.js';
import type { QueueStat, Queues } from '../api/types.js';
import { Card, ErrorNote, Loading, PageHeader } from '../components/common.js';
import { useAsync } from '../components/use-async.js';
import { formatAgo, formatDuration, formatNumber, formatTime } from '../format.js';

function QueueRow({ name, stat, hint }: { name: string; stat: QueueStat; hint: string }) {
  return (
    <tr>
      <th scope="row">
        {name}
        <div class="muted">{hint}</div>
      </th>
      <td>{formatNumber(stat.ready)}</td>
      <td>{formatNumber(stat.locked)}</td>
      <td>{formatNumber(stat.delayed)}</td>
      <td title={formatTime(stat.oldestReadyAt)}>
        {stat.oldestAgeMs === null ? '—' : formatDuration(stat.oldestAgeMs)}
      </td>
      <td>{stat.nextVisibleAt === null ? '—' : formatAgo(stat.nextVisibleAt)}</td>
    </tr>
  );
}

export function QueuesScreen() {
  const initial = useAsync(() => api.queues(), []);
  const [live, setLive] = useState<Queues | undefined>();
  useEffect(
    () =>
      subscribe((e) => {
        if (e.type === 'metrics') setLive(e.data.queues);
      }),
    [],
  );
  const q = live ?? initial.data;
  return (
    <section>
      <PageHeader title="Queues" />
      <ErrorNote error={initial.error} />
      <Loading when={q === undefined} />
      {q !== undefined ? (
        <>
          <div class="cards">
            <Card
              label="Orchestrator queue"
              value={formatNumber(q.orchestratorQueue)}
              hint="ready + delayed"
            />
            <Card label="Worker queue" value={formatNumber(q.workerQueue)} hint="ready + delayed" />
            <Card
              label="Timers"
              value={formatNumber(q.timers.pending)}
              hint={
                q.timers.nextFireAt === null
                  ? 'none pending'
                  : `next ${formatAgo(q.timers.nextFireAt, q.at)}`
              }
            />
            <Card
              label="Oldest ready item"
              value={formatDuration(
                Math.max(q.orchestrator.oldestAgeMs ?? 0, q.worker.oldestAgeMs ?? 0),
              )}
              hint="waiting for a dispatcher"
            />
          </div>
          <div class="table-wrap">
            <table data-testid="queue-table">
              <caption class="sr-only">Queue items by state, read at {formatTime(q.at)}</caption>
              <thead>
                <tr>
                  <th scope="col">Queue</th>
                  <th scope="col">Ready</th>
                  <th scope="col">Locked</th>
                  <th scope="col">Delayed</th>
                  <th scope="col">Oldest ready waits</th>
                  <th scope="col">Next becomes visible</th>
                </tr>
              </thead>
              <tbody>
                <QueueRow name="Orchestrator" stat={q.orchestrator} hint="orchestration turns" />
                <QueueRow name="Worker" stat={q.worker} hint="activity executions" />
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
