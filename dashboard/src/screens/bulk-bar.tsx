/** Bulk actions on the selected instances or on every instance matching the filters, with a dry-run count. */
import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { BulkFilter, BulkRequest, BulkResult, InstanceFacetQuery } from '../api/types.js';
import { ConfirmDialog, parseJsonInput } from '../components/confirm.js';
import { navigate } from '../router.js';

const ACTIONS: readonly BulkRequest['action'][] = ['cancel', 'delete', 'prune', 'raise', 'restart'];

function bulkFilter(f: Omit<InstanceFacetQuery, 'groupBy'>): BulkFilter {
  const out: BulkFilter = {};
  if (f.status !== undefined) out.status = f.status;
  if (f.name !== undefined) out.name = f.name;
  if (f.version !== undefined) out.version = f.version;
  if (f.idPrefix !== undefined) out.idPrefix = f.idPrefix;
  if (f.createdFrom !== undefined) out.createdFrom = Number(f.createdFrom);
  return out;
}

export function BulkBar({
  filter,
  selected,
  onDone,
}: {
  filter: Omit<InstanceFacetQuery, 'groupBy'>;
  selected: readonly string[];
  onDone: () => void;
}) {
  const [action, setAction] = useState<BulkRequest['action']>('cancel');
  const [scope, setScope] = useState<'selected' | 'filter'>('selected');
  const [reason, setReason] = useState('');
  const [eventName, setEventName] = useState('');
  const [data, setData] = useState('');
  const [version, setVersion] = useState('');
  const [preview, setPreview] = useState<BulkResult | string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [isJob, setJob] = useState(false);
  const [jobId, setJobId] = useState<string | undefined>();
  const effectiveScope = selected.length === 0 ? 'filter' : scope;

  const body = (dryRun: boolean): BulkRequest => {
    const b: BulkRequest = { action, dryRun };
    if (!isJob || dryRun) b.limit = 1000;
    if (effectiveScope === 'selected') b.instanceIds = [...selected];
    else b.filter = bulkFilter(filter);
    if (reason !== '') b.reason = reason;
    if (action === 'delete') b.force = true;
    if (action === 'raise') {
      b.eventName = eventName;
      const d = parseJsonInput(data, 'Event data');
      if (d !== undefined) b.data = d;
    }
    if (action === 'restart' && version !== '') b.version = version;
    return b;
  };
  const runPreview = async (): Promise<void> => {
    try {
      setPreview(await api.bulk(body(true)));
    } catch (e) {
      setPreview(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div class="bulk-bar" role="region" aria-label="Bulk actions">
      <label for="bulk-action">Bulk action</label>
      <select
        id="bulk-action"
        value={action}
        onChange={(e) => {
          setAction(e.currentTarget.value as BulkRequest['action']);
          setPreview(undefined);
        }}
      >
        {ACTIONS.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
      <label for="bulk-scope">on</label>
      <select
        id="bulk-scope"
        value={effectiveScope}
        onChange={(e) => {
          setScope(e.currentTarget.value as 'selected' | 'filter');
          setPreview(undefined);
        }}
      >
        <option value="selected" disabled={selected.length === 0}>
          the {selected.length} selected
        </option>
        <option value="filter">every instance matching the filters</option>
      </select>
      {action === 'raise' ? (
        <>
          <label for="bulk-event">Event name</label>
          <input
            id="bulk-event"
            value={eventName}
            onInput={(e) => setEventName(e.currentTarget.value)}
          />
          <label for="bulk-data">Data (JSON)</label>
          <input id="bulk-data" value={data} onInput={(e) => setData(e.currentTarget.value)} />
        </>
      ) : null}
      {action === 'restart' ? (
        <>
          <label for="bulk-version">Version (optional)</label>
          <input
            id="bulk-version"
            value={version}
            onInput={(e) => setVersion(e.currentTarget.value)}
          />
        </>
      ) : null}
      <button type="button" onClick={() => void runPreview()}>
        Preview
      </button>
      <button type="button" class="danger" onClick={() => setConfirming(true)}>
        Apply…
      </button>
      {preview !== undefined ? (
        <p class="bulk-preview" role="status" data-testid="bulk-preview">
          {typeof preview === 'string'
            ? preview
            : `${preview.matched} instance(s) match${preview.matched >= 1000 ? ' (at most 1,000 per call)' : ''}.`}
        </p>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={`Bulk ${action}`}
          confirmLabel={`Run ${action}`}
          isDanger
          onConfirm={async () => {
            if (isJob) {
              const job = await api.startBulkJob(body(false));
              setJobId(job.jobId);
              return `Bulk job ${job.jobId} started: ${job.matched} instance(s) matched so far.`;
            }
            const r = await api.bulk(body(false));
            return `${r.succeeded} of ${r.matched} succeeded${r.failed.length > 0 ? `; ${r.failed.length} failed (first: ${r.failed[0]?.instanceId}: ${r.failed[0]?.detail})` : ''}.`;
          }}
          onClose={(changed) => {
            setConfirming(false);
            setPreview(undefined);
            if (jobId !== undefined) navigate(`/bulk?job=${encodeURIComponent(jobId)}`);
            else if (changed) onDone();
          }}
        >
          <p>
            This runs <strong>{action}</strong> on{' '}
            {effectiveScope === 'selected'
              ? `${selected.length} selected instance(s)`
              : `every instance matching the current filters${isJob ? '' : ' (up to 1,000)'}`}
            {action === 'delete' ? ', including running ones' : ''}. It is recorded in the audit
            log.
          </p>
          <label>
            <input
              type="checkbox"
              checked={isJob}
              onChange={(e) => setJob(e.currentTarget.checked)}
            />{' '}
            As a background job (durable, with progress; no 1,000 limit)
          </label>
          <label for="bulk-reason">Reason (optional)</label>
          <input
            id="bulk-reason"
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
