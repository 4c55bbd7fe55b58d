/**
 * A modal confirmation (native <dialog>: focus is trapped, Escape closes). The form inside is
 * the action's parameters; the confirm button runs it and shows the error, if any.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface ConfirmProps {
  readonly title: string;
  readonly confirmLabel: string;
  readonly isDanger?: boolean;
  readonly children?: ComponentChildren;
  /** Runs the action; resolves to a message shown after success. */
  onConfirm: () => Promise<string | undefined>;
  onClose: (changed: boolean) => void;
}

export function ConfirmDialog(props: ConfirmProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const message = await props.onConfirm();
      setDone(message ?? 'Done.');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby="dialog-title"
      onClose={() => props.onClose(done !== undefined)}
    >
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="dialog-title">{props.title}</h2>
        {props.children}
        {error !== undefined ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        {done !== undefined ? (
          <p class="success" role="status">
            {done}
          </p>
        ) : null}
        <div class="dialog-buttons">
          <button type="button" onClick={() => ref.current?.close()}>
            {done !== undefined ? 'Close' : 'Cancel'}
          </button>
          {done === undefined ? (
            <button
              type="submit"
              class={props.isDanger === true ? 'danger' : 'primary'}
              disabled={busy}
            >
              {busy ? 'Working…' : props.confirmLabel}
            </button>
          ) : null}
        </div>
      </form>
    </dialog>
  );
}

/** Parses the JSON typed in a textarea; empty means undefined. */
export function parseJsonInput(text: string, what: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${what} is not valid JSON`);
  }
}
