/** Bulk operations: durable bulk jobs with their progress, failures and cancel (operators). */
import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { BulkJob } from '../api/types.js';
import { CursorPager, ErrorNote, JsonView, Loading, PageHeader } from '../components/common.js';
import { useAsync } from '../components/use-async.js';
import { formatAgo, formatTime } from '../format.js';
import { useLocation } from '../router.js';
import { usePermissions } from '../settings.js';

function Progress({ job }: { job: BulkJob }) {
  const pct =
    job.matched === 0
      ? job.state === 'completed'
        ? 100
        : 0
      : Math.round((job.processed / job.matched) * 100);
  return (
    <div>
      <div
        class="progress"
        role="progressbar"
        aria-label={`job ${job.jobId} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <span style={{ width: `${pct}%` }} />
      </div>
      <span class="muted">
        {job.processed} of {job.matched} processed · {job.succeeded} succeeded · {job.failed} failed
      </span>
    </div>
  );
}

function JobDetail({ job, onChanged }: { job: BulkJob; onChanged: () => void }) {
  const perms = usePermissions();
  const [error, setError] = useState<string | undefined>();
  const isActive = job.state === 'queued' || job.state === 'running';
  return (
    <article class="orch" data-job={job.jobId}>
      <div class="page-header">
        <h2>
          {job.dryRun ? 'Dry run: ' : ''}
          {job.action} <code>{job.jobId}</code>
        </h2>
        <div class="page-actions">
          <span
            class={`status status-${job.state === 'failed' ? 'Failed' : job.state === 'completed' ? 'Completed' : 'Running'}`}
          >
            {job.state}
            {job.isCancelRequested && isActive ? ' (cancelling)' : ''}
          </span>
          {perms.canOperate && isActive && !job.isCancelRequested ? (
            <button
              type="button"
              class="danger"
              onClick={() => {
                if (
                  !window.confirm(
                    `Cancel bulk job ${job.jobId}? Instances already processed stay processed.`,
                  )
                )
                  return;
                api.cancelBulkJob(job.jobId).then(onChanged, (e: unknown) => setError(String(e)));
              }}
            >
              Cancel job
            </button>
          ) : null}
        </div>
      </div>
      {error !== undefined ? <p class="error">{error}</p> : null}
      <Progress job={job} />
      <p class="muted">
        Started {formatAgo(job.createdAt)} by {job.actor ?? 'unknown'}; updated{' '}
        {formatTime(job.updatedAt)}
        {job.runner !== null ? `; running on ${job.runner.owner}` : ''}
      </p>
      {job.error !== null ? <p class="error">{job.error}</p> : null}
      <details>
        <summary>Request</summary>
        <JsonView value={job.request} label="request" />
      </details>
      {job.failures.length > 0 ? (
        <details open>
          <summary>Failures ({job.failed})</summary>
          <ul>
            {job.failures.map((f) => (
              <li key={f.instanceId}>
                <a href={`/instances/${encodeURIComponent(f.instanceId)}`}>{f.instanceId}</a>:{' '}
                <code>{f.code}</code> {f.detail}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {job.sampleInstanceIds !== undefined && job.sampleInstanceIds.length > 0 ? (
        <details>
          <summary>Matches (first {job.sampleInstanceIds.length})</summary>
          <p>{job.sampleInstanceIds.join(', ')}</p>
        </details>
      ) : null}
    </article>
  );
}

export function BulkJobsScreen() {
  const loc = useLocation();
  const focus = loc.query.get('job');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const jobs = useAsync(() => api.bulkJobs(cursor), [cursor], 2000);
  const items = jobs.data?.items ?? [];
  const ordered =
    focus === null
      ? items
      : [...items.filter((j) => j.jobId === focus), ...items.filter((j) => j.jobId !== focus)];
  return (
    <section>
      <PageHeader title="Bulk operations" />
      <p class="muted">
        Durable bulk jobs: they survive a server restart and report progress. Start one from{' '}
        <a href="/instances">Instances</a> (Bulk action → as a background job).
      </p>
      <ErrorNote error={jobs.error} />
      <Loading when={jobs.loading && jobs.data === undefined} />
      {jobs.data !== undefined && items.length === 0 ? (
        <p class="muted">No bulk jobs yet.</p>
      ) : null}
      {ordered.map((j) => (
        <JobDetail key={j.jobId} job={j} onChanged={jobs.reload} />
      ))}
      <CursorPager cursors={cursors} setCursors={setCursors} nextCursor={jobs.data?.nextCursor} />
    </section>
  );
}
