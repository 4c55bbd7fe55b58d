/**
 * Result parsing of the `*Typed` scheduling methods (duroxide-node's typed family): results are
 * JS values already, and a result that is itself JSON text (an activity that returned
 * `JSON.stringify(x)`) is parsed once more, as duroxide-node does.
 * @module
 */
/** `text` parsed when it is a string holding JSON; any other value unchanged. */
export function parseJsonText(value) {
    if (typeof value !== 'string')
        return value;
    try {
        return JSON.parse(value);
    }
    catch {
        return value;
    }
}
/** `ctx.allTyped`: each `{ ok }` / `{ err }` element parsed. */
export function parseAllResults(value) {
    if (!Array.isArray(value))
        return value;
    return value.map((r) => {
        if (typeof r !== 'object' || r === null)
            return r;
        const item = r;
        return 'err' in item && item.err !== undefined
            ? { err: parseJsonText(item.err) }
            : { ok: parseJsonText(item.ok) };
    });
}
/** `ctx.raceTyped`: the winner's value parsed. */
export function parseRaceResult(value) {
    if (typeof value !== 'object' || value === null)
        return value;
    const r = value;
    return { index: r.index, value: parseJsonText(r.value) };
}
//# sourceMappingURL=typed-results.js.map