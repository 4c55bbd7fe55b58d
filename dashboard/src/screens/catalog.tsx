/** Orchestrations catalog: versions, their distribution, live nodes per version, the policy (admin sets it). */
import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { OrchestrationSummary, VersionPolicy, VersionRow } from '../api/types.js';
import { ErrorNote, Loading, PageHeader } from '../components/common.js';
import { ConfirmDialog } from '../components/confirm.js';
import { useAsync } from '../components/use-async.js';
import { compareVersions, formatTime } from '../format.js';
import { usePermissions } from '../settings.js';
import { describePolicy } from '../versions.js';

const PALETTE = ['#0b57d0', '#00796b', '#8e24aa', '#e37400', '#5f6368', '#c2185b'];

function total(v: VersionRow): number {
  return Object.values(v.counts).reduce((a, b) => a + b, 0);
}

export function VersionBar({ versions }: { versions: readonly VersionRow[] }) {
  const all = versions.reduce((a, v) => a + total(v), 0);
  const sorted = [...versions].sort((a, b) => compareVersions(a.version, b.version));
  const text = sorted.map((v) => `${v.version}: ${total(v)}`).join(', ');
  return (
    <div>
      <div class="dist" role="img" aria-label={`Instances by version: ${text}`}>
        {sorted.map((v, i) => (
          <span
            key={v.version}
            title={`${v.version}: ${total(v)}`}
            style={{
              width: `${all === 0 ? 0 : (total(v) / all) * 100}%`,
              background: PALETTE[i % PALETTE.length],
            }}
          />
        ))}
      </div>
      <div class="legend">
        {sorted.map((v, i) => (
          <span key={v.version} style={`--c:${PALETTE[i % PALETTE.length]}`}>
            {v.version} ({total(v)})
          </span>
        ))}
      </div>
    </div>
  );
}

function PolicyEditor({ summary, onDone }: { summary: OrchestrationSummary; onDone: () => void }) {
  const versions = summary.versions.map((v) => v.version).sort(compareVersions);
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<VersionPolicy['kind']>('latest');
  const [version, setVersion] = useState(versions.at(-1) ?? '');
  const [from, setFrom] = useState(versions[0] ?? '');
  const [percent, setPercent] = useState('10');
  const [reason, setReason] = useState('');
  const policy = (): VersionPolicy =>
    kind === 'latest'
      ? { kind }
      : kind === 'pinned'
        ? { kind, version }
        : { kind, from, to: version, percent: Number(percent) };
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Set policy…
      </button>
      {summary.policy !== null ? (
        <button
          type="button"
          onClick={() => void api.clearPolicy(summary.orchestrationName).then(onDone)}
        >
          Clear policy
        </button>
      ) : null}
      {open ? (
        <ConfirmDialog
          title={`Version policy of ${summary.orchestrationName}`}
          confirmLabel="Set policy"
          onConfirm={async () => {
            await api.setPolicy(summary.orchestrationName, {
              policy: policy(),
              ...(reason !== '' ? { reason } : {}),
            });
            return 'Policy set. Running instances move at their next continue-as-new.';
          }}
          onClose={(changed) => {
            setOpen(false);
            if (changed) onDone();
          }}
        >
          <label for="policy-kind">Policy</label>
          <select
            id="policy-kind"
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as VersionPolicy['kind'])}
          >
            <option value="latest">latest (newest version every live node has)</option>
            <option value="pinned">pinned to one version</option>
            <option value="ramp">ramp (canary by percentage)</option>
          </select>
          {kind === 'ramp' ? (
            <>
              <label for="policy-from">From</label>
              <select
                id="policy-from"
                value={from}
                onChange={(e) => setFrom(e.currentTarget.value)}
              >
                {versions.map((v) => (
                  <option key={v}>{v}</option>
                ))}
              </select>
              <label for="policy-percent">Percent on the new version</label>
              <input
                id="policy-percent"
                type="number"
                min="0"
                max="100"
                value={percent}
                onInput={(e) => setPercent(e.currentTarget.value)}
              />
            </>
          ) : null}
          {kind !== 'latest' ? (
            <>
              <label for="policy-version">{kind === 'ramp' ? 'To' : 'Version'}</label>
              <input
                id="policy-version"
                list="policy-versions"
                value={version}
                onInput={(e) => setVersion(e.currentTarget.value)}
              />
              <datalist id="policy-versions">
                {versions.map((v) => (
                  <option key={v} value={v} />
                ))}
              </datalist>
            </>
          ) : null}
          <label for="policy-reason">Reason (recorded in the audit log)</label>
          <input
            id="policy-reason"
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </ConfirmDialog>
      ) : null}
    </>
  );
}

export function CatalogScreen() {
  const perms = usePermissions();
  const catalog = useAsync(() => api.catalog(), [], 10_000);
  return (
    <section>
      <PageHeader title="Orchestrations" />
      <ErrorNote error={catalog.error} />
      <Loading when={catalog.loading && catalog.data === undefined} />
      {(catalog.data?.items ?? []).map((o) => (
        <article class="orch" key={o.orchestrationName} data-orchestration={o.orchestrationName}>
          <div class="page-header">
            <h2>
              <a href={`/instances?name=${encodeURIComponent(o.orchestrationName)}`}>
                {o.orchestrationName}
              </a>
            </h2>
            <div class="page-actions">
              <span>
                Policy: <strong data-testid="policy">{describePolicy(o)}</strong>
                {o.policy !== null ? (
                  <span class="muted">
                    {' '}
                    (rev {o.policy.revision}, {formatTime(o.policy.updatedAt)}
                    {o.policy.updatedBy !== undefined ? ` by ${o.policy.updatedBy}` : ''})
                  </span>
                ) : null}
              </span>
              {perms.canAdmin ? <PolicyEditor summary={o} onDone={catalog.reload} /> : null}
            </div>
          </div>
          <VersionBar versions={o.versions} />
          <div class="table-wrap">
            <table>
              <caption class="sr-only">Versions of {o.orchestrationName}</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Running</th>
                  <th scope="col">Completed</th>
                  <th scope="col">Failed</th>
                  <th scope="col">Live nodes registering it</th>
                  <th scope="col">Notes</th>
                </tr>
              </thead>
              <tbody>
                {[...o.versions]
                  .sort((a, b) => compareVersions(b.version, a.version))
                  .map((v) => (
                    <tr key={v.version}>
                      <td>
                        <a
                          href={`/instances?name=${encodeURIComponent(o.orchestrationName)}&version=${encodeURIComponent(v.version)}`}
                        >
                          {v.version}
                        </a>
                      </td>
                      <td>{v.nonTerminal}</td>
                      <td>{v.counts['Completed'] ?? 0}</td>
                      <td>{v.counts['Failed'] ?? 0}</td>
                      <td>
                        {v.liveNodes.length === 0 ? (
                          <span class="muted">none</span>
                        ) : (
                          v.liveNodes.join(', ')
                        )}
                      </td>
                      <td>
                        {v.namedByPolicy ? 'named by policy. ' : ''}
                        {v.isStuck ? (
                          <strong class="error">stuck: no live node runs it. </strong>
                        ) : (
                          ''
                        )}
                        {v.isSafeToDeleteCode ? 'safe to delete its code.' : ''}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </article>
      ))}
      {catalog.data?.items.length === 0 ? <p class="muted">No orchestrations yet.</p> : null}
    </section>
  );
}
