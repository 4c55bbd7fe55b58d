/**
 * Result parsing of the `*Typed` scheduling methods (duroxide-node's typed family): results are
 * JS values already, and a result that is itself JSON text (an activity that returned
 * `JSON.stringify(x)`) is parsed once more, as duroxide-node does.
 * @module
 */

/** `text` parsed when it is a string holding JSON; any other value unchanged. */
export function parseJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** `ctx.allTyped`: each `{ ok }` / `{ err }` element parsed. */
export function parseAllResults(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((r: unknown) => {
    if (typeof r !== 'object' || r === null) return r;
    const item = r as { ok?: unknown; err?: unknown };
    return 'err' in item && item.err !== undefined
      ? { err: parseJsonText(item.err) }
      : { ok: parseJsonText(item.ok) };
  });
}

/** `ctx.raceTyped`: the winner's value parsed. */
export function parseRaceResult(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const r = value as { index: number; value: unknown };
  return { index: r.index, value: parseJsonText(r.value) };
}
