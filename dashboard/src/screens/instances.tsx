/**
 * Instances: filter chips with counts, time range, id search — all in the URL — cursor paging,
 * live updates over SSE, and bulk actions on the selection or on every match (dry-run preview).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import { subscribe } from '../api/stream.js';
import type {
  InstanceFacetQuery,
  InstanceInfo,
  InstanceListQuery,
  InstanceStatus,
} from '../api/types.js';
import { CursorPager, ErrorNote, Loading, PageHeader, StatusBadge } from '../components/common.js';
import { useAsync } from '../components/use-async.js';
import { formatAgo, formatTime } from '../format.js';
import { navigate, useLocation } from '../router.js';
import { usePermissions } from '../settings.js';
import { BulkBar } from './bulk-bar.js';

const RANGES = [
  ['', 'Any time'],
  ['1h', 'Last hour'],
  ['24h', 'Last 24 h'],
  ['7d', 'Last 7 days'],
] as const;
const RANGE_MS: Record<string, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
};
const PAGE_SIZE = 25;

type Filter = Omit<InstanceFacetQuery, 'groupBy'>;

interface InstanceFilterState {
  readonly status: string;
  readonly name: string;
  readonly version: string;
  readonly q: string;
  readonly range: string;
}

/** The API filter for the URL's state (`createdFrom` from the time range, now). */
function toFilter(s: InstanceFilterState, now: number): Filter {
  const f: Filter = {};
  if (s.status !== '') f.status = s.status as InstanceStatus;
  if (s.name !== '') f.name = s.name;
  if (s.version !== '') f.version = s.version;
  if (s.q !== '') f.idPrefix = s.q;
  const range = RANGE_MS[s.range];
  if (range !== undefined) f.createdFrom = String(now - range);
  return f;
}

function matches(i: InstanceInfo, s: InstanceFilterState): boolean {
  return (
    (s.status === '' || i.status === s.status) &&
    (s.name === '' || i.orchestrationName === s.name) &&
    (s.q === '' || i.instanceId.startsWith(s.q))
  );
}

function Chips({
  label,
  param,
  selected,
  items,
  setParam,
}: {
  label: string;
  param: string;
  selected: string;
  items: readonly { key: string; count: number }[] | undefined;
  setParam: (param: string, value: string) => void;
}) {
  return (
    <fieldset class="chips">
      <legend>{label}</legend>
      <button
        type="button"
        class="chip"
        aria-pressed={selected === ''}
        onClick={() => setParam(param, '')}
      >
        All
      </button>
      {(items ?? []).map((item) => (
        <button
          type="button"
          key={item.key}
          class="chip"
          aria-pressed={selected === item.key}
          data-chip={`${param}:${item.key}`}
          onClick={() => setParam(param, selected === item.key ? '' : item.key)}
        >
          {item.key} <span class="count">{item.count}</span>
        </button>
      ))}
      {selected !== '' && !(items ?? []).some((i) => i.key === selected) ? (
        <button type="button" class="chip" aria-pressed="true" onClick={() => setParam(param, '')}>
          {selected} <span class="count">0</span>
        </button>
      ) : null}
    </fieldset>
  );
}

