/**
 * Instance detail: summary with the name@version badge (marked when older than the policy's
 * version), input/output, custom status, waiting on; tabs for history, timeline, executions,
 * children and KV; actions.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import { subscribe } from '../api/stream.js';
import type { WaitingOn } from '../api/types.js';
import { ErrorNote, JsonView, Loading, PageHeader, StatusBadge } from '../components/common.js';
import { useAsync } from '../components/use-async.js';
import { formatAgo, formatTime } from '../format.js';
import { navigate, useLocation } from '../router.js';
import { isOlder, policyTarget } from '../versions.js';
import { InstanceActions } from './instance-actions.js';
import { ExecutionsChain, HistoryTab, TimelineTab } from './instance-history.js';

const TABS = ['overview', 'history', 'timeline', 'executions', 'children', 'kv'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS: Record<Tab, string> = {
  overview: 'Overview',
  history: 'History',
  timeline: 'Timeline',
  executions: 'Executions',
  children: 'Children',
  kv: 'Key-value',
};

function WaitingOnList({ w }: { w: WaitingOn }) {
  const items = [
    ...w.activities.map(
      (a) =>
        `activity ${a.name} (scheduled ${formatAgo(a.scheduledAt)}${a.attemptCount !== null && a.attemptCount > 0 ? `, attempt ${a.attemptCount}` : ''}${a.isLocked ? `, running${a.lockOwner !== null ? ` on ${a.lockOwner}` : ''}` : ''})`,
    ),
    ...w.timers.map((t) => `timer firing ${formatAgo(t.fireAt)} (${formatTime(t.fireAt)})`),
    ...w.events.map((e) => `event ${e.name}`),
    ...w.queues.map((q) => `queue ${q.name}`),
    ...w.children.map((c) => `child ${c.name} (${c.instanceId})`),
  ];
  if (items.length === 0) return <span class="muted">nothing</span>;
  return (
    <ul class="plain" data-testid="waiting-on">
      {items.map((i) => (
        <li key={i}>{i}</li>
      ))}
    </ul>
  );
}

export function InstanceDetailScreen({ instanceId }: { instanceId: string }) {
  const loc = useLocation();
  const tab = (TABS as readonly string[]).includes(loc.query.get('tab') ?? '')
    ? (loc.query.get('tab') as Tab)
    : 'overview';
  const [version, setVersion] = useState(0);
  const detail = useAsync(() => api.instance(instanceId), [instanceId, version]);
  const catalog = useAsync(() => api.catalog(), [version]);
  const input = useAsync(async () => {
    const d = detail.data;
    if (d === undefined) return undefined;
    const page = await api.history(instanceId, d.instance.currentExecutionId);
    return page.items[0]?.data?.['input'];
  }, [detail.data]);
  useEffect(
    () =>
      subscribe((e) => {
        if (e.type === 'instance' && e.data.instanceId === instanceId) setVersion((v) => v + 1);
      }),
    [instanceId],
  );
  if (detail.data === undefined) {
    return (
      <section>
        <PageHeader title={instanceId} />
        <ErrorNote error={detail.error} />
        <Loading when={detail.loading} />
      </section>
    );
  }
  const { instance, executions, waitingOn, stats } = detail.data;
  const summary = catalog.data?.items.find(
    (o) => o.orchestrationName === instance.orchestrationName,
  );
  const target = policyTarget(summary);
  const outdated = instance.status === 'Running' && isOlder(instance.orchestrationVersion, target);
  const setTab = (t: Tab): void =>
    navigate(
      `/instances/${encodeURIComponent(instanceId)}${t === 'overview' ? '' : `?tab=${t}`}`,
      true,
    );
  return (
    <section>
      <PageHeader title={instanceId}>
        <span
          class={`badge${outdated ? ' outdated' : ''}`}
          data-testid="version-badge"
          data-outdated={outdated ? 'true' : 'false'}
          title={outdated ? `older than the policy's version ${target ?? ''}` : 'current version'}
        >
          {instance.orchestrationName}@{instance.orchestrationVersion}
          {outdated ? ` (policy: ${target ?? ''})` : ''}
        </span>
        <StatusBadge status={instance.status} />
      </PageHeader>
      <InstanceActions
        instance={instance}
        input={input.data}
        versions={(summary?.versions ?? []).map((v) => v.version)}
        onChanged={() => setVersion((v) => v + 1)}
      />
      <dl class="summary">
        <div>
          <dt>Execution</dt>
          <dd>
            #{instance.currentExecutionId} of {detail.data.executionCount}
          </dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatTime(instance.createdAt)}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>{formatAgo(instance.updatedAt)}</dd>
        </div>
        {instance.parentInstanceId !== undefined ? (
          <div>
            <dt>Parent</dt>
            <dd>
              <a href={`/instances/${encodeURIComponent(instance.parentInstanceId)}`}>
                {instance.parentInstanceId}
              </a>
            </dd>
          </div>
        ) : null}
        {instance.versionPin !== undefined || instance.nextVersion !== undefined ? (
          <div>
            <dt>Version target</dt>
            <dd>
              {instance.versionPin !== undefined ? `pinned ${instance.versionPin}` : ''}
              {instance.nextVersion !== undefined ? ` next ${instance.nextVersion}` : ''}
            </dd>
          </div>
        ) : null}
        {stats !== null ? (
          <div>
            <dt>History</dt>
            <dd>
              {stats.historyEventCount} events, {Math.round(stats.historySizeBytes / 1024)} KiB
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Waiting on</dt>
          <dd>
            <WaitingOnList w={waitingOn} />
          </dd>
        </div>
      </dl>
      <div class="tabs" role="tablist" aria-label="Instance details">
        {TABS.map((t) => (
          <button
            type="button"
            role="tab"
            key={t}
            id={`tab-${t}`}
            aria-selected={tab === t}
            aria-controls="tab-panel"
            onClick={() => setTab(t)}
          >
            {TAB_LABELS[t]}
          </button>
        ))}
      </div>
      <div id="tab-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'overview' ? (
          <>
            <h2>Input</h2>
            <JsonView value={input.data} label="input" />
            <h2>{instance.status === 'Failed' ? 'Error' : 'Output'}</h2>
            <JsonView value={instance.output} label="output" />
            <h2>Custom status</h2>
            <JsonView value={instance.customStatus} label="custom status" />
            <h2>Executions</h2>
            <ExecutionsChain executions={executions} />
          </>
        ) : null}
        {tab === 'history' ? <HistoryTab instanceId={instanceId} executions={executions} /> : null}
        {tab === 'timeline' ? (
          <TimelineTab instanceId={instanceId} executions={executions} />
        ) : null}
        {tab === 'executions' ? (
          <>
            <ExecutionsChain executions={executions} />
            <div class="table-wrap">
              <table>
                <caption class="sr-only">Executions, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Execution</th>
                    <th scope="col">Version</th>
                    <th scope="col">Status</th>
                    <th scope="col">Started</th>
                    <th scope="col">Completed</th>
                    <th scope="col">Events</th>
                  </tr>
                </thead>
                <tbody>
                  {executions.map((x) => (
                    <tr key={x.executionId}>
                      <td>#{x.executionId}</td>
                      <td>{x.orchestrationVersion ?? '?'}</td>
                      <td>
                        <StatusBadge status={x.status} />
                      </td>
                      <td>{formatTime(x.startedAt)}</td>
                      <td>{formatTime(x.completedAt)}</td>
                      <td>{x.eventCount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
        {tab === 'children' ? <ChildrenTab instanceId={instanceId} /> : null}
        {tab === 'kv' ? <KvTab instanceId={instanceId} /> : null}
      </div>
    </section>
  );
}

function ChildrenTab({ instanceId }: { instanceId: string }) {
  const tree = useAsync(() => api.tree(instanceId), [instanceId]);
  const ids = (tree.data?.allIds ?? []).filter((id) => id !== instanceId);
  return (
    <div>
      <ErrorNote error={tree.error} />
      <Loading when={tree.loading && tree.data === undefined} />
      {tree.data !== undefined && ids.length === 0 ? (
        <p class="muted">No sub-orchestrations.</p>
      ) : null}
      <ul data-testid="children">
        {ids.map((id) => (
          <li key={id} style={{ marginLeft: `${(id.split('::sub::').length - 2) * 16}px` }}>
            <a href={`/instances/${encodeURIComponent(id)}`}>{id}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function KvTab({ instanceId }: { instanceId: string }) {
  const kv = useAsync(() => api.kv(instanceId), [instanceId]);
  return (
    <div>
      <ErrorNote error={kv.error} />
      <Loading when={kv.loading && kv.data === undefined} />
      {kv.data !== undefined ? (
        Object.keys(kv.data.values).length === 0 ? (
          <p class="muted">No key-value state.</p>
        ) : (
          <JsonView value={kv.data.values} label="key-value state" />
        )
      ) : null}
    </div>
  );
}
