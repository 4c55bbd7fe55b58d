/**
 * The duroxide dashboard (docs/dashboard.md): a client of the management API, served by
 * createManagementServer at `/`.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, apiKey, setApiKey } from './api/client.js';
import type { Settings } from './api/types.js';
import { onLinkClick, useLocation } from './router.js';
import { ApiKeysScreen } from './screens/api-keys.js';
import { AuditScreen } from './screens/audit.js';
import { BulkJobsScreen } from './screens/bulk-jobs.js';
import { CatalogScreen } from './screens/catalog.js';
import { InstanceDetailScreen } from './screens/instance-detail.js';
import { InstancesScreen } from './screens/instances.js';
import { NodesScreen } from './screens/nodes.js';
import { OverviewScreen } from './screens/overview.js';
import { QueuesScreen } from './screens/queues.js';
import { UpgradesScreen } from './screens/upgrades.js';
import { SettingsContext } from './settings.js';
import './styles.css';

const NAV = [
  ['/', 'Overview'],
  ['/instances', 'Instances'],
  ['/orchestrations', 'Orchestrations'],
  ['/upgrades', 'Upgrades'],
  ['/nodes', 'Nodes'],
  ['/queues', 'Queues'],
  ['/bulk', 'Bulk operations'],
  ['/audit', 'Audit log'],
  ['/keys', 'API keys'],
] as const;

function Screen({ path }: { path: string }) {
  if (path === '/' || path === '') return <OverviewScreen />;
  if (path === '/instances') return <InstancesScreen />;
  if (path.startsWith('/instances/')) {
    return (
      <InstanceDetailScreen instanceId={decodeURIComponent(path.slice('/instances/'.length))} />
    );
  }
  if (path === '/orchestrations') return <CatalogScreen />;
  if (path === '/upgrades') return <UpgradesScreen />;
  if (path === '/nodes') return <NodesScreen />;
  if (path === '/queues') return <QueuesScreen />;
  if (path === '/audit') return <AuditScreen />;
  if (path === '/bulk') return <BulkJobsScreen />;
  if (path === '/keys') return <ApiKeysScreen />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        No screen at {path}. <a href="/">Back to the overview</a>.
      </p>
    </section>
  );
}

function KeyPrompt({ message, onKey }: { message: string; onKey: (key: string) => void }) {
  const [key, setKey] = useState('');
  return (
    <main class="key-prompt">
      <h1>duroxide dashboard</h1>
      <p>{message}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onKey(key.trim());
        }}
      >
        <label for="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
        />
        <button type="submit" class="primary">
          Sign in
        </button>
      </form>
    </main>
  );
}

function App() {
  const loc = useLocation();
  const [settings, setSettings] = useState<Settings | undefined>();
  const [authError, setAuthError] = useState<string | undefined>();
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    api.settings().then(
      (s) => {
        setSettings(s);
        setAuthError(undefined);
      },
      (e: unknown) => {
        if (e instanceof ApiError && e.status === 401) {
          setAuthError(
            apiKey() === null ? 'This server needs an API key.' : 'That API key was refused.',
          );
        } else setAuthError(e instanceof Error ? e.message : String(e));
      },
    );
  }, [generation]);
  if (settings === undefined) {
    if (authError === undefined) return <p class="muted">Loading…</p>;
    return (
      <KeyPrompt
        message={authError}
        onKey={(key) => {
          setApiKey(key === '' ? null : key);
          setGeneration((g) => g + 1);
        }}
      />
    );
  }
  const section =
    NAV.filter(([href]) => href !== '/').find(([href]) => loc.path.startsWith(href))?.[0] ?? '/';
  return (
    <SettingsContext.Provider value={settings}>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <div class="layout" onClick={onLinkClick}>
        <nav class="sidebar" aria-label="Main">
          <a class="brand" href="/">
            duroxide
          </a>
          <ul>
            {NAV.filter(([href]) => href !== '/keys' || settings.role === 'admin').map(
              ([href, label]) => (
                <li key={href}>
                  <a href={href} aria-current={section === href ? 'page' : undefined}>
                    {label}
                  </a>
                </li>
              ),
            )}
          </ul>
          <p class="whoami">
            {settings.actor} · <span data-testid="role">{settings.role}</span>
            {settings.isReadOnly ? ' · read-only' : ''}
            {apiKey() !== null ? (
              <>
                {' · '}
                <button
                  type="button"
                  class="link"
                  onClick={() => {
                    setApiKey(null);
                    setSettings(undefined);
                    setGeneration((g) => g + 1);
                  }}
                >
                  Sign out
                </button>
              </>
            ) : null}
          </p>
        </nav>
        <main id="main" tabIndex={-1}>
          <Screen path={loc.path} />
        </main>
      </div>
    </SettingsContext.Provider>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
