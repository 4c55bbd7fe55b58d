/** Small shared pieces: status badge, error and loading notes, page header, JSON viewer. */
import type { ComponentChildren } from 'preact';
import type { InstanceStatus } from '../api/types.js';

export function StatusBadge({ status }: { status: InstanceStatus }) {
  return <span class={`status status-${status}`}>{status}</span>;
}

export function ErrorNote({ error }: { error: Error | undefined }) {
  if (error === undefined) return null;
  return (
    <p class="error" role="alert">
      {error.message}
    </p>
  );
}

export function Loading({ when }: { when: boolean }) {
  return when ? (
    <p class="muted" aria-live="polite">
      Loading…
    </p>
  ) : null;
}

export function PageHeader({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <header class="page-header">
      <h1>{title}</h1>
      {children !== undefined ? <div class="page-actions">{children}</div> : null}
    </header>
  );
}

export function Card({
  label,
  value,
  hint,
}: {
  label: string;
  value: ComponentChildren;
  hint?: string;
}) {
  return (
    <div class="card">
      <div class="card-label">{label}</div>
      <div class="card-value">{value}</div>
      {hint !== undefined ? <div class="card-hint">{hint}</div> : null}
    </div>
  );
}

/** Collapsible JSON: objects and arrays are <details> (keyboard-operable), leaves are coloured. */
export function JsonView({ value, label }: { value: unknown; label?: string }) {
  if (value === undefined) return <span class="muted">none</span>;
  return (
    <div class="json" aria-label={label}>
      <JsonNode value={value} depth={0} />
    </div>
  );
}

function JsonNode({ value, depth, name }: { value: unknown; depth: number; name?: string }) {
  const key = name !== undefined ? <span class="json-key">{JSON.stringify(name)}: </span> : null;
  if (value === null || typeof value !== 'object') {
    const cls = value === null ? 'json-null' : `json-${typeof value}`;
    return (
      <div class="json-line">
        {key}
        <span class={cls}>{JSON.stringify(value)}</span>
      </div>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value)
    ? (value as unknown[]).map((v, i) => [String(i), v])
    : Object.entries(value);
  const open = Array.isArray(value) ? '[' : '{';
  const close = Array.isArray(value) ? ']' : '}';
  if (entries.length === 0) {
    return (
      <div class="json-line">
        {key}
        {open}
        {close}
      </div>
    );
  }
  return (
    <details open={depth < 2} class="json-node">
      <summary>
        {key}
        {open}
        <span class="muted">
          {' '}
          {entries.length} {Array.isArray(value) ? 'items' : 'keys'}{' '}
        </span>
        {close}
      </summary>
      <div class="json-children">
        {entries.map(([k, v]) => (
          <JsonNode
            key={k}
            value={v}
            depth={depth + 1}
            {...(Array.isArray(value) ? {} : { name: k })}
          />
        ))}
      </div>
    </details>
  );
}

/**
 * Previous / Next over a cursor-paged list: `cursors` is the stack of page cursors (the first
 * page's is undefined), `nextCursor` the current page's (null on the last page).
 */
export function CursorPager({
  cursors,
  setCursors,
  nextCursor,
}: {
  cursors: readonly (string | undefined)[];
  setCursors: (cursors: (string | undefined)[]) => void;
  nextCursor: string | null | undefined;
}) {
  return (
    <nav class="pager" aria-label="Pages">
      <button
        type="button"
        disabled={cursors.length === 1}
        onClick={() => setCursors(cursors.slice(0, -1))}
      >
        Previous
      </button>
      <span>Page {cursors.length}</span>
      <button
        type="button"
        disabled={nextCursor == null}
        onClick={() => setCursors([...cursors, nextCursor ?? undefined])}
      >
        Next
      </button>
    </nav>
  );
}
