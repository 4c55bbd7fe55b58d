/**
 * Upgrades: per orchestration, progress from old versions to the policy's version, the
 * instances still on old versions with their expected upgrade time, stuck instances with
 * actions, and the versions whose code is safe to delete.
 */
import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { OrchestrationSummary } from '../api/types.js';
import { ErrorNote, Loading, PageHeader } from '../components/common.js';
import { useAsync } from '../components/use-async.js';
import { compareVersions, formatAgo, formatTime } from '../format.js';
import { usePermissions } from '../settings.js';
import { describePolicy, isOlder, policyTarget } from '../versions.js';
import { VersionBar } from './catalog.js';

function OldVersionInstances({
  name,
  version,
  target,
  isStuck,
}: {
  name: string;
  version: string;
  target: string | undefined;
  isStuck: boolean;
}) {
  const perms = usePermissions();
  const [generation, setGeneration] = useState(0);
  const [message, setMessage] = useState<string | undefined>();
  const page = useAsync(
    () => api.versionInstances(name, version),
    [name, version, generation],
    5000,
  );
  const move = async (instanceId: string): Promise<void> => {
    if (target === undefined) return;
    if (!window.confirm(`Move ${instanceId} to ${name}@${target} at its next continue-as-new?`))
      return;
    try {
      await api.changeVersion(instanceId, {
        action: 'move',
        version: target,
        reason: 'upgrades view',
      });
      setMessage(`${instanceId} moves to ${target} at its next continue-as-new.`);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
    setGeneration((g) => g + 1);
  };
  return (
    <div>
      <h3>
        Still on {version}
        {isStuck ? <strong class="error"> — stuck: no live node registers {version}</strong> : null}
      </h3>
      <ErrorNote error={page.error} />
      {message !== undefined ? <p role="status">{message}</p> : null}
      <div class="table-wrap">
        <table>
          <caption class="sr-only">
            Running instances of {name}@{version}
          </caption>
          <thead>
            <tr>
              <th scope="col">Instance</th>
              <th scope="col">Execution</th>
              <th scope="col">Expected upgrade</th>
              <th scope="col">Waiting on</th>
              {perms.canOperate && target !== undefined ? <th scope="col">Action</th> : null}
            </tr>
          </thead>
          <tbody>
            {(page.data?.items ?? []).map((i) => (
              <tr key={i.instanceId}>
                <td>
                  <a href={`/instances/${encodeURIComponent(i.instanceId)}`}>{i.instanceId}</a>
                  {i.versionPin !== undefined ? (
                    <span class="muted"> pinned {i.versionPin}</span>
                  ) : null}
                  {i.nextVersion !== undefined ? (
                    <span class="muted"> → {i.nextVersion}</span>
                  ) : null}
                </td>
                <td>#{i.currentExecutionId}</td>
                <td title={formatTime(i.expectedUpgradeAt)}>
                  {i.expectedUpgradeAt === null
                    ? 'no pending timer'
                    : formatAgo(i.expectedUpgradeAt)}
                </td>
                <td>
                  {[
                    i.openActivities > 0 ? `${i.openActivities} activities` : '',
                    ...i.awaitedEvents.map((e) => `event ${e}`),
                  ]
                    .filter((s) => s !== '')
                    .join(', ') || '—'}
                </td>
                {perms.canOperate && target !== undefined ? (
                  <td>
                    <button type="button" onClick={() => void move(i.instanceId)}>
                      Move to {target}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.data?.nextCursor != null ? <p class="muted">More instances not shown.</p> : null}
    </div>
  );
}

function Upgrade({ o }: { o: OrchestrationSummary }) {
  const target = policyTarget(o);
  const running = o.versions.reduce((a, v) => a + v.nonTerminal, 0);
  const onTarget = o.versions.find((v) => v.version === target)?.nonTerminal ?? 0;
  const pct = running === 0 ? 100 : Math.round((onTarget / running) * 100);
  const old = o.versions
    .filter((v) => v.nonTerminal > 0 && (isOlder(v.version, target) || v.isStuck))
    .sort((a, b) => compareVersions(a.version, b.version));
  return (
    <article class="orch" id={o.orchestrationName} data-upgrade={o.orchestrationName}>
      <h2>{o.orchestrationName}</h2>
      <p>
        Policy: <strong>{describePolicy(o)}</strong>; target version{' '}
        <span class="badge">{target ?? '?'}</span>
      </p>
      <p data-testid="upgrade-progress">
        {onTarget} of {running} running instance(s) on {target ?? '?'} ({pct} %)
      </p>
      <div
        class="progress"
        role="progressbar"
        aria-label={`${o.orchestrationName} upgrade progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <span style={{ width: `${pct}%` }} />
      </div>
      <VersionBar versions={o.versions.filter((v) => v.nonTerminal > 0)} />
      {old.map((v) => (
        <OldVersionInstances
          key={v.version}
          name={o.orchestrationName}
          version={v.version}
          target={target}
          isStuck={v.isStuck}
        />
      ))}
    </article>
  );
}

export function UpgradesScreen() {
  const upgrades = useAsync(() => api.upgrades(), [], 5000);
  const catalog = useAsync(() => api.catalog(), [], 10_000);
  const safe = (catalog.data?.items ?? []).flatMap((o) =>
    o.versions
      .filter((v) => v.isSafeToDeleteCode)
      .map((v) => ({ name: o.orchestrationName, version: v.version })),
  );
  return (
    <section>
      <PageHeader title="Upgrades" />
      <ErrorNote error={upgrades.error ?? catalog.error} />
      <Loading when={upgrades.loading && upgrades.data === undefined} />
      {upgrades.data?.items.length === 0 ? (
        <p class="muted" data-testid="no-upgrades">
          No upgrade in progress: every orchestration's running instances are on one version, and
          none is stuck.
        </p>
      ) : null}
      {(upgrades.data?.items ?? []).map((o) => (
        <Upgrade key={o.orchestrationName} o={o} />
      ))}
      <h2>Safe to delete code</h2>
      <p class="muted">
        No running instance uses these versions and no policy names them (completed histories are
        kept; only resuming them would need the code).
      </p>
      {safe.length === 0 ? <p class="muted">None.</p> : null}
      <ul data-testid="safe-to-delete">
        {safe.map((s) => (
          <li key={`${s.name}@${s.version}`}>
            <span class="badge">
              {s.name}@{s.version}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
