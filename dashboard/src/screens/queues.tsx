/** Queues: messages waiting in the orchestrator, worker and timer queues, live over SSE. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import { subscribe } from '../api/stream.js';
import type { QueueDepths } from '../api/types.js';
import { Card, ErrorNote, Loading, PageHeader } from '../components/common.js';
import { useAsync } from '../components/use-async.js';
import { formatNumber } from '../format.js';

export function QueuesScreen() {
  const initial = useAsync(() => api.queues(), []);
  const [live, setLive] = useState<QueueDepths | undefined>();
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
        <div class="cards">
          <Card
            label="Orchestrator queue"
            value={formatNumber(q.orchestratorQueue)}
            hint="messages waiting for an orchestration turn"
          />
          <Card
            label="Worker queue"
            value={formatNumber(q.workerQueue)}
            hint="activities waiting for a worker"
          />
          <Card
            label="Timer queue"
            value={formatNumber(q.timerQueue)}
            hint="timers not yet fired"
          />
        </div>
      ) : null}
    </section>
  );
}
