/**
 * The dashboard's typed client of the management API (docs/management-api.md). Sends the API
 * key kept in this browser tab, turns problem+json answers into {@link ApiError}s.
 */
import type * as T from './types.js';

const PREFIX = '/api/v1';
const KEY_STORAGE = 'duroxide.apiKey';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function apiKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}
export function setApiKey(key: string | null): void {
  if (key === null) sessionStorage.removeItem(KEY_STORAGE);
  else sessionStorage.setItem(KEY_STORAGE, key);
}

export function authHeaders(): Record<string, string> {
  const key = apiKey();
  return key === null ? {} : { authorization: `Bearer ${key}` };
}

type Query = Record<string, string | number | boolean | undefined>;

function queryString(query: Query | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
}

async function request<R>(method: string, path: string, query?: Query, body?: unknown): Promise<R> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${PREFIX}${path}${queryString(query)}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  const json: unknown = text === '' ? undefined : JSON.parse(text);
  if (!response.ok) {
    const p = json as Partial<T.Problem> | undefined;
    throw new ApiError(
      response.status,
      p?.code ?? 'HTTP_ERROR',
      p?.detail ?? `HTTP ${response.status}`,
    );
  }
  return json as R;
}

const enc = encodeURIComponent;
const inst = (id: string): string => `/instances/${enc(id)}`;

export const api = {
  settings: () => request<T.Settings>('GET', '/settings'),
  metrics: () => request<T.SystemMetrics>('GET', '/metrics'),
  queues: () => request<T.Queues>('GET', '/queues'),
  poisoned: (cursor?: string) =>
    request<T.PoisonedItemPage>('GET', '/poisoned', { limit: 50, cursor }),
  prunePoisoned: (poisonedBefore: number) =>
    request<T.PrunePoisonedResult>('DELETE', '/poisoned', { poisonedBefore }),
  instances: (q: T.InstanceListQuery) => request<T.InstancePage>('GET', '/instances', q),
  facets: (q: T.InstanceFacetQuery) => request<T.InstanceFacets>('GET', '/instance-facets', q),
  instance: (id: string) => request<T.InstanceDetail>('GET', inst(id)),
  history: (id: string, executionId: number, cursor?: string) =>
    request<T.HistoryPage>('GET', `${inst(id)}/history`, { executionId, limit: 1000, cursor }),
  timeline: (id: string, executionId: number) =>
    request<T.Timeline>('GET', `${inst(id)}/timeline`, { executionId }),
  tree: (id: string) => request<T.InstanceTree>('GET', `${inst(id)}/tree`),
  kv: (id: string) => request<T.InstanceKv>('GET', `${inst(id)}/kv`),
  exportUrl: (id: string) => `${PREFIX}${inst(id)}/export`,
  raise: (id: string, b: T.RaiseEventRequest) =>
    request<unknown>('POST', `${inst(id)}/events`, undefined, b),
  enqueue: (id: string, b: T.EnqueueRequest) =>
    request<unknown>('POST', `${inst(id)}/queue`, undefined, b),
  cancel: (id: string, b: T.CancelRequest) =>
    request<unknown>('POST', `${inst(id)}/cancel`, undefined, b),
  resume: (id: string, b: T.ResumeRequest) =>
    request<T.ResumeResult>('POST', `${inst(id)}/resume`, undefined, b),
  restart: (id: string, b: T.RestartRequest) =>
    request<T.RestartResult>('POST', `${inst(id)}/restart`, undefined, b),
  prune: (id: string, b: T.PruneRequest) =>
    request<T.PruneResult>('POST', `${inst(id)}/prune`, undefined, b),
  remove: (id: string, force: boolean) =>
    request<T.DeleteResult>('DELETE', inst(id), force ? { force: 'true' } : undefined),
  changeVersion: (id: string, b: T.InstanceVersionRequest) =>
    request<unknown>('POST', `${inst(id)}/version`, undefined, b),
  bulk: (b: T.BulkRequest) => request<T.BulkResult>('POST', '/bulk', undefined, b),
  startBulkJob: (b: T.BulkRequest) => request<T.BulkJob>('POST', '/bulk/jobs', undefined, b),
  bulkJobs: (cursor?: string) => request<T.BulkJobPage>('GET', '/bulk/jobs', { limit: 50, cursor }),
  bulkJob: (jobId: string) => request<T.BulkJob>('GET', `/bulk/jobs/${enc(jobId)}`),
  cancelBulkJob: (jobId: string) => request<T.BulkJob>('POST', `/bulk/jobs/${enc(jobId)}/cancel`),
  keys: () => request<{ items: T.ApiKeyInfo[] }>('GET', '/keys'),
  createKey: (b: { name: string; role: T.ApiKeyInfo['role']; expiresAt?: number }) =>
    request<{ key: string; item: T.ApiKeyInfo }>('POST', '/keys', undefined, b),
  revokeKey: (name: string) => request<{ item: T.ApiKeyInfo }>('DELETE', `/keys/${enc(name)}`),
  catalog: () => request<T.Catalog>('GET', '/orchestrations'),
  upgrades: () => request<T.Catalog>('GET', '/upgrades'),
  versionInstances: (name: string, version: string, cursor?: string) =>
    request<T.UpgradeInstancePage>(
      'GET',
      `/orchestrations/${enc(name)}/versions/${enc(version)}/instances`,
      { limit: 20, cursor },
    ),
  setPolicy: (name: string, b: T.SetPolicyRequest) =>
    request<{ item: T.VersionPolicyInfo }>(
      'PUT',
      `/orchestrations/${enc(name)}/policy`,
      undefined,
      b,
    ),
  clearPolicy: (name: string) => request<unknown>('DELETE', `/orchestrations/${enc(name)}/policy`),
  nodes: (includeStale: boolean) =>
    request<T.NodeList>('GET', '/nodes', includeStale ? { includeStale: 'true' } : undefined),
  activities: () => request<T.ActivityList>('GET', '/activities'),
  audit: (q: T.AuditQuery) => request<T.AuditPage>('GET', '/audit', q),
};
