/**
 * Loads `@opentelemetry/api` when the application has it installed. It is an optional peer
 * dependency: without it the runtime keeps its own metrics (Prometheus text, snapshot) and
 * logging, and skips every OpenTelemetry call (docs/decisions/0009-observability.md). The
 * client uses it to record the caller's active span on the starts it enqueues.
 * @module
 */
import type * as OtelApiModule from '@opentelemetry/api';
import type { TraceContext } from '../core/history/history-event.js';

/** The API's module namespace. */
export type OtelApi = typeof OtelApiModule;

/**
 * The API, or undefined when it is not installed. Node caches the module, so calling this once
 * per runtime start is cheap; the API itself keeps the registered SDK on `globalThis`, so the
 * ESM and CJS copies of this package see the same one.
 */
export function loadOtelApi(): Promise<OtelApi | undefined> {
  // Whether the package is installed is a fact of the installation, the same for every client
  // and runtime: loaded (or found missing) once, so starts without it pay nothing per call.
  loading ??= import('@opentelemetry/api').then(
    (mod) => {
      // Both module systems see the named exports; a namespace without them is unusable.
      const api = mod as Partial<OtelApi>;
      return typeof api.trace === 'object' && typeof api.isSpanContextValid === 'function'
        ? (api as OtelApi)
        : undefined;
    },
    () => undefined,
  );
  return loading;
}

let loading: Promise<OtelApi | undefined> | undefined;

/**
 * The W3C context of the caller's active span, to record on a start so the execution continues
 * the caller's trace; undefined without the API or without a valid active span.
 */
export async function activeTraceContext(): Promise<TraceContext | undefined> {
  const api = await loadOtelApi();
  const sc = api?.trace.getSpanContext(api.context.active());
  if (api === undefined || sc === undefined || !api.isSpanContextValid(sc)) return undefined;
  const tracestate = sc.traceState?.serialize();
  return {
    traceparent: `00-${sc.traceId}-${sc.spanId}-${sc.traceFlags.toString(16).padStart(2, '0')}`,
    ...(tracestate === undefined || tracestate === '' ? {} : { tracestate }),
  };
}
