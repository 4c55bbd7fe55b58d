/** Overview: counts by status with a 24 h trend, failure rate, queues, nodes; upgrade and stuck banners. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import { subscribe } from '../api/stream.js';
import type { InstanceStatus, Queues, SystemMetrics } from '../api/types.js';
import { Card, ErrorNote, Loading, PageHeader } from '../components/common.js';
import { TrendChart, type TrendSeries } from '../components/trend-chart.js';
import { useAsync } from '../components/use-async.js';
import { formatDuration, formatNumber } from '../format.js';

const HOUR = 3_600_000;
const STATUS_COLORS: Record<InstanceStatus, string> = {
  Running: '#1565c0',
  Completed: '#2e7d32',
  Failed: '#c62828',
  ContinuedAsNew: '#6a1b9a',
};

async function loadTrend(): Promise<{ times: number[]; series: TrendSeries[] }> {
  const end = Math.ceil(Date.now() / HOUR) * HOUR;
  const times = Array.from({ length: 24 }, (_, i) => end - (24 - i) * HOUR);
  const buckets = await Promise.all(
    times.map((from) =>
      api.facets({
        groupBy: 'status',
        createdFrom: String(from),
        createdTo: String(from + HOUR - 1),
      }),
    ),
  );
  const series = (Object.keys(STATUS_COLORS) as InstanceStatus[]).map((status) => ({
    label: status,
    color: STATUS_COLORS[status],
    values: buckets.map((b) => b.items.find((i) => i.key === status)?.count ?? 0),
  }));
  return { times, series };
}

export function OverviewScreen() {
  const [live, setLive] = useState<{ metrics: SystemMetrics; queues: Queues } | undefined>();
  const base = useAsync(
    async () => {
      const [metrics, queues, nodes, upgrades] = await Promise.all([
        api.metrics(),
        api.queues(),
        api.nodes(false),
        api.upgrades(),
      ]);
      return { metrics, queues, nodes, upgrades };
    },
    [],
    10_000,
  );
  const trend = useAsync(loadTrend, [], 60_000);
  useEffect(
    () =>
      subscribe((e) => {
        if (e.type === 'metrics') setLive(e.data);
      }),
    [],
  );
  const metrics = live?.metrics ?? base.data?.metrics;
  const queues = live?.queues ?? base.data?.queues;
  const upgrading = useMemo(
    () =>
      (base.data?.upgrades.items ?? []).filter(
        (o) => o.versions.filter((v) => v.nonTerminal > 0).length > 1,
      ),
    [base.data],
  );
  const stuck = useMemo(
    () =>
      (base.data?.upgrades.items ?? []).flatMap((o) =>
        o.versions
          .filter((v) => v.isStuck)
          .map((v) => ({ name: o.orchestrationName, version: v.version, count: v.nonTerminal })),
      ),
    [base.data],
  );
  const finished = (metrics?.completedInstances ?? 0) + (metrics?.failedInstances ?? 0);
  const failureRate = finished === 0 ? 0 : (metrics?.failedInstances ?? 0) / finished;
  return (
    <section>
      <PageHeader title="Overview" />
      <ErrorNote error={base.error} />
      {upgrading.map((o) => (
        <div class="banner info" role="status" key={o.orchestrationName}>
          Upgrade in progress: <strong>{o.orchestrationName}</strong> runs on{' '}
          {o.versions
            .filter((v) => v.nonTerminal > 0)
            .map((v) => `${v.version} (${v.nonTerminal})`)
            .join(', ')}
          . <a href={`/upgrades#${encodeURIComponent(o.orchestrationName)}`}>See upgrades</a>
        </div>
      ))}
      {stuck.map((s) => (
        <div class="banner warn" role="alert" key={`${s.name}@${s.version}`}>
          Stuck: {s.count} instance(s) of{' '}
          <strong>
            {s.name}@{s.version}
          </strong>{' '}
          — no live node registers this version.{' '}
          <a
            href={`/instances?name=${encodeURIComponent(s.name)}&version=${encodeURIComponent(s.version)}&status=Running`}
          >
            Show them
          </a>
        </div>
      ))}
      <Loading when={metrics === undefined && base.loading} />
      {metrics !== undefined && queues !== undefined ? (
        <div class="cards">
          <Card
            label="Instances"
            value={formatNumber(metrics.totalInstances)}
            hint={`${formatNumber(metrics.totalExecutions)} executions`}
          />
          <Card
            label="Running"
            value={<a href="/instances?status=Running">{formatNumber(metrics.runningInstances)}</a>}
          />
          <Card
            label="Completed"
            value={
              <a href="/instances?status=Completed">{formatNumber(metrics.completedInstances)}</a>
            }
          />
          <Card
            label="Failed"
            value={<a href="/instances?status=Failed">{formatNumber(metrics.failedInstances)}</a>}
          />
          <Card
            label="Failure rate"
            value={`${(failureRate * 100).toFixed(1)} %`}
            hint="of finished instances"
          />
          <Card
            label="Queue depth"
            value={
              <a href="/queues">
                {formatNumber(queues.orchestratorQueue + queues.workerQueue + queues.timerQueue)}
              </a>
            }
            hint={`${queues.orchestratorQueue} orchestrator · ${queues.workerQueue} worker · ${queues.timerQueue} timers`}
          />
          <Card
            label="Oldest queued item"
            value={formatDuration(
              Math.max(queues.orchestrator.oldestAgeMs ?? 0, queues.worker.oldestAgeMs ?? 0),
            )}
            hint="longest wait for a dispatcher"
          />
          <Card
            label="Live nodes"
            value={<a href="/nodes">{base.data?.nodes.items.length ?? 0}</a>}
          />
        </div>
      ) : null}
      <h2>Instances started, last 24 h</h2>
      <ErrorNote error={trend.error} />
      {trend.data !== undefined ? (
        <TrendChart
          times={trend.data.times}
          series={trend.data.series}
          title="Instances started per hour over the last 24 hours, by status"
        />
      ) : (
        <Loading when={trend.loading} />
      )}
    </section>
  );
}
