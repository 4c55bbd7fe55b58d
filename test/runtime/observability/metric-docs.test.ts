/**
 * The metric names in docs/observability.md and in the Grafana dashboard are the ones the
 * runtime and the management server expose: a renamed metric fails here, not on a dashboard.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { Runtime, SqliteProvider } from '../../../src/index.js';

const read = (path: string): string =>
  readFileSync(fileURLToPath(new URL(`../../../../${path}`, import.meta.url)), 'utf8');

/** Served by the management server only (instances by status). */
const SERVER_ONLY = ['duroxide_instances'];

async function exposedNames(): Promise<Set<string>> {
  const provider = await SqliteProvider.inMemory();
  try {
    const runtime = new Runtime(provider, { logLevel: 'off' });
    const families = parsePrometheusTextFormat(await runtime.prometheusMetrics());
    return new Set([...families.map((f) => f.name), ...SERVER_ONLY]);
  } finally {
    await provider.close();
  }
}

test('docs/observability.md lists exactly the metrics the runtime and server expose', async () => {
  const exposed = await exposedNames();
  const doc = read('docs/observability.md');
  const documented = new Set([...doc.matchAll(/^\| `(duroxide_[a-z_]+)` \|/gm)].map((m) => m[1]!));
  assert.deepEqual([...documented].sort(), [...exposed].sort());
});

test('every metric the Grafana dashboard queries is exposed', async () => {
  const exposed = await exposedNames();
  const dashboard = read('docs/grafana/duroxide-dashboard.json');
  const used = new Set(
    [...dashboard.matchAll(/\b(duroxide_[a-z_]+)/g)]
      .map((m) => m[1]!.replace(/_bucket$/, ''))
      .filter((name) => name !== 'duroxide_ts'),
  );
  assert.ok(used.size >= 15);
  for (const name of used) assert.ok(exposed.has(name), `${name} is exposed`);
});
