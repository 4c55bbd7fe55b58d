/** Nodes: every runtime node's heartbeat, versions and registrations. */
import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import { ErrorNote, Loading, PageHeader } from '../components/common.js';
import { useAsync } from '../components/use-async.js';
import { formatAgo, formatTime } from '../format.js';

export function NodesScreen() {
  const [includeStale, setIncludeStale] = useState(false);
  const nodes = useAsync(() => api.nodes(includeStale), [includeStale], 5000);
  return (
    <section>
      <PageHeader title="Nodes">
        <label>
          <input
            type="checkbox"
            checked={includeStale}
            onChange={(e) => setIncludeStale(e.currentTarget.checked)}
          />{' '}
          Include stale nodes
        </label>
      </PageHeader>
      <ErrorNote error={nodes.error} />
      <Loading when={nodes.loading && nodes.data === undefined} />
      {nodes.data !== undefined && nodes.data.items.length === 0 ? (
        <p class="muted">No live runtime node has a heartbeat in this store.</p>
      ) : null}
      <div class="table-wrap">
        <table>
          <caption class="sr-only">Runtime nodes</caption>
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Host / pid</th>
              <th scope="col">duroxide</th>
              <th scope="col">Started</th>
              <th scope="col">Last seen</th>
              <th scope="col">Orchestrations</th>
              <th scope="col">Activities</th>
            </tr>
          </thead>
          <tbody>
            {(nodes.data?.items ?? []).map((n) => (
              <tr key={n.nodeId}>
                <td>
                  <code>{n.nodeId}</code>{' '}
                  {n.isLive ? (
                    <span class="status status-Completed">live</span>
                  ) : (
                    <span class="status status-Failed">stale</span>
                  )}
                </td>
                <td>
                  {n.host} / {n.pid}
                </td>
                <td>
                  {n.duroxideVersion} (history format {n.historyFormat})
                </td>
                <td title={formatTime(n.startedAt)}>{formatAgo(n.startedAt)}</td>
                <td title={formatTime(n.lastSeenAt)}>{formatAgo(n.lastSeenAt)}</td>
                <td>
                  <ul class="plain">
                    {n.orchestrations.map((o) => (
                      <li key={o.name}>
                        {o.name}: {o.versions.join(', ')}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>{n.activities.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
