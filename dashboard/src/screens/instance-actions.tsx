/** Instance actions, each behind a confirmation; shown only to operators (GET /settings). */
import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { InstanceInfo } from '../api/types.js';
import { ConfirmDialog, parseJsonInput } from '../components/confirm.js';
import { navigate } from '../router.js';
import { usePermissions } from '../settings.js';

type Action = 'raise' | 'enqueue' | 'cancel' | 'resume' | 'restart' | 'prune' | 'delete';

const LABELS: Record<Action, string> = {
  raise: 'Raise event',
  enqueue: 'Enqueue',
  cancel: 'Cancel',
  resume: 'Resume',
  restart: 'Restart',
  prune: 'Prune',
  delete: 'Delete',
};

export function InstanceActions({
  instance,
  input,
  versions,
  onChanged,
}: {
  instance: InstanceInfo;
  input: unknown;
  versions: readonly string[];
  onChanged: () => void;
}) {
  const perms = usePermissions();
  const [open, setOpen] = useState<Action | undefined>();
  const [name, setName] = useState('');
  const [data, setData] = useState('');
  const [reason, setReason] = useState('');
  const [version, setVersion] = useState('');
  const [keepLast, setKeepLast] = useState('1');
  const [force, setForce] = useState(false);
  if (!perms.canOperate) return null;
  const id = instance.instanceId;
  const isRunning = instance.status === 'Running';
  const enabled: Record<Action, boolean> = {
    raise: isRunning,
    enqueue: isRunning,
    cancel: isRunning,
    resume: instance.status === 'Failed',
    restart: !isRunning,
    prune: true,
    delete: true,
  };
  const start = (a: Action): void => {
    setName('');
    setData(a === 'restart' ? (input === undefined ? '' : JSON.stringify(input, null, 2)) : '');
    setReason('');
    setVersion('');
    setForce(false);
    setOpen(a);
  };
  const run = async (a: Action): Promise<string> => {
    const r = reason.trim() === '' ? {} : { reason: reason.trim() };
    switch (a) {
      case 'raise': {
        const d = parseJsonInput(data, 'Event data');
        await api.raise(id, { eventName: name, ...(d !== undefined ? { data: d } : {}) });
        return `Event ${name} raised.`;
      }
      case 'enqueue': {
        const d = parseJsonInput(data, 'Message data');
        await api.enqueue(id, { queueName: name, ...(d !== undefined ? { data: d } : {}) });
        return `Message enqueued on ${name}.`;
      }
      case 'cancel':
        await api.cancel(id, r);
        return 'Cancellation requested.';
      case 'resume': {
        const res = await api.resume(id, { ...r, ...(version !== '' ? { version } : {}) });
        return `Resume ${res.outcome}${res.version !== undefined ? ` on ${res.version}` : ''}.`;
      }
      case 'restart': {
        const d = parseJsonInput(data, 'Input');
        const res = await api.restart(id, {
          ...r,
          ...(version !== '' ? { version } : {}),
          ...(d !== undefined ? { input: d } : {}),
        });
        return `Restart ${res.outcome}${res.executionId !== undefined ? ` as execution #${res.executionId}` : ''}.`;
      }
      case 'prune': {
        const res = await api.prune(id, { keepLast: Number(keepLast) });
        return `${res.executionsDeleted} execution(s) pruned.`;
      }
      case 'delete': {
        const res = await api.remove(id, force);
        return `${res.instancesDeleted} instance(s) deleted.`;
      }
    }
  };
  return (
    <div class="actions" role="group" aria-label="Actions">
      {(Object.keys(LABELS) as Action[]).map((a) => (
        <button
          type="button"
          key={a}
          class={a === 'delete' || a === 'cancel' ? 'danger' : undefined}
          disabled={!enabled[a]}
          onClick={() => start(a)}
        >
          {LABELS[a]}…
        </button>
      ))}
      {open !== undefined ? (
        <ConfirmDialog
          title={`${LABELS[open]} ${id}`}
          confirmLabel={LABELS[open]}
          isDanger={open === 'delete' || open === 'cancel' || open === 'prune'}
          onConfirm={() => run(open)}
          onClose={(changed) => {
            const was = open;
            setOpen(undefined);
            if (changed && was === 'delete') navigate('/instances');
            else if (changed) onChanged();
          }}
        >
          {open === 'raise' || open === 'enqueue' ? (
            <>
              <label for="action-name">{open === 'raise' ? 'Event name' : 'Queue name'}</label>
              <input
                id="action-name"
                required
                value={name}
                onInput={(e) => setName(e.currentTarget.value)}
              />
              <label for="action-data">Data (JSON, optional)</label>
              <textarea
                id="action-data"
                value={data}
                onInput={(e) => setData(e.currentTarget.value)}
              />
            </>
          ) : null}
          {open === 'resume' || open === 'restart' ? (
            <>
              <label for="action-version">Version</label>
              <select
                id="action-version"
                value={version}
                onChange={(e) => setVersion(e.currentTarget.value)}
              >
                <option value="">
                  {open === 'resume' ? 'same as the failed execution' : 'by policy'}
                </option>
                {versions.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </>
          ) : null}
          {open === 'restart' ? (
            <>
              <label for="action-input">Input (JSON)</label>
              <textarea
                id="action-input"
                value={data}
                onInput={(e) => setData(e.currentTarget.value)}
              />
            </>
          ) : null}
          {open === 'prune' ? (
            <>
              <label for="action-keep">Keep the newest executions</label>
              <input
                id="action-keep"
                type="number"
                min="1"
                value={keepLast}
                onInput={(e) => setKeepLast(e.currentTarget.value)}
              />
            </>
          ) : null}
          {open === 'delete' ? (
            <>
              <p>Deletes {id}, its history and its sub-orchestrations. This cannot be undone.</p>
              <label>
                <input
                  type="checkbox"
                  checked={force}
                  onChange={(e) => setForce(e.currentTarget.checked)}
                />{' '}
                Also when it is still running
              </label>
            </>
          ) : null}
          {open === 'cancel' || open === 'resume' || open === 'restart' ? (
            <>
              <label for="action-reason">Reason (recorded in the audit log)</label>
              <input
                id="action-reason"
                value={reason}
                onInput={(e) => setReason(e.currentTarget.value)}
              />
            </>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
