/**
 * What every statement module is prepared with: the schema its tables live in (and its NOTIFY
 * channel) and the provider's identity for NOTIFY payloads.
 * @module
 */
import type { SchemaIdentity } from '../connection-config.js';

export interface StatementContext {
  readonly schema: SchemaIdentity;
  /** This provider's random id, sent with each NOTIFY so it can ignore its own. */
  readonly origin: string;
}

/** `"schema".table` */
export function table(ctx: StatementContext, name: string): string {
  return `${ctx.schema.quoted}.${name}`;
}

/**
 * JSON texts as one JSON array: a statement reads them back with `json_array_elements($n::json)`,
 * whose elements' `::text` is each text exactly as given (the `json` type keeps its input
 * verbatim), without the quoting and escaping of a `text[]` parameter's array literal — the
 * largest per-item cost of the driver on the hot acks.
 */
export function jsonArray(texts: readonly string[]): string {
  return `[${texts.join(',')}]`;
}
