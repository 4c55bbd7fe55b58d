/**
 * Fleet version policies and the one rule that turns a policy into the version of a new
 * execution (docs/versioning.md, "How a version is chosen"). Pure: the caller gathers the inputs
 * (the stored policy, the versions live nodes register, the current execution's version).
 * @module
 */
import { compareSemVer, formatSemVer, parseSemVer } from './semver.js';
/**
 * The bucket (0–99) of an instance id for ramps: FNV-1a over the id's UTF-16 code units, so
 * every node (and a retry) puts an instance in the same bucket.
 */
export function rampBucket(instanceId) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < instanceId.length; i++) {
        hash ^= instanceId.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % 100;
}
function isRelease(v) {
    return v.prerelease.length === 0;
}
function highest(versions, releasesOnly) {
    let best;
    for (const text of versions) {
        const semver = parseSemVer(text);
        if (semver === null || (releasesOnly && !isRelease(semver)))
            continue;
        if (best === undefined || compareSemVer(semver, best.semver) > 0)
            best = { text, semver };
    }
    return best?.text;
}
/**
 * "latest" for a fleet: the highest release that EVERY live node registering the name
 * registers, so a rolling deploy promotes a new version only once no old node is left.
 * Pre-releases count only when no release is registered at all. When the nodes share no
 * version (each runs different code), the highest version any of them registers.
 */
export function fleetLatest(nodes) {
    if (nodes.length === 0)
        return undefined;
    const key = (v) => {
        const s = parseSemVer(v);
        return s === null ? v : formatSemVer(s);
    };
    let shared;
    const all = new Map();
    for (const node of nodes) {
        const mine = new Map(node.versions.map((v) => [key(v), v]));
        for (const [k, v] of mine)
            all.set(k, v);
        shared = shared === undefined ? mine : new Map([...shared].filter(([k]) => mine.has(k)));
    }
    const pool = shared !== undefined && shared.size > 0 ? [...shared.values()] : [...all.values()];
    return highest(pool, true) ?? highest(pool, false);
}
/** The policy that applies when none is stored: the live nodes' common in-code default, else latest. */
export function effectivePolicy(stored, nodes) {
    if (stored !== undefined)
        return stored;
    let agreed;
    for (const node of nodes) {
        const p = node.defaultPolicy ?? LATEST;
        if (agreed === undefined)
            agreed = p;
        else if (!samePolicy(agreed, p))
            return LATEST;
    }
    return agreed ?? LATEST;
}
const LATEST = { kind: 'latest' };
function samePolicy(a, b) {
    switch (a.kind) {
        case 'latest':
            return b.kind === 'latest';
        case 'pinned':
            return (b.kind === 'pinned' &&
                b.version === a.version &&
                (b.allowDowngrade ?? false) === (a.allowDowngrade ?? false));
        case 'ramp':
            return b.kind === 'ramp' && b.from === a.from && b.to === a.to && b.percent === a.percent;
    }
}
/**
 * The version of a new execution (start, sub-orchestration, detached start, continue-as-new
 * without an explicit version). Decided once by the node that creates the work and recorded on
 * the work item; never re-resolved by the node that runs it.
 *
 * A continue-as-new never moves to a version below the current one, unless the policy is
 * `pinned` with `allowDowngrade`.
 */
export function resolveExecutionVersion(input) {
    const policy = effectivePolicy(input.storedPolicy, input.nodes);
    let version;
    let rule;
    switch (policy.kind) {
        case 'pinned':
            version = policy.version;
            rule = 'pinned';
            break;
        case 'ramp':
            version = rampBucket(input.instanceId) < policy.percent ? policy.to : policy.from;
            rule = 'ramp';
            break;
        case 'latest':
            version = fleetLatest(input.nodes);
            rule = 'latest';
            break;
    }
    const current = input.currentVersion === undefined ? null : parseSemVer(input.currentVersion);
    if (current !== null && input.currentVersion !== undefined) {
        const chosen = version === undefined ? null : parseSemVer(version);
        const downgradeAllowed = policy.kind === 'pinned' && policy.allowDowngrade === true;
        if (chosen === null || (compareSemVer(chosen, current) < 0 && !downgradeAllowed)) {
            return { version: input.currentVersion, rule: 'kept-current' };
        }
    }
    return { version, rule };
}
/**
 * Checks the shape of a policy (from user input or storage); returns a sentence naming the
 * problem, or undefined when it is valid.
 */
export function describePolicyProblem(policy) {
    if (typeof policy !== 'object' || policy === null)
        return `a version policy must be an object with 'kind', got ${JSON.stringify(policy) ?? typeof policy}`;
    const p = policy;
    const semver = (field) => typeof p[field] === 'string' && parseSemVer(p[field]) !== null
        ? undefined
        : `'${field}' must be a semver string like '2.0.0', got ${JSON.stringify(p[field]) ?? 'nothing'}`;
    switch (p['kind']) {
        case 'latest':
            return undefined;
        case 'pinned':
            if (p['allowDowngrade'] !== undefined && typeof p['allowDowngrade'] !== 'boolean')
                return `'allowDowngrade' must be true or false`;
            return semver('version');
        case 'ramp': {
            const problem = semver('from') ?? semver('to');
            if (problem !== undefined)
                return problem;
            const percent = p['percent'];
            if (typeof percent !== 'number' ||
                !Number.isInteger(percent) ||
                percent < 0 ||
                percent > 100) {
                return `'percent' must be an integer from 0 to 100, got ${JSON.stringify(percent) ?? 'nothing'}`;
            }
            if (compareSemVer(parseSemVer(p['from']), parseSemVer(p['to'])) === 0)
                return `a ramp needs two different versions, got '${String(p['from'])}' twice`;
            return undefined;
        }
        default:
            return `a version policy's 'kind' must be 'latest', 'pinned' or 'ramp', got ${JSON.stringify(p['kind']) ?? 'nothing'}`;
    }
}
//# sourceMappingURL=version-policy.js.map