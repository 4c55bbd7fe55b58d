/**
 * The instance signals of a provider, routed to the waits of each instance.
 * @module
 */
import type { Provider, ProviderSignal } from '../providers/provider.js';

export type InstanceSignal = Extract<ProviderSignal, { kind: 'instance' }>;
type InstanceListener = (signal: InstanceSignal) => void;

/** The one `provider.subscribe` shared by every wait on a provider. */
interface SignalRoutes {
  readonly byInstance: Map<string, Set<InstanceListener>>;
  unsubscribe: (() => void) | undefined;
}

const routesByProvider = new WeakMap<Provider, SignalRoutes>();

/**
 * Calls `listener` with each instance signal of `instanceId` that `provider` emits; the returned
 * function stops it (idempotent). Every wait on one provider shares one subscription, routed by
 * instance id, so a signal costs one map lookup instead of a call to every waiting instance's
 * listener (a loaded client waits for a hundred instances at once; docs/performance.md). The
 * subscription is taken with the first wait and dropped with the last.
 */
export function subscribeInstance(
  provider: Provider,
  instanceId: string,
  listener: InstanceListener,
): () => void {
  let routes = routesByProvider.get(provider);
  if (routes === undefined) {
    routes = { byInstance: new Map(), unsubscribe: undefined };
    routesByProvider.set(provider, routes);
  }
  const { byInstance } = routes;
  routes.unsubscribe ??= provider.subscribe((signal) => {
    if (signal.kind !== 'instance') return;
    const listeners = byInstance.get(signal.instanceId);
    if (listeners === undefined) return;
    // Listeners added by a listener take effect from the next signal (as the provider's own).
    for (const l of listeners.size === 1 ? listeners : [...listeners]) {
      try {
        l(signal);
      } catch {
        // A hint only: a throwing listener must not stop the others (as in the provider).
      }
    }
  });
  let listeners = byInstance.get(instanceId);
  if (listeners === undefined) {
    listeners = new Set();
    byInstance.set(instanceId, listeners);
  }
  const own = listeners;
  own.add(listener);
  return () => {
    if (!own.delete(listener) || own.size > 0) return;
    if (byInstance.get(instanceId) === own) byInstance.delete(instanceId);
    if (byInstance.size > 0) return;
    const unsubscribe = routesByProvider.get(provider)?.unsubscribe;
    routesByProvider.delete(provider);
    unsubscribe?.();
  };
}
