/** Loads data for a screen: `{ data, error, loading, reload }`, re-run when `deps` change. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Async<T> {
  readonly data: T | undefined;
  readonly error: Error | undefined;
  readonly loading: boolean;
  reload: () => void;
}

export function useAsync<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
  refreshMs?: number,
): Async<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const run = useCallback(() => {
    const g = ++generation.current;
    setLoading(true);
    load().then(
      (value) => {
        if (g !== generation.current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (g !== generation.current) return;
        setError(e instanceof Error ? e : new Error(String(e)));
        setLoading(false);
      },
    );
  }, deps);
  useEffect(() => {
    run();
    if (refreshMs === undefined) return undefined;
    const timer = setInterval(run, refreshMs);
    return () => clearInterval(timer);
  }, [run, refreshMs]);
  return { data, error, loading, reload: run };
}
