/**
 * Small builders for route definitions: JSON and problem+json response entries.
 * @module
 */
import type { z } from '@hono/zod-openapi';
import { PROBLEM_CONTENT_TYPE } from '../problem.js';

export function ok<S extends z.ZodType>(
  schema: S,
  description: string,
): { description: string; content: { 'application/json': { schema: S } } } {
  return { description, content: { 'application/json': { schema } } };
}

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'invalid request (code INVALID_INPUT)',
  401: 'no or invalid API key (UNAUTHENTICATED)',
  403: 'role too low or server read-only (PERMISSION_DENIED)',
  404: 'not found (INSTANCE_NOT_FOUND)',
  409: 'refused in the current state (INSTANCE_STILL_RUNNING, CANNOT_DELETE_SUB_ORCHESTRATION, INVALID_STATE, REQUEST_REFUSED, …)',
  413: 'request body too large (INVALID_INPUT)',
  422: 'a version no live node registers (VERSION_NOT_REGISTERED)',
  504: 'no runtime applied the request in time (TIMEOUT)',
};

/**
 * Problem responses for the OpenAPI document. Declared without a schema-typed body so handlers
 * are not asked to return them: errors are thrown and rendered by the server's error handler.
 */
export function problemResponses(...statuses: number[]): Record<number, { description: string }> {
  const out: Record<number, { description: string }> = {};
  for (const s of statuses)
    out[s] = {
      description: `${DESCRIPTIONS[s] ?? 'error'}; body ${PROBLEM_CONTENT_TYPE} (Problem)`,
    };
  return out;
}

/** `T` with every `readonly` removed, recursively (the Client's read models are readonly). */
export type DeepMutable<T> = T extends (infer U)[]
  ? DeepMutable<U>[]
  : T extends readonly (infer U)[]
    ? DeepMutable<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
      : T;

/** The same value, typed as mutable for the response schemas (it is only serialised). */
export function plain<T>(value: T): DeepMutable<T> {
  return value as DeepMutable<T>;
}
