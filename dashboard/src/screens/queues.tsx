/**
 * Queues: per queue the ready, locked and delayed items and how long the oldest ready item has
 * waited, and the timers; live over SSE. Below them, the rows the runtimes quarantined because no
 * fetch could process them (docs/reliability.md), paged.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import { subscribe } from '../api/stream.js';
import type { PoisonedItem, QueueStat, Queues } from '../api/types.js';
import { Card, ErrorNote, Loading, PageHeader } from '../components/common.js';
import { ConfirmDialog } from '../components/confirm.js';
import { usePermissions } from '../settings.js';
import { useAsync } from '../components/use-async.js';
import { formatAgo, formatDuration, formatNumber, formatTime } from '../format.js';

/** The ages an operator can prune quarantined rows by: older than each, or every row. */
const PRUNE_AGES: readonly (readonly [string, number])[] = [
  ['older than 7 days', 7 * 86_400_000],
  ['older than 1 day', 86_400_000],
  ['older than 1 hour', 3_600_000],
  ['all of them', 0],
];

/** Deletes quarantined rows older than a chosen age, after a confirmation (operators). */
function PrunePoisoned({ onPruned }: { onPruned: () => void }) {
  const [open, setOpen] = useState(false);
  const [ageMs, setAgeMs] = useState(PRUNE_AGES[0]![1]);
  return (
    <>
      <button type="button" class="danger" onClick={() => setOpen(true)}>
        Prune…
      </button>
      {open ? (
        <ConfirmDialog
          title="Prune poisoned items"
          confirmLabel="Delete rows"
          isDanger
          onConfirm={async () => {
            const { itemsDeleted } = await api.prunePoisoned(Date.now() - ageMs);
            return `Deleted ${formatNumber(itemsDeleted)} quarantined row${itemsDeleted === 1 ? '' : 's'}.`;
          }}
          onClose={(changed) => {
            setOpen(false);
            if (changed) onPruned();
          }}
        >
          <p>
            Quarantined rows are kept for inspection; deleting an instance deletes its rows anyway.
            This deletes them for good (audited).
          </p>
          <label>
            Delete the rows quarantined{' '}
            <select
              value={String(ageMs)}
              onChange={(e) => setAgeMs(Number((e.target as HTMLSelectElement).value))}
            >
              {PRUNE_AGES.map(([label, ms]) => (
                <option key={label} value={String(ms)}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

function PoisonedItems() {
  const [items, setItems] = useState<PoisonedItem[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const load = (from?: string): void => {
    api.poisoned(from).then(
      (page) => {
        setItems((prev) => (from === undefined ? page.items : [...prev, ...page.items]));
        setCursor(page.nextCursor);
      },
      (e: unknown) => setError(e instanceof Error ? e : new Error(String(e))),
    );
  };
  useEffect(() => load(), []);
  const perms = usePermissions();
  return (
    <section aria-labelledby="poisoned-heading">
      <div class="page-header">
        <h2 id="poisoned-heading">Poisoned items</h2>
        {perms.canOperate && items.length > 0 ? (
          <div class="page-actions">
            <PrunePoisoned onPruned={() => load()} />
          </div>
        ) : null}
      </div>
      <p class="muted">
        Queue rows no fetch could process (not a work item, over the size limit), moved out of their
        queue so it keeps moving. They stay in the store for an operator until their instance is
        deleted or they are pruned.
      </p>
      <ErrorNote error={error} />
      <Loading when={cursor === undefined && error === undefined} />
      {cursor !== undefined && items.length === 0 ? <p>None.</p> : null}
      {items.length > 0 ? (
        <div class="table-wrap">
          <table data-testid="poisoned-table">
            <thead>
              <tr>
                <th scope="col">Queue</th>
                <th scope="col">Instance</th>
                <th scope="col">Reason</th>
                <th scope="col">Size</th>
                <th scope="col">Attempts</th>
                <th scope="col">Quarantined</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.poisonId} data-poison={item.poisonId}>
                  <td>{item.queue}</td>
                  <td>
                    {item.instanceId === undefined ? (
                      '—'
                    ) : (
                      <a href={`/instances/${encodeURIComponent(item.instanceId)}`}>
                        {item.instanceId}
                      </a>
                    )}
                  </td>
                  <td title={item.preview}>{item.reason}</td>
                  <td>{formatNumber(item.sizeBytes)} B</td>
                  <td>{formatNumber(item.attemptCount)}</td>
                  <td title={formatTime(item.poisonedAt)}>{formatAgo(item.poisonedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {typeof cursor === 'string' ? (
        <button type="button" onClick={() => load(cursor)}>
          More
        </button>
      ) : null}
    </section>
  );
}

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
      <PoisonedItems />
    </section>
  );
}
