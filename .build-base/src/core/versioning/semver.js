/**
 * Semantic versions of orchestrations. Only `MAJOR.MINOR.PATCH` with an optional
 * pre-release is accepted; comparison follows semver precedence.
 * @module
 */
const SEMVER_RE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;
/** Parses a semver string, or returns `null` when it is not one. */
export function parseSemVer(text) {
    const m = SEMVER_RE.exec(text);
    if (m === null)
        return null;
    const prerelease = m[4] === undefined ? [] : m[4].split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease };
}
/** Negative when a < b, positive when a > b, zero when equal in precedence. */
export function compareSemVer(a, b) {
    if (a.major !== b.major)
        return a.major - b.major;
    if (a.minor !== b.minor)
        return a.minor - b.minor;
    if (a.patch !== b.patch)
        return a.patch - b.patch;
    if (a.prerelease.length === 0 || b.prerelease.length === 0) {
        return b.prerelease.length - a.prerelease.length;
    }
    const n = Math.min(a.prerelease.length, b.prerelease.length);
    for (let i = 0; i < n; i++) {
        const x = a.prerelease[i];
        const y = b.prerelease[i];
        if (x === y)
            continue;
        if (typeof x === 'number' && typeof y === 'number')
            return x - y;
        if (typeof x === 'number')
            return -1;
        if (typeof y === 'number')
            return 1;
        return x < y ? -1 : 1;
    }
    return a.prerelease.length - b.prerelease.length;
}
export function formatSemVer(v) {
    const base = `${v.major}.${v.minor}.${v.patch}`;
    return v.prerelease.length === 0 ? base : `${base}-${v.prerelease.join('.')}`;
}
/** The version `registerOrchestration(name, fn)` registers. */
export const DEFAULT_VERSION = '1.0.0';
//# sourceMappingURL=semver.js.map