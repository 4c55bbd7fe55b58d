/** API keys kept in the store (admin): list, create (the secret is shown once), revoke. */
import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { ApiKeyInfo } from '../api/types.js';
import { ErrorNote, Loading, PageHeader } from '../components/common.js';
import { ConfirmDialog } from '../components/confirm.js';
import { useAsync } from '../components/use-async.js';
import { formatTime } from '../format.js';
import { usePermissions } from '../settings.js';

const DAY = 86_400_000;

export function ApiKeysScreen() {
  const perms = usePermissions();
  const keys = useAsync(
    () => (perms.canAdmin ? api.keys() : Promise.resolve({ items: [] })),
    [perms.canAdmin],
  );
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiKeyInfo['role']>('viewer');
  const [days, setDays] = useState('');
  const [secret, setSecret] = useState<string | undefined>();
  const [revoking, setRevoking] = useState<string | undefined>();
  if (!perms.canAdmin) {
    return (
      <section>
        <PageHeader title="API keys" />
        <p>Only admins manage API keys.</p>
      </section>
    );
  }
  return (
    <section>
      <PageHeader title="API keys">
        <button
          type="button"
          class="primary"
          onClick={() => {
            setName('');
            setDays('');
            setSecret(undefined);
            setCreating(true);
          }}
        >
          Create key…
        </button>
      </PageHeader>
      <ErrorNote error={keys.error} />
      <Loading when={keys.loading && keys.data === undefined} />
      <div class="table-wrap">
        <table>
          <caption class="sr-only">API keys</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Prefix</th>
              <th scope="col">State</th>
              <th scope="col">Source</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {(keys.data?.items ?? []).map((k) => (
              <tr key={k.name} data-key={k.name}>
                <td>{k.name}</td>
                <td>{k.role}</td>
                <td>
                  <code>{k.prefix}</code>
                </td>
                <td>{k.state}</td>
                <td>{k.source === 'store' ? 'store' : 'configuration'}</td>
                <td>
                  {formatTime(k.createdAt)}
                  {k.createdBy !== null ? ` by ${k.createdBy}` : ''}
                </td>
                <td>{k.expiresAt === null ? 'never' : formatTime(k.expiresAt)}</td>
                <td>
                  {k.source === 'store' && k.state === 'active' ? (
                    <button type="button" class="danger" onClick={() => setRevoking(k.name)}>
                      Revoke…
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {creating ? (
        <ConfirmDialog
          title="Create an API key"
          confirmLabel="Create"
          onConfirm={async () => {
            const created = await api.createKey({
              name,
              role,
              ...(days !== '' ? { expiresAt: Date.now() + Number(days) * DAY } : {}),
            });
            setSecret(created.key);
            return 'Key created. Copy it now: it is not shown again.';
          }}
          onClose={(changed) => {
            setCreating(false);
            setSecret(undefined);
            if (changed) keys.reload();
          }}
        >
          <label for="key-name">Name (shown as the actor in the audit log)</label>
          <input
            id="key-name"
            required
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <label for="key-role">Role</label>
          <select
            id="key-role"
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as ApiKeyInfo['role'])}
          >
            <option value="viewer">viewer (reads)</option>
            <option value="operator">operator (also acts on instances)</option>
            <option value="admin">admin (also policies and keys)</option>
          </select>
          <label for="key-days">Expires after days (optional)</label>
          <input
            id="key-days"
            type="number"
            min="1"
            value={days}
            onInput={(e) => setDays(e.currentTarget.value)}
          />
          {secret !== undefined ? (
            <>
              <label for="key-secret">Secret key</label>
              <input
                id="key-secret"
                readOnly
                value={secret}
                onFocus={(e) => e.currentTarget.select()}
              />
            </>
          ) : null}
        </ConfirmDialog>
      ) : null}
      {revoking !== undefined ? (
        <ConfirmDialog
          title={`Revoke ${revoking}`}
          confirmLabel="Revoke"
          isDanger
          onConfirm={async () => {
            await api.revokeKey(revoking);
            return `${revoking} is revoked; servers refuse it within seconds.`;
          }}
          onClose={(changed) => {
            setRevoking(undefined);
            if (changed) keys.reload();
          }}
        >
          <p>Callers using this key are refused from now on. This cannot be undone.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