export function InstancesScreen() {
  const loc = useLocation();
  const perms = usePermissions();
  const state: InstanceFilterState = {
    status: loc.query.get('status') ?? '',
    name: loc.query.get('name') ?? '',
    version: loc.query.get('version') ?? '',
    q: loc.query.get('q') ?? '',
    range: loc.query.get('range') ?? '',
  };
  const key = JSON.stringify(state);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [search, setSearch] = useState(state.q);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [rows, setRows] = useState<InstanceInfo[] | undefined>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    setCursors([undefined]);
    setSelected(new Set());
    setSearch(state.q);
  }, [key]);
  const filter = useMemo(() => toFilter(state, Date.now()), [key, tick]);
  const cursor = cursors[cursors.length - 1];
  const page = useAsync(() => {
    const q: InstanceListQuery = { ...filter, limit: String(PAGE_SIZE) };
    if (cursor !== undefined) q.cursor = cursor;
    return api.instances(q);
  }, [filter, cursor]);
  useEffect(() => setRows(page.data?.items), [page.data]);
  const facets = useAsync(async () => {
    const without = (k: keyof Filter): Filter => {
      const f = { ...filter };
      delete f[k];
      return f;
    };
    const [status, name, version] = await Promise.all([
      api.facets({ ...without('status'), groupBy: 'status' }),
      api.facets({ ...without('name'), groupBy: 'name' }),
      api.facets({ ...without('version'), groupBy: 'version' }),
    ]);
    return { status: status.items, name: name.items, version: version.items };
  }, [filter]);

  // Live: rows on screen change in place; new matches on the first page reload it (debounced).
  const pending = useRef<number | undefined>(undefined);
  const onFirstPage = cursors.length === 1;
  useEffect(
    () =>
      subscribe((e) => {
        if (e.type !== 'instance') return;
        const info = e.data;
        setRows((current) => {
          if (current === undefined) return current;
          const i = current.findIndex((r) => r.instanceId === info.instanceId);
          if (i < 0) return current;
          const copy = [...current];
          copy[i] = info;
          return copy;
        });
        if (onFirstPage && matches(info, state) && pending.current === undefined) {
          pending.current = window.setTimeout(() => {
            pending.current = undefined;
            setTick((t) => t + 1);
          }, 1500);
        }
      }),
    [key, onFirstPage],
  );
  useEffect(() => () => window.clearTimeout(pending.current), []);

  const setParam = (param: string, value: string): void => {
    const q = new URLSearchParams(loc.query);
    if (value === '') q.delete(param);
    else q.set(param, value);
    const s = q.toString();
    navigate(`/instances${s === '' ? '' : `?${s}`}`, true);
  };
  const toggle = (id: string): void => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const visible = rows ?? [];
  const allSelected = visible.length > 0 && visible.every((r) => selected.has(r.instanceId));
  return (
    <section>
      <PageHeader title="Instances" />
      <div class="filters">
        <Chips
          label="Status"
          param="status"
          selected={state.status}
          items={facets.data?.status}
          setParam={setParam}
        />
        <Chips
          label="Orchestration"
          param="name"
          selected={state.name}
          items={facets.data?.name}
          setParam={setParam}
        />
        <Chips
          label="Version"
          param="version"
          selected={state.version}
          items={facets.data?.version}
          setParam={setParam}
        />
        <div class="filter-row">
          <form
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              setParam('q', search.trim());
            }}
          >
            <label for="id-search">Instance id starts with</label>
            <input
              id="id-search"
              type="search"
              value={search}
              onInput={(e) => setSearch(e.currentTarget.value)}
            />
            <button type="submit">Search</button>
          </form>
          <label for="range">Created</label>
          <select
            id="range"
            value={state.range}
            onChange={(e) => setParam('range', e.currentTarget.value)}
          >
            {RANGES.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
      </div>
      {perms.canOperate ? (
        <BulkBar filter={filter} selected={[...selected]} onDone={() => setTick((t) => t + 1)} />
      ) : null}
      <ErrorNote error={page.error ?? facets.error} />
      <Loading when={page.loading && rows === undefined} />
      <div class="table-wrap">
        <table class="instances">
          <caption class="sr-only">Instances matching the filters, newest first</caption>
          <thead>
            <tr>
              {perms.canOperate ? (
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select all on this page"
                    checked={allSelected}
                    onChange={() =>
                      setSelected(
                        allSelected ? new Set() : new Set(visible.map((r) => r.instanceId)),
                      )
                    }
                  />
                </th>
              ) : null}
              <th scope="col">Instance</th>
              <th scope="col">Orchestration</th>
              <th scope="col">Status</th>
              <th scope="col">Execution</th>
              <th scope="col">Created</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => (
              <tr key={r.instanceId} data-instance={r.instanceId}>
                {perms.canOperate ? (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select ${r.instanceId}`}
                      checked={selected.has(r.instanceId)}
                      onChange={() => toggle(r.instanceId)}
                    />
                  </td>
                ) : null}
                <td>
                  <a href={`/instances/${encodeURIComponent(r.instanceId)}`}>{r.instanceId}</a>
                </td>
                <td>
                  <span class="badge">
                    {r.orchestrationName}@{r.orchestrationVersion}
                  </span>
                  {r.nextVersion !== undefined ? (
                    <span class="muted"> → {r.nextVersion}</span>
                  ) : null}
                </td>
                <td>
                  <StatusBadge status={r.status} />
                </td>
                <td>#{r.currentExecutionId}</td>
                <td title={formatTime(r.createdAt)}>{formatAgo(r.createdAt)}</td>
                <td title={formatTime(r.updatedAt)}>{formatAgo(r.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows !== undefined && rows.length === 0 ? <p class="muted">No instances match.</p> : null}
      </div>
      <CursorPager cursors={cursors} setCursors={setCursors} nextCursor={page.data?.nextCursor} />
    </section>
  );
}
