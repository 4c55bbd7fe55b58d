/** Audit log: every mutation with actor, target, time and result, newest first. */
import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import type { AuditQuery } from '../api/types.js';
import { CursorPager, ErrorNote, JsonView, Loading, PageHeader } from '../components/common.js';
import { useAsync } from '../components/use-async.js';
import { formatTime } from '../format.js';

export function AuditScreen() {
  const [target, setTarget] = useState('');
  const [applied, setApplied] = useState('');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useAsync(() => {
    const q: AuditQuery = { limit: '50' };
    if (applied !== '') q.target = applied;
    if (cursor !== undefined) q.cursor = cursor;
    return api.audit(q);
  }, [applied, cursor]);
  return (
    <section>
      <PageHeader title="Audit log" />
      <form
        class="filter-row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setCursors([undefined]);
          setApplied(target.trim());
        }}
      >
        <label for="audit-target">Target</label>
        <input
          id="audit-target"
          value={target}
          placeholder="instance:order-1"
          onInput={(e) => setTarget(e.currentTarget.value)}
        />
        <button type="submit">Filter</button>
      </form>
      <ErrorNote error={page.error} />
      <Loading when={page.loading && page.data === undefined} />
      <div class="table-wrap">
        <table>
          <caption class="sr-only">Audit entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Reason</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {(page.data?.items ?? []).map((a) => (
              <tr key={a.auditId}>
                <td>{formatTime(a.at)}</td>
                <td>{a.actor ?? '—'}</td>
                <td>
                  <code>{a.action}</code>
                </td>
                <td>{a.target}</td>
                <td>{a.reason ?? ''}</td>
                <td>
                  {a.details !== undefined && a.details !== null ? (
                    <JsonView value={a.details} label="details" />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {page.data?.items.length === 0 ? <p class="muted">No audit entries.</p> : null}
      </div>
      <CursorPager cursors={cursors} setCursors={setCursors} nextCursor={page.data?.nextCursor} />
    </section>
  );
}
