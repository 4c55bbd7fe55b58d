/**
 * Loads `@opentelemetry/api` when the application has it installed. It is an optional peer
 * dependency: without it the runtime keeps its own metrics (Prometheus text, snapshot) and
 * logging, and skips every OpenTelemetry call (docs/decisions/0009-observability.md).
 * @module
 */
import type * as OtelApiModule from '@opentelemetry/api';

/** The API's module namespace. */
export type OtelApi = typeof OtelApiModule;

/**
 * The API, or undefined when it is not installed. Node caches the module, so calling this once
 * per runtime start is cheap; the API itself keeps the registered SDK on `globalThis`, so the
 * ESM and CJS copies of this package see the same one.
 */
export async function loadOtelApi(): Promise<OtelApi | undefined> {
  try {
    const mod = (await import('@opentelemetry/api')) as OtelApi & { default?: OtelApi };
    return typeof mod.trace === 'object' ? mod : mod.default;
  } catch {
    return undefined;
  }
}
